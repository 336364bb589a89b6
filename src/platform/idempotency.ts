import crypto from 'node:crypto';
import type { Context } from 'koa';
import { configure } from 'safe-stable-stringify';
import type { Core } from '@strapi/strapi';
import { DomainError, isUniqueViolation } from './errors';
import { inTransaction } from './transactions';

const UID = 'api::idempotency.idempotency-record';
const KEEP_FOR_MS = 24 * 60 * 60 * 1000;
/**
 * How long a running request holds its key before a retry may take it over. It only decides how
 * soon a client can retry after a crash: a holder still running when it is taken over cannot
 * commit (see runIdempotent), so the action has its effect once either way.
 */
const LEASE_MS = 2 * 60 * 1000;

/** JSON with object keys sorted, so the same body hashes the same whatever the key order. */
const canonicalJson = configure({ deterministic: true, circularValue: Error, bigint: false });

export interface ActionResult {
  status: number;
  body: unknown;
}

interface StoredRecord {
  id: number;
  requestHash: string;
  state: 'running' | 'done';
  claimToken: string | null;
  leaseUntil: string | Date | null;
  responseStatus: number | null;
  responseBody: unknown;
  expiresAt: string | Date;
}

/**
 * Runs an action under the request's `Idempotency-Key`, per caller and route. The key is claimed
 * first (committed on its own, so a repeat meanwhile gets a 409); the action then runs in one
 * transaction with the record of its response, which commits only while the claim is still this
 * request's. A repeat gets the stored response for 24 hours, the same key with another body a
 * 422, and a refused action stores nothing. A claim whose holder crashed is taken over by a
 * retry once its lease is over; the crashed action had rolled back with its response record, so
 * nothing ran twice. Without the header the action just runs.
 */
export async function runIdempotent(
  strapi: Core.Strapi,
  ctx: Context,
  action: () => Promise<ActionResult>,
): Promise<void> {
  const key = ctx.get('Idempotency-Key');
  if (!key) {
    return send(ctx, await action());
  }
  if (key.length > 200) {
    throw new DomainError(
      'invalid',
      'invalid_idempotency_key',
      'Idempotency-Key: at most 200 characters',
    );
  }
  // NOTE: the router matches paths case-insensitively and with a trailing slash, so the scope uses
  // the path in the one form every spelling of the same route shares.
  const route = ctx.path.toLowerCase().replace(/\/+$/, '');
  const scope = `${callerOf(ctx)} ${ctx.method} ${route}`;
  const requestHash = crypto
    .createHash('sha256')
    .update(canonicalJson((ctx.request as { body?: unknown }).body ?? null) ?? 'null')
    .digest('hex');

  const claimed = await claim(strapi, scope, key, requestHash);
  if ('replay' in claimed) {
    ctx.set('Idempotent-Replayed', 'true');
    return send(ctx, claimed.replay);
  }
  const mine = { scope, idempotencyKey: key, claimToken: claimed.token, state: 'running' };
  let result: ActionResult;
  try {
    result = await inTransaction(strapi, async () => {
      const done = await action();
      const { count } = await strapi.db.query(UID).updateMany({
        where: mine,
        data: {
          state: 'done',
          responseStatus: done.status,
          responseBody: done.body as object,
          leaseUntil: null,
        },
      });
      if (count === 0) {
        throw new DomainError(
          'conflict',
          'idempotent_request_taken_over',
          `The request with Idempotency-Key ${key} ran past its lease and a retry took it over; this attempt changed nothing`,
        );
      }
      return done;
    });
  } catch (error) {
    await strapi.db.query(UID).deleteMany({ where: mine });
    throw error;
  }
  send(ctx, result);
}

/**
 * Claims the key (a new token and lease), takes over a claim whose lease is over, or returns the
 * stored response of a completed earlier request.
 */
async function claim(
  strapi: Core.Strapi,
  scope: string,
  key: string,
  requestHash: string,
): Promise<{ token: string } | { replay: ActionResult }> {
  const token = crypto.randomUUID();
  const leaseUntil = () => new Date(Date.now() + LEASE_MS);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await strapi.db.transaction(() =>
        strapi.db.query(UID).create({
          data: {
            scope,
            idempotencyKey: key,
            requestHash,
            state: 'running',
            claimToken: token,
            leaseUntil: leaseUntil(),
            expiresAt: new Date(Date.now() + KEEP_FOR_MS),
          },
        }),
      );
      return { token };
    } catch (error) {
      if (!isUniqueViolation(error)) {
        throw error;
      }
    }
    const stored = (await strapi.db
      .query(UID)
      .findOne({ where: { scope, idempotencyKey: key } })) as StoredRecord | null;
    if (!stored) {
      continue; // the holder was refused and let the key go: claim it again
    }
    if (new Date(stored.expiresAt).getTime() < Date.now()) {
      await strapi.db.query(UID).delete({ where: { id: stored.id } });
      continue;
    }
    if (stored.requestHash !== requestHash) {
      throw new DomainError(
        'unprocessable',
        'idempotency_key_reused',
        `Idempotency-Key ${key} was already used with a different request`,
      );
    }
    if (stored.state === 'done') {
      return { replay: { status: stored.responseStatus ?? 200, body: stored.responseBody } };
    }
    const leaseOver =
      stored.leaseUntil === null || new Date(stored.leaseUntil).getTime() < Date.now();
    if (!leaseOver) {
      throw new DomainError(
        'conflict',
        'idempotent_request_running',
        `A request with Idempotency-Key ${key} is still running; retry when it has finished`,
      );
    }
    // NOTE: conditional on the token seen, so of two retries taking over only one gets it.
    const { count } = await strapi.db.query(UID).updateMany({
      where: { id: stored.id, state: 'running', claimToken: stored.claimToken },
      data: { claimToken: token, leaseUntil: leaseUntil() },
    });
    if (count === 1) {
      strapi.log.warn(`[idempotency] a retry took over Idempotency-Key ${key} after its lease`);
      return { token };
    }
  }
  throw new DomainError('conflict', 'idempotent_request_running', `Idempotency-Key ${key} is busy`);
}

function callerOf(ctx: Context): string {
  const auth = (
    ctx.state as { auth?: { strategy?: { name?: string }; credentials?: { id?: unknown } } }
  ).auth;
  return `${auth?.strategy?.name ?? 'anonymous'}:${String(auth?.credentials?.id ?? '-')}`;
}

function send(ctx: Context, result: ActionResult): void {
  ctx.status = result.status;
  ctx.body = result.body;
}

/**
 * Deletes the records whose 24 hours are over; returns how many. Reads of an expired record
 * already ignore it, so this only keeps the table from growing.
 */
export async function deleteExpiredIdempotencyRecords(
  strapi: Core.Strapi,
  now = new Date(),
): Promise<number> {
  const { count } = await strapi.db.query(UID).deleteMany({ where: { expiresAt: { $lt: now } } });
  return count;
}

/**
 * Clears expired records every hour. Each instance runs the job (Strapi's cron is per process);
 * the delete is the same wherever it runs, so running it twice does no harm.
 */
export function scheduleIdempotencyCleanup(strapi: Core.Strapi): void {
  strapi.cron.add({
    idempotencyCleanup: {
      task: async () => {
        const deleted = await deleteExpiredIdempotencyRecords(strapi);
        if (deleted > 0) {
          strapi.log.info(`[idempotency] deleted ${deleted} expired records`);
        }
      },
      options: { rule: '17 * * * *' },
    },
  });
}
