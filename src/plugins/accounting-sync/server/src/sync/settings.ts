import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { createSecretBox, type SecretBox } from '../secrets/secret-box';
import { OUTBOX_UID, PLUGIN_NAME } from '../uids';
import {
  ALL_MIRRORED,
  connectionRows,
  ensureConnection,
  mirrorOf,
  type ConnectionRow,
  type MirrorToggles,
} from './connection';
import { rows } from './db';

/**
 * The connector's settings: what an administrator may read (no secret, only whether each is
 * set) and what they may write (secrets write-only, sealed before they reach the database).
 */

const httpUrl = z.url({ protocol: /^https?$/ }).max(300);

const limitsSchema = z
  .object({
    requestsPerWindow: z.number().int().positive().max(10_000),
    windowMs: z.number().int().min(100).max(3_600_000),
    requestsPerDay: z.number().int().positive().max(10_000_000),
  })
  .strict();

export const settingsInputSchema = z
  .object({
    isEnabled: z.boolean(),
    provider: z.enum(['zoho-books']),
    mirror: z
      .object({
        contacts: z.boolean(),
        items: z.boolean(),
        invoices: z.boolean(),
        payments: z.boolean(),
        refunds: z.boolean(),
        creditNotes: z.boolean(),
      })
      .strict(),
    isDryRun: z.boolean(),
    apiBaseUrl: httpUrl,
    tokenUrl: httpUrl,
    organizationId: z.string().regex(/^\d{1,30}$/, 'must be digits'),
    clientId: z.string().min(1).max(200),
    /** Write-only: left out (or null) keeps the stored one; a string replaces it. */
    clientSecret: z.string().min(1).max(500).nullish(),
    refreshToken: z.string().min(1).max(1000).nullish(),
    limits: limitsSchema.nullish(),
  })
  .partial()
  .strict();

export type SettingsInput = z.output<typeof settingsInputSchema>;

/** What any endpoint may show of the settings: never a secret, only whether it is set. */
export interface SettingsView {
  readonly isEnabled: boolean;
  readonly provider: 'zoho-books';
  readonly mirror: MirrorToggles;
  readonly isDryRun: boolean;
  readonly apiBaseUrl: string | null;
  readonly tokenUrl: string | null;
  readonly organizationId: string | null;
  readonly clientId: string | null;
  readonly hasClientSecret: boolean;
  readonly hasRefreshToken: boolean;
  readonly limits: z.output<typeof limitsSchema> | null;
}

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

export function viewSettings(connection: ConnectionRow): SettingsView {
  return {
    isEnabled: connection.isEnabled,
    provider: connection.provider ?? 'zoho-books',
    mirror: mirrorOf(connection),
    isDryRun: connection.isDryRun,
    apiBaseUrl: connection.apiBaseUrl,
    tokenUrl: connection.tokenUrl,
    organizationId: connection.organizationId,
    clientId: connection.clientId,
    hasClientSecret: Boolean(connection.clientSecretSealed),
    hasRefreshToken: Boolean(connection.refreshTokenSealed),
    limits: (connection.limits as SettingsView['limits']) ?? null,
  };
}

/** The box for this installation's credentials; refuses when no key is configured. */
export function secretBoxOf(strapi: Core.Strapi): SecretBox {
  const key = strapi.plugin(PLUGIN_NAME).config<string | undefined>('secretKey');
  if (!key) {
    throw new SettingsError(
      'ACCOUNTING_SYNC_SECRET_KEY is not set: the connector cannot store or read credentials',
    );
  }
  return createSecretBox(key);
}

/** Labels the sealed fields are bound to (a value sealed for one does not open as another). */
export const SEALED = {
  clientSecret: 'clientSecret',
  refreshToken: 'refreshToken',
  accessToken: 'accessToken',
} as const;

/**
 * Saves validated settings. New credentials replace the old ones, drop the cached access token
 * and lift a pause that was waiting for them.
 */
export async function saveSettings(
  strapi: Core.Strapi,
  input: SettingsInput,
): Promise<SettingsView> {
  const connection = await ensureConnection(strapi);
  const { clientSecret, refreshToken, mirror, ...plain } = input;
  const data: Record<string, unknown> = { ...plain };
  if (mirror) {
    data.mirror = { ...ALL_MIRRORED, ...mirror };
  }
  const isNewCredentials =
    typeof clientSecret === 'string' ||
    typeof refreshToken === 'string' ||
    (input.clientId !== undefined && input.clientId !== connection.clientId);
  if (typeof clientSecret === 'string' || typeof refreshToken === 'string') {
    const box = secretBoxOf(strapi);
    if (typeof clientSecret === 'string') {
      data.clientSecretSealed = box.seal(clientSecret, SEALED.clientSecret);
    }
    if (typeof refreshToken === 'string') {
      data.refreshTokenSealed = box.seal(refreshToken, SEALED.refreshToken);
    }
  }
  if (isNewCredentials) {
    Object.assign(data, { accessTokenSealed: null, accessTokenExpiresAt: null });
    if (connection.pauseKind === 'credentials') {
      Object.assign(data, { pausedUntil: null, pauseKind: null, pauseReason: null });
    }
  }
  if (connection.pauseKind === 'configuration' && (input.apiBaseUrl || input.organizationId)) {
    Object.assign(data, { pausedUntil: null, pauseKind: null, pauseReason: null });
  }
  const saved = await connectionRows(strapi).update({ where: { id: connection.id }, data });
  if (connection.isDryRun && input.isDryRun === false) {
    // NOTE: a dry run is a rehearsal: what it previewed is sent for real once it ends (the
    // senders read the records as they are then).
    await rows(strapi, OUTBOX_UID).updateMany({
      where: { state: 'previewed' },
      data: { state: 'pending', nextAttemptAt: new Date() },
    });
  }
  return viewSettings(saved);
}
