/** The shapes the admin routes answer with (see server/src/sync/settings.ts, visibility.ts). */

export interface MirrorToggles {
  contacts: boolean;
  items: boolean;
  invoices: boolean;
  payments: boolean;
  refunds: boolean;
  creditNotes: boolean;
}

export interface SettingsView {
  isEnabled: boolean;
  provider: 'zoho-books';
  mirror: MirrorToggles;
  isDryRun: boolean;
  apiBaseUrl: string | null;
  tokenUrl: string | null;
  organizationId: string | null;
  clientId: string | null;
  hasClientSecret: boolean;
  hasRefreshToken: boolean;
}

export interface ConnectionHealth {
  isEnabled: boolean;
  isDryRun: boolean;
  pause: { kind: string | null; reason: string; until: string } | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  counts: { pending: number; synced: number; dead: number; previewed: number };
  flagged: number;
  oldestPendingAt: string | null;
  lagSeconds: number;
}

export interface OutboxEntry {
  id: number;
  kind: string;
  sourceId: string;
  state: 'pending' | 'synced' | 'dead' | 'previewed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  remoteId: string | null;
  isFlagged: boolean | null;
  flagReason: string | null;
  preview: unknown;
  createdAt: string;
}

/** The message of a failed admin request, in Strapi's error body or axios' own. */
export function errorMessage(error: unknown): string {
  const response = (error as { response?: { data?: { error?: { message?: string } } } }).response;
  return (
    response?.data?.error?.message ?? (error instanceof Error ? error.message : 'Request failed')
  );
}
