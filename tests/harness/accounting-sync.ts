import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { startFakeBooks, type FakeBooksServer } from '../../tools/fake-books/src';

/** Helpers for the accounting connector's tests: the fake Zoho Books and the plugin's service. */

// NOTE: a .env written before the connector existed has no key; the tests bring their own.
process.env.ACCOUNTING_SYNC_SECRET_KEY ??= crypto.randomBytes(24).toString('base64');

export const OUTBOX_UID = 'plugin::accounting-sync.outbox-entry';
export const CONNECTION_UID = 'plugin::accounting-sync.connection';
export const ID_MAP_UID = 'plugin::accounting-sync.id-map-entry';

export interface DrainReport {
  steps: number;
  synced: number;
  dead: number;
  pending: number;
  stoppedBecause?: string;
}

/** The plugin's service as the tests use it (the plugin is bundled on its own). */
export interface SyncService {
  stopPolling(): Promise<void>;
  drain(maxMs?: number): Promise<DrainReport>;
  retry(rowId: number): Promise<boolean>;
  saveSettings(input: unknown): Promise<Record<string, unknown>>;
  settings(): Promise<Record<string, unknown>>;
}

export const syncOf = (strapi: Core.Strapi) =>
  strapi.plugin('accounting-sync').service('sync') as unknown as SyncService;

export interface Limits {
  requestsPerWindow: number;
  windowMs: number;
}

/** A fake Zoho Books on a free loopback port with these limits and no practical daily cap. */
export function startSyncBooks(limits: Limits): Promise<FakeBooksServer> {
  return startFakeBooks({ port: 0, rateLimit: { ...limits, dailyLimit: 100_000 } });
}

/** Switches the connector on against the fake, with the same limits on our side. */
export async function connectTo(
  strapi: Core.Strapi,
  books: FakeBooksServer,
  limits: Limits,
  overrides: Record<string, unknown> = {},
): Promise<void> {
  await syncOf(strapi).saveSettings({
    isEnabled: true,
    apiBaseUrl: books.apiBaseUrl,
    tokenUrl: books.tokenUrl,
    organizationId: books.organizationId,
    clientId: books.clientId,
    clientSecret: books.clientSecret,
    refreshToken: books.refreshToken,
    limits: { ...limits, requestsPerDay: 100_000 },
    ...overrides,
  });
}
