import type { Core } from '@strapi/strapi';
import type { AccountingProvider } from '../providers/accounting-provider';
import { isProviderFailure } from '../providers/provider-failure';
import { OUTBOX_UID } from '../uids';
import { createApiGate, LocalThrottle, MissingSettings, limitsOf } from './api-gate';
import { msUntilNextUtcDay, retryDelayMs, withJitterMs } from './backoff';
import { classifyFailure } from './classify-failure';
import { connectionRows, findConnection } from './connection';
import { rows } from './db';
import { ClaimedElsewhere } from './id-map';
import type { OutboxKind, OutboxRow } from './outbox';
import { activePause, pauseConnection } from './pause';
import { DeadLetter, WaitForDependency, type SendContext, type SendOutcome } from './send-context';
import { sendCreditNote, sendInvoice } from './send-documents';
import { sendPayment, sendRefund } from './send-money';
import { sendContact, sendItem } from './send-records';

/**
 * The worker: claims due outbox rows, sends each, and records what became of it. Any number of
 * instances may run it against one database.
 *
 * NOTE: a row is claimed with a conditional update (`… where id = ? and the claim is free`,
 * then a row-count check) rather than SELECT … FOR UPDATE SKIP LOCKED: it works the same on
 * SQLite and PostgreSQL, holds no transaction open across the HTTP call (STYLE habit 5), and a
 * claim left by a dead instance expires by itself.
 */

const SENDERS: Readonly<
  Record<OutboxKind, (ctx: SendContext, row: OutboxRow) => Promise<SendOutcome>>
> = {
  contact: sendContact,
  item: sendItem,
  invoice: sendInvoice,
  payment: sendPayment,
  refund: sendRefund,
  creditNote: sendCreditNote,
};

/** How long a claimed row stays ours; past it another instance may take the row. */
const ROW_LEASE_MS = 5 * 60_000;
/** A row waiting for a dependency comes back after about this long. */
const DEPENDENCY_WAIT_MS = 1_000;
const BATCH_SIZE = 25;
/**
 * A throttling pause's jitter stays under this. NOTE: a fifth of a window spreads instances
 * enough; a fifth of the hours left until a daily cap resets would hold the connection back for
 * hours after the reset.
 */
const MAX_PAUSE_JITTER_MS = 60_000;

export interface StepReport {
  /** What stopped the step early, if anything: the connector off, or paused, and why. */
  readonly stoppedBecause?: string;
  readonly claimed: number;
  readonly synced: number;
  readonly dead: number;
  readonly retried: number;
  readonly waiting: number;
}

interface Counters {
  claimed: number;
  synced: number;
  dead: number;
  retried: number;
  waiting: number;
}

const outboxRows = (strapi: Core.Strapi) => rows<OutboxRow>(strapi, OUTBOX_UID);

/** Takes the row if nobody holds it; true when this worker now does. */
async function claimRow(strapi: Core.Strapi, row: OutboxRow, workerId: string): Promise<boolean> {
  const now = new Date();
  const { count } = await outboxRows(strapi).updateMany({
    where: {
      id: row.id,
      state: 'pending',
      $or: [{ claimedUntil: { $null: true } }, { claimedUntil: { $lt: now } }],
    },
    data: { claimedBy: workerId, claimedUntil: new Date(now.getTime() + ROW_LEASE_MS) },
  });
  return count === 1;
}

async function finishRow(
  strapi: Core.Strapi,
  row: OutboxRow,
  workerId: string,
  data: Record<string, unknown>,
): Promise<void> {
  await outboxRows(strapi).updateMany({
    where: { id: row.id, claimedBy: workerId },
    data: { ...data, claimedBy: null, claimedUntil: null },
  });
}

export interface WorkerDeps {
  readonly strapi: Core.Strapi;
  readonly provider: AccountingProvider;
  readonly workerId: string;
  readonly random?: () => number;
}

/** One step: claims a batch of due rows and sends them, one after another. */
export async function runWorkerStep(deps: WorkerDeps): Promise<StepReport> {
  const { strapi, provider, workerId } = deps;
  const counters: Counters = { claimed: 0, synced: 0, dead: 0, retried: 0, waiting: 0 };
  const connection = await findConnection(strapi);
  if (!connection?.isEnabled) {
    return { ...counters, stoppedBecause: 'the connector is off' };
  }
  const pause = activePause(connection);
  if (pause) {
    return { ...counters, stoppedBecause: `paused: ${pause.reason}` };
  }
  const due = await outboxRows(strapi).findMany({
    where: {
      state: 'pending',
      nextAttemptAt: { $lte: new Date() },
      $or: [{ claimedUntil: { $null: true } }, { claimedUntil: { $lt: new Date() } }],
    },
    orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
    limit: BATCH_SIZE,
  });
  const ctx: SendContext = {
    strapi,
    provider,
    gate: createApiGate(strapi, provider, workerId),
    workerId,
    isDryRun: connection.isDryRun,
  };
  for (const row of due) {
    if (!(await claimRow(strapi, row, workerId))) {
      continue; // another instance took it
    }
    counters.claimed += 1;
    const stop = await processRow(deps, ctx, row, counters);
    if (stop) {
      return { ...counters, stoppedBecause: stop };
    }
  }
  return counters;
}

/** Sends one claimed row and records the outcome; returns why the step must stop, if it must. */
async function processRow(
  deps: WorkerDeps,
  ctx: SendContext,
  row: OutboxRow,
  counters: Counters,
): Promise<string | undefined> {
  const { strapi, workerId } = deps;
  const random = deps.random ?? Math.random;
  const label = `${row.kind} ${row.sourceId} (row ${row.id})`;
  try {
    const outcome = await SENDERS[row.kind](ctx, row);
    if (outcome.kind === 'wait') {
      counters.waiting += 1;
      await finishRow(strapi, row, workerId, waitData(outcome.reason, random));
      return undefined;
    }
    if (outcome.kind === 'previewed') {
      counters.synced += 1;
      await finishRow(strapi, row, workerId, {
        state: 'previewed',
        preview: outcome.preview,
        lastError: null,
      });
      return undefined;
    }
    counters.synced += 1;
    await finishRow(strapi, row, workerId, {
      state: 'synced',
      remoteId: outcome.remoteId,
      syncedAt: new Date(),
      lastError: null,
      isFlagged: outcome.flag !== undefined,
      flagReason: outcome.flag ?? null,
    });
    await markSuccess(strapi);
    strapi.log.info(`[accounting-sync] ${workerId} mirrored ${label} as ${outcome.remoteId}`);
    return undefined;
  } catch (error) {
    return handleFailure(deps, row, label, error, counters);
  }
}

function waitData(reason: string, random: () => number): Record<string, unknown> {
  return {
    lastError: reason,
    nextAttemptAt: new Date(Date.now() + withJitterMs(DEPENDENCY_WAIT_MS, 0.5, random)),
  };
}

async function markSuccess(strapi: Core.Strapi): Promise<void> {
  const connection = await findConnection(strapi);
  if (connection) {
    await connectionRows(strapi).update({
      where: { id: connection.id },
      data: { lastSuccessAt: new Date() },
    });
  }
}

async function handleFailure(
  deps: WorkerDeps,
  row: OutboxRow,
  label: string,
  error: unknown,
  counters: Counters,
): Promise<string | undefined> {
  const { strapi, workerId, provider } = deps;
  const random = deps.random ?? Math.random;
  const release = (data: Record<string, unknown> = {}) => finishRow(strapi, row, workerId, data);
  if (error instanceof WaitForDependency || error instanceof ClaimedElsewhere) {
    counters.waiting += 1;
    await release(waitData(error.message, random));
    return undefined;
  }
  if (error instanceof DeadLetter) {
    counters.dead += 1;
    strapi.log.warn(`[accounting-sync] ${label} dead-lettered: ${error.message}`);
    await release({ state: 'dead', lastError: error.message });
    return undefined;
  }
  if (error instanceof LocalThrottle) {
    await release();
    const kind = error.scope === 'daily' ? 'daily-cap' : 'throttled';
    await pauseConnection(strapi, kind, error.message, Date.now() + error.waitMs);
    return error.message;
  }
  if (error instanceof MissingSettings) {
    await release();
    await pauseConnection(strapi, 'configuration', error.message);
    return error.message;
  }
  if (!isProviderFailure(error)) {
    // Not the provider's answer: a database error or a bug. Retried with backoff, and logged
    // with its message, since it is not expected.
    counters.retried += 1;
    const message = error instanceof Error ? error.message : String(error);
    strapi.log.error(`[accounting-sync] ${label} failed unexpectedly: ${message}`);
    await release(retryData(row, message, random));
    return undefined;
  }
  const failure = classifyFailure(error.facts);
  const reason = `${error.facts.operation}: ${error.facts.message}`;
  switch (failure.kind) {
    case 'throttled': {
      await release();
      const connection = await findConnection(strapi);
      const windowMs = connection ? limitsOf(connection, provider).windowMs : 60_000;
      const pauseMs =
        failure.scope === 'daily'
          ? (failure.resetSeconds ?? msUntilNextUtcDay(new Date()) / 1000) * 1000
          : windowMs;
      const kind = failure.scope === 'daily' ? 'daily-cap' : 'throttled';
      const untilMs = Date.now() + withJitterMs(pauseMs, 0.2, random, MAX_PAUSE_JITTER_MS);
      await pauseConnection(strapi, kind, reason, untilMs);
      strapi.log.warn(`[accounting-sync] paused (${kind}) after ${label}: ${reason}`);
      return reason;
    }
    case 'transient': {
      counters.retried += 1;
      strapi.log.warn(`[accounting-sync] ${label} will be retried: ${reason}`);
      await release(retryData(row, reason, random));
      return undefined;
    }
    case 'auth': {
      await release();
      const kind =
        failure.reason === 'token-expired'
          ? 'credentials'
          : failure.reason === 'credentials-rejected'
            ? 'credentials'
            : 'configuration';
      await pauseConnection(strapi, kind, reason);
      strapi.log.warn(`[accounting-sync] paused (${failure.reason}): ${reason}`);
      return reason;
    }
    case 'invalid': {
      counters.dead += 1;
      strapi.log.warn(`[accounting-sync] ${label} dead-lettered: ${reason}`);
      await release({ state: 'dead', lastError: reason });
      return undefined;
    }
  }
}

function retryData(row: OutboxRow, reason: string, random: () => number): Record<string, unknown> {
  const attempts = row.attempts + 1;
  return {
    attempts,
    lastError: reason,
    nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts, undefined, random)),
  };
}
