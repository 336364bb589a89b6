import type { Core } from '@strapi/strapi';
import { OUTBOX_UID } from '../uids';
import { findConnection, type PauseKind } from './connection';
import { rows } from './db';
import { findMapping } from './id-map';
import type { OutboxKind, OutboxRow, OutboxState } from './outbox';
import { activePause } from './pause';

/** What the admin pages show: the connection's health, the backlog, each record's status. */

export interface ConnectionHealth {
  readonly isEnabled: boolean;
  readonly isDryRun: boolean;
  readonly pause: { kind: PauseKind | null; reason: string; until: string } | null;
  readonly lastSuccessAt: string | null;
  readonly lastFailureAt: string | null;
  readonly lastError: string | null;
  readonly counts: Record<OutboxState, number>;
  readonly flagged: number;
  readonly oldestPendingAt: string | null;
  /** Seconds the oldest pending row has waited. */
  readonly lagSeconds: number;
}

type StoredRow = OutboxRow & { createdAt: string };

const outbox = (strapi: Core.Strapi) => rows<StoredRow>(strapi, OUTBOX_UID);

export async function connectionHealth(strapi: Core.Strapi): Promise<ConnectionHealth> {
  const connection = await findConnection(strapi);
  if (!connection) {
    throw new Error('The accounting sync connection row is missing');
  }
  const states: OutboxState[] = ['pending', 'synced', 'dead', 'previewed'];
  const counts = Object.fromEntries(
    await Promise.all(
      states.map(async (state) => [state, await outbox(strapi).count({ where: { state } })]),
    ),
  ) as Record<OutboxState, number>;
  const [oldest] = await outbox(strapi).findMany({
    where: { state: 'pending' },
    orderBy: { createdAt: 'asc' },
    limit: 1,
  });
  const pause = activePause(connection);
  const oldestAt = oldest ? new Date(oldest.createdAt) : undefined;
  return {
    isEnabled: connection.isEnabled,
    isDryRun: connection.isDryRun,
    pause: pause
      ? { kind: pause.kind, reason: pause.reason, until: new Date(pause.untilMs).toISOString() }
      : null,
    lastSuccessAt: connection.lastSuccessAt,
    lastFailureAt: connection.lastFailureAt,
    lastError: connection.lastError,
    counts,
    flagged: await outbox(strapi).count({ where: { isFlagged: true } }),
    oldestPendingAt: oldestAt?.toISOString() ?? null,
    lagSeconds: oldestAt ? Math.max(0, Math.round((Date.now() - oldestAt.getTime()) / 1000)) : 0,
  };
}

const ENTRY_FIELDS = [
  'id',
  'kind',
  'sourceId',
  'orderDocumentId',
  'state',
  'attempts',
  'nextAttemptAt',
  'lastError',
  'remoteId',
  'isFlagged',
  'flagReason',
  'preview',
  'createdAt',
  'syncedAt',
];

export async function listEntries(
  strapi: Core.Strapi,
  query: { state?: OutboxState; page: number; pageSize: number },
) {
  const where = query.state ? { state: query.state } : {};
  const [entries, total] = await Promise.all([
    outbox(strapi).findMany({
      where,
      select: ENTRY_FIELDS,
      orderBy: [{ id: 'desc' }],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    outbox(strapi).count({ where }),
  ]);
  return {
    data: entries,
    meta: { pagination: { page: query.page, pageSize: query.pageSize, total } },
  };
}

export type RecordSyncStatus =
  | { readonly status: 'synced'; readonly remoteId: string }
  | { readonly status: 'pending'; readonly note: string | null }
  | { readonly status: 'failed'; readonly reason: string }
  | { readonly status: 'not-mirrored' };

/**
 * One record's sync status. `localKey` is what the outbox names it by: a customer's or asset's
 * documentId, an order's documentId for its invoice, a payment key, a credit-note number.
 */
export async function recordStatus(
  strapi: Core.Strapi,
  provider: 'zoho-books',
  kind: OutboxKind,
  localKey: string,
): Promise<RecordSyncStatus> {
  const [latest] = await outbox(strapi).findMany({
    where: { kind, sourceId: localKey, state: { $in: ['pending', 'dead'] } },
    orderBy: { id: 'desc' },
    limit: 1,
  });
  if (latest?.state === 'dead') {
    return { status: 'failed', reason: latest.lastError ?? 'failed' };
  }
  if (latest?.state === 'pending') {
    return { status: 'pending', note: latest.lastError };
  }
  const mapping = await findMapping(strapi, provider, kind, localKey);
  return mapping?.remoteId
    ? { status: 'synced', remoteId: mapping.remoteId }
    : { status: 'not-mirrored' };
}
