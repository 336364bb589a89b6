import type { Core } from '@strapi/strapi';
import { CONNECTION_UID } from '../uids';
import { rows } from './db';

/** Which kinds of document the administrator chose to mirror. */
export interface MirrorToggles {
  readonly contacts: boolean;
  readonly items: boolean;
  readonly invoices: boolean;
  readonly payments: boolean;
  readonly refunds: boolean;
  readonly creditNotes: boolean;
}

export const ALL_MIRRORED: MirrorToggles = {
  contacts: true,
  items: true,
  invoices: true,
  payments: true,
  refunds: true,
  creditNotes: true,
};

/** The connection row as stored; sealed fields never leave the server. */
export interface ConnectionRow {
  readonly id: number;
  readonly name: string;
  readonly isEnabled: boolean;
  readonly provider: 'zoho-books';
  readonly mirror: Partial<MirrorToggles> | null;
  readonly isDryRun: boolean;
  /** Overrides of the provider's published limits (a paid plan's daily cap; a test server's). */
  readonly limits: unknown;
  readonly apiBaseUrl: string | null;
  readonly tokenUrl: string | null;
  readonly organizationId: string | null;
  readonly clientId: string | null;
  readonly clientSecretSealed: string | null;
  readonly refreshTokenSealed: string | null;
  readonly accessTokenSealed: string | null;
  readonly accessTokenExpiresAt: string | null;
  readonly tokenLeaseHolder: string | null;
  readonly tokenLeaseUntil: string | null;
  /** When the requests of the last window were sent: epoch ms, comma-separated, oldest first. */
  readonly recentRequests: string | null;
  /** Bumped by every slot taken: the compare-and-set the shared limiter relies on. */
  readonly limiterVersion: number | null;
  readonly dayKey: string | null;
  readonly dayCount: number | null;
  readonly pausedUntil: string | null;
  readonly pauseKind: PauseKind | null;
  readonly pauseReason: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastFailureAt: string | null;
  readonly lastError: string | null;
}

/**
 * Why the connection is paused: the provider's window or daily cap (lifts by itself), or
 * credentials or settings the administrator must fix (lifts when new ones are saved).
 */
export type PauseKind = 'throttled' | 'daily-cap' | 'credentials' | 'configuration';

/** The one connection of this installation. */
export const CONNECTION_NAME = 'default';

export const connectionRows = (strapi: Core.Strapi) => rows<ConnectionRow>(strapi, CONNECTION_UID);

export async function findConnection(strapi: Core.Strapi): Promise<ConnectionRow | null> {
  return connectionRows(strapi).findOne({ where: { name: CONNECTION_NAME } });
}

/** The connection row, created (switched off) on first use. */
export async function ensureConnection(strapi: Core.Strapi): Promise<ConnectionRow> {
  const existing = await findConnection(strapi);
  if (existing) {
    return existing;
  }
  try {
    return await connectionRows(strapi).create({
      data: { name: CONNECTION_NAME, isEnabled: false, isDryRun: false, mirror: ALL_MIRRORED },
    });
  } catch (error) {
    // NOTE: two instances booting together both try to create it; the unique name index lets
    // one win, and the other reads the winner's row.
    const winner = await findConnection(strapi);
    if (winner) {
      return winner;
    }
    throw error;
  }
}

export function mirrorOf(connection: ConnectionRow): MirrorToggles {
  return { ...ALL_MIRRORED, ...(connection.mirror ?? {}) };
}
