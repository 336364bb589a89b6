import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  TextInput,
  Toggle,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { PLUGIN_ID, READ_PERMISSIONS, SETTINGS_PERMISSIONS } from '../constants';
import { errorMessage, type MirrorToggles, type SettingsView } from '../components/api';

const MIRROR_LABELS: [keyof MirrorToggles, string][] = [
  ['contacts', 'Contacts (customers)'],
  ['items', 'Items (stock items)'],
  ['invoices', 'Invoices'],
  ['payments', 'Payments'],
  ['refunds', 'Refunds'],
  ['creditNotes', 'Credit notes'],
];

type Text = 'apiBaseUrl' | 'tokenUrl' | 'organizationId' | 'clientId';

const TEXT_FIELDS: [Text, string, string][] = [
  ['apiBaseUrl', 'API base URL', 'https://www.zohoapis.com/books/v3'],
  ['tokenUrl', 'Accounts (token) URL', 'https://accounts.zoho.com/oauth/v2/token'],
  ['organizationId', 'Organization id', ''],
  ['clientId', 'OAuth client id', ''],
];

/** Settings > Accounting sync: the switch, what to mirror, where, and write-only credentials. */
function SettingsForm() {
  const { get, put } = useFetchClient();
  const { allowedActions } = useRBAC(SETTINGS_PERMISSIONS);
  const canChange = allowedActions.canSettings === true;
  const [settings, setSettings] = useState<SettingsView>();
  const [secrets, setSecrets] = useState({ clientSecret: '', refreshToken: '' });
  const [loadError, setLoadError] = useState<string>();
  const [saveResult, setSaveResult] = useState<{ ok: boolean; message: string }>();
  const [isSaving, setIsSaving] = useState(false);

  useEffect(() => {
    get<{ data: SettingsView }>(`/${PLUGIN_ID}/settings`)
      .then((res) => setSettings(res.data.data))
      .catch((error: unknown) => setLoadError(errorMessage(error)));
  }, [get]);

  if (loadError) {
    return <Page.Error />;
  }
  if (!settings) {
    return <Page.Loading />;
  }

  const save = async () => {
    setIsSaving(true);
    setSaveResult(undefined);
    // NOTE: only what may change is sent; an empty secret field keeps the stored secret (the
    // page never has it: secrets are write-only).
    const data = {
      isEnabled: settings.isEnabled,
      isDryRun: settings.isDryRun,
      mirror: settings.mirror,
      apiBaseUrl: settings.apiBaseUrl || undefined,
      tokenUrl: settings.tokenUrl || undefined,
      organizationId: settings.organizationId || undefined,
      clientId: settings.clientId || undefined,
      clientSecret: secrets.clientSecret || undefined,
      refreshToken: secrets.refreshToken || undefined,
    };
    try {
      const res = await put<{ data: SettingsView }>(`/${PLUGIN_ID}/settings`, { data });
      setSettings(res.data.data);
      setSecrets({ clientSecret: '', refreshToken: '' });
      setSaveResult({ ok: true, message: 'Settings saved.' });
    } catch (error) {
      setSaveResult({ ok: false, message: errorMessage(error) });
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <>
      <Layouts.Header
        title="Accounting sync"
        subtitle="Mirror customers, items, invoices, payments, refunds and credit notes to Zoho Books"
        primaryAction={
          <Button onClick={save} loading={isSaving} disabled={!canChange}>
            Save
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {saveResult && (
            <Alert
              variant={saveResult.ok ? 'success' : 'danger'}
              title={saveResult.ok ? 'Saved' : 'Not saved'}
              closeLabel="Close"
              onClose={() => setSaveResult(undefined)}
            >
              {saveResult.message}
            </Alert>
          )}
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Field.Root
                name="isEnabled"
                hint="Off by default; while off, nothing is recorded or sent."
              >
                <Field.Label>Connector</Field.Label>
                <Toggle
                  onLabel="On"
                  offLabel="Off"
                  checked={settings.isEnabled}
                  disabled={!canChange}
                  onChange={(e) => setSettings({ ...settings, isEnabled: e.currentTarget.checked })}
                />
                <Field.Hint />
              </Field.Root>
              <Field.Root name="isDryRun" hint="Record what would be sent, and send nothing.">
                <Field.Label>Dry run</Field.Label>
                <Toggle
                  onLabel="On"
                  offLabel="Off"
                  checked={settings.isDryRun}
                  disabled={!canChange}
                  onChange={(e) => setSettings({ ...settings, isDryRun: e.currentTarget.checked })}
                />
                <Field.Hint />
              </Field.Root>
              <Typography variant="delta">Mirror</Typography>
              {MIRROR_LABELS.map(([key, label]) => (
                <Checkbox
                  key={key}
                  checked={settings.mirror[key]}
                  disabled={!canChange}
                  onCheckedChange={(checked) =>
                    setSettings({
                      ...settings,
                      mirror: { ...settings.mirror, [key]: checked === true },
                    })
                  }
                >
                  {label}
                </Checkbox>
              ))}
            </Flex>
          </Box>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography variant="delta">Zoho Books connection</Typography>
              {TEXT_FIELDS.map(([key, label, placeholder]) => (
                <Field.Root key={key} name={key}>
                  <Field.Label>{label}</Field.Label>
                  <TextInput
                    placeholder={placeholder}
                    value={settings[key] ?? ''}
                    disabled={!canChange}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                      setSettings({ ...settings, [key]: e.target.value })
                    }
                  />
                </Field.Root>
              ))}
              {(
                [
                  ['clientSecret', 'OAuth client secret', settings.hasClientSecret],
                  ['refreshToken', 'OAuth refresh token', settings.hasRefreshToken],
                ] as const
              ).map(([key, label, isSet]) => (
                <Field.Root
                  key={key}
                  name={key}
                  hint={isSet ? 'Set. Leave empty to keep it; type to replace it.' : 'Not set.'}
                >
                  <Field.Label>{label}</Field.Label>
                  <TextInput
                    type="password"
                    autoComplete="off"
                    value={secrets[key]}
                    disabled={!canChange}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                      setSecrets({ ...secrets, [key]: e.target.value })
                    }
                  />
                  <Field.Hint />
                </Field.Root>
              ))}
            </Flex>
          </Box>
        </Flex>
      </Layouts.Content>
    </>
  );
}

export default function SettingsPage() {
  return (
    <Page.Protect permissions={READ_PERMISSIONS}>
      <Page.Main>
        <Page.Title>Accounting sync settings</Page.Title>
        <SettingsForm />
      </Page.Main>
    </Page.Protect>
  );
}
