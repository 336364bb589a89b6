import crypto from 'node:crypto';
import type { Context } from 'koa';
import { configure } from 'safe-stable-stringify';
import type { Core } from '@strapi/strapi';
import { DomainError, isUniqueViolation } from './errors';

const UID = 'api::idempotency.idempotency-record';
const KEEP_FOR_MS = 24 * 60 * 60 * 1000;

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
  responseStatus: number | null;
  responseBody: unknown;
  expiresAt: string | Date;
}

/**
 * Runs an action under the request's `Idempotency-Key`, per caller and route. A completed action
 * stores the key, a hash of the request (its JSON with sorted keys) and the response for 24 hours (in a transaction of its
 * own); a repeat gets the stored response, the same key with another body a 422, a repeat while
 * the first still runs a 409; a refused action stores nothing. Without the header it just runs.
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

  const replay = await claim(strapi, scope, key, requestHash);
  if (replay) {
    ctx.set('Idempotent-Replayed', 'true');
    return send(ctx, replay);
  }
  let result: ActionResult;
  try {
    result = await action();
  } catch (error) {
    await strapi.db.query(UID).delete({ where: { scope, idempotencyKey: key } });
    throw error;
  }
  await strapi.db.query(UID).update({
    where: { scope, idempotencyKey: key },
    data: { state: 'done', responseStatus: result.status, responseBody: result.body as object },
  });
  send(ctx, result);
}

/** Claims the key, or returns the stored response of a completed earlier request. */
async function claim(
  strapi: Core.Strapi,
  scope: string,
  key: string,
  requestHash: string,
): Promise<ActionResult | undefined> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await strapi.db.transaction(() =>
        strapi.db.query(UID).create({
          data: {
            scope,
            idempotencyKey: key,
            requestHash,
            state: 'running',
            expiresAt: new Date(Date.now() + KEEP_FOR_MS),
          },
        }),
      );
      return undefined;
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
    if (stored.state === 'running') {
      throw new DomainError(
        'conflict',
        'idempotent_request_running',
        `A request with Idempotency-Key ${key} is still running; retry when it has finished`,
      );
    }
    return { status: stored.responseStatus ?? 200, body: stored.responseBody };
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
