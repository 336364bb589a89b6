import { useEffect, useState } from 'react';
import { Badge, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../constants';

/** A record's mirroring status as the admin route answers it (server/src/sync/visibility.ts). */
type RecordStatus =
  | { status: 'synced'; remoteId: string }
  | { status: 'pending'; note: string | null }
  | { status: 'failed'; reason: string }
  | { status: 'not-mirrored' };

/** Which outbox kind an edit view's record is mirrored as, and the key the outbox names it by. */
const MIRRORED_AS: Record<string, { kind: string; key: (props: PanelProps) => unknown }> = {
  'api::customer.customer': { kind: 'contact', key: (props) => props.documentId },
  'api::asset.asset': { kind: 'item', key: (props) => props.documentId },
  'api::order.order': { kind: 'invoice', key: (props) => props.documentId },
  'api::order.credit-note': { kind: 'creditNote', key: (props) => props.document?.number },
};

interface PanelProps {
  model: string;
  documentId?: string;
  document?: Record<string, unknown>;
}

function describe(status: RecordStatus): {
  badge: 'success' | 'secondary' | 'danger' | 'neutral';
  text: string;
} {
  switch (status.status) {
    case 'synced':
      return { badge: 'success', text: `Synced (remote id ${status.remoteId})` };
    case 'pending':
      return { badge: 'secondary', text: status.note ? `Pending: ${status.note}` : 'Pending' };
    case 'failed':
      return { badge: 'danger', text: `Failed: ${status.reason}` };
    case 'not-mirrored':
      return { badge: 'neutral', text: 'Not mirrored' };
  }
}

/**
 * The content manager's side panel on customers, assets, orders and credit notes: whether the
 * record is mirrored to the accounting system. Shows nothing to admins who may not read the
 * connector's status (the route answers them 403) or for records it does not mirror.
 */
export function SyncStatusPanel(props: PanelProps) {
  const { get } = useFetchClient();
  const target = MIRRORED_AS[props.model];
  const key = target?.key(props);
  const [status, setStatus] = useState<RecordStatus | null>();

  useEffect(() => {
    if (!target || typeof key !== 'string' || key === '') {
      return;
    }
    get<{ data: RecordStatus }>(`/${PLUGIN_ID}/records/${target.kind}/${encodeURIComponent(key)}`)
      .then((res) => setStatus(res.data.data))
      .catch(() => setStatus(null));
  }, [get, target, key]);

  if (!target || !status) {
    return null;
  }
  const shown = describe(status);
  return {
    title: 'Accounting sync',
    content: (
      <Flex direction="column" alignItems="flex-start" gap={2} width="100%">
        <Badge variant={shown.badge}>{status.status}</Badge>
        <Typography variant="pi">{shown.text}</Typography>
      </Flex>
    ),
  };
}
