import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  EmptyStateLayout,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { PLUGIN_ID, READ_PERMISSIONS, SETTINGS_PERMISSIONS } from '../constants';
import { errorMessage, type ConnectionHealth, type OutboxEntry } from '../components/api';

type StateFilter = 'pending' | 'dead' | 'synced' | 'previewed';

const STATE_BADGE: Record<OutboxEntry['state'], 'secondary' | 'danger' | 'success' | 'neutral'> = {
  pending: 'secondary',
  dead: 'danger',
  synced: 'success',
  previewed: 'neutral',
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function Health({ health }: { health: ConnectionHealth }) {
  const facts: [string, string][] = [
    ['Connector', health.isEnabled ? (health.isDryRun ? 'On (dry run)' : 'On') : 'Off'],
    ['Last success', when(health.lastSuccessAt)],
    ['Lag', `${health.lagSeconds} s`],
    ['Oldest pending', when(health.oldestPendingAt)],
    ['Pending', String(health.counts.pending)],
    ['Dead letters', String(health.counts.dead)],
    ['Synced', String(health.counts.synced)],
    ['Flagged (adjusted)', String(health.flagged)],
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {health.pause && (
        <Alert variant="warning" title="Paused" closeLabel="Close">
          {`${health.pause.reason} (until ${when(health.pause.until)})`}
        </Alert>
      )}
      {!health.pause && health.lastError && health.counts.dead > 0 && (
        <Alert variant="danger" title="Last failure" closeLabel="Close">
          {health.lastError}
        </Alert>
      )}
      <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
        <Flex wrap="wrap" gap={6}>
          {facts.map(([label, value]) => (
            <Flex key={label} direction="column" alignItems="flex-start" gap={1}>
              <Typography variant="sigma" textColor="neutral600">
                {label}
              </Typography>
              <Typography variant="omega" fontWeight="bold">
                {value}
              </Typography>
            </Flex>
          ))}
        </Flex>
      </Box>
    </Flex>
  );
}

/** The connection's health and the outbox: backlog, failures and dead letters, with retry. */
function SyncStatus() {
  const { get, post } = useFetchClient();
  const { allowedActions } = useRBAC(SETTINGS_PERMISSIONS);
  const canChange = allowedActions.canSettings === true;
  const [state, setState] = useState<StateFilter>('dead');
  const [health, setHealth] = useState<ConnectionHealth>();
  const [entries, setEntries] = useState<OutboxEntry[]>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    try {
      const [status, list] = await Promise.all([
        get<{ data: ConnectionHealth }>(`/${PLUGIN_ID}/status`),
        get<{ data: OutboxEntry[] }>(`/${PLUGIN_ID}/entries?state=${state}`),
      ]);
      setHealth(status.data.data);
      setEntries(list.data.data);
      setError(undefined);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, [get, state]);

  useEffect(() => {
    void load();
  }, [load]);

  const retry = async (id: number) => {
    try {
      await post(`/${PLUGIN_ID}/entries/${id}/retry`, {});
      setNotice(`Entry ${id} will be sent again.`);
      await load();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  const mirrorExisting = async () => {
    try {
      const res = await post<{ data: Record<string, number> }>(`/${PLUGIN_ID}/mirror-existing`, {});
      const queued = Object.entries(res.data.data).map(([kind, count]) => `${count} ${kind}`);
      setNotice(queued.length > 0 ? `Queued ${queued.join(', ')}.` : 'Nothing new to mirror.');
      await load();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  if (error && !health) {
    return <Page.Error />;
  }
  if (!health || !entries) {
    return <Page.Loading />;
  }
  return (
    <>
      <Layouts.Header
        title="Accounting sync"
        subtitle="Mirroring to Zoho Books: health, backlog and dead letters"
        primaryAction={
          <Button onClick={mirrorExisting} disabled={!canChange || !health.isEnabled}>
            Mirror existing records
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {error && (
            <Alert
              variant="danger"
              title="Error"
              closeLabel="Close"
              onClose={() => setError(undefined)}
            >
              {error}
            </Alert>
          )}
          {notice && (
            <Alert
              variant="success"
              title="Done"
              closeLabel="Close"
              onClose={() => setNotice(undefined)}
            >
              {notice}
            </Alert>
          )}
          <Health health={health} />
          <Box width="240px">
            <SingleSelect
              aria-label="Show entries"
              value={state}
              onChange={(value: string | number) => setState(value as StateFilter)}
            >
              <SingleSelectOption value="dead">Dead letters</SingleSelectOption>
              <SingleSelectOption value="pending">Backlog and failures</SingleSelectOption>
              <SingleSelectOption value="synced">Synced</SingleSelectOption>
              <SingleSelectOption value="previewed">Dry-run previews</SingleSelectOption>
            </SingleSelect>
          </Box>
          {entries.length === 0 ? (
            <EmptyStateLayout content="No entries in this state." />
          ) : (
            <Table colCount={7} rowCount={entries.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">Entry</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Record</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">State</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Attempts</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Remote id</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Reason or note</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Action</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {entries.map((entry) => (
                  <Tr key={entry.id}>
                    <Td>
                      <Typography>{entry.id}</Typography>
                    </Td>
                    <Td>
                      <Typography>{`${entry.kind} ${entry.sourceId}`}</Typography>
                    </Td>
                    <Td>
                      <Badge variant={STATE_BADGE[entry.state]}>{entry.state}</Badge>
                    </Td>
                    <Td>
                      <Typography>{entry.attempts}</Typography>
                    </Td>
                    <Td>
                      <Typography>{entry.remoteId ?? '—'}</Typography>
                    </Td>
                    <Td>
                      <Typography>
                        {entry.flagReason ??
                          entry.lastError ??
                          (entry.preview ? JSON.stringify(entry.preview) : '—')}
                      </Typography>
                    </Td>
                    <Td>
                      {entry.state === 'dead' && (
                        <Button
                          variant="secondary"
                          size="S"
                          disabled={!canChange}
                          onClick={() => retry(entry.id)}
                        >
                          Retry
                        </Button>
                      )}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Flex>
      </Layouts.Content>
    </>
  );
}

export default function SyncStatusPage() {
  return (
    <Page.Protect permissions={READ_PERMISSIONS}>
      <Page.Main>
        <Page.Title>Accounting sync</Page.Title>
        <SyncStatus />
      </Page.Main>
    </Page.Protect>
  );
}
