import { setTimeout as sleep } from 'node:timers/promises';
import type { Middleware } from 'koa';
import { internalError, rateLimited } from '../errors';
import type { FaultQueue } from '../faults';
import { firstValue } from '../listing';
import type { RequestLog, RequestLogEntry } from '../request-log';
import { sendError, toZohoError } from './envelope';
import type { FakeBooksKoaContext, FakeBooksState } from './state';

export const ADMIN_PREFIX = '/__admin';

/** A 5xx that is not 500 comes from the gateway in front of Zoho, as HTML, not in the envelope. */
function sendInjectedError(ctx: FakeBooksKoaContext, status: number): void {
  if (status === 500) {
    sendError(ctx, internalError());
    return;
  }
  ctx.status = status;
  ctx.type = 'text/html';
  ctx.body = `<html><body><h1>${status}</h1></body></html>`;
}

function finish(entry: RequestLogEntry, ctx: FakeBooksKoaContext, isAnswered: boolean): void {
  entry.endedAt = Date.now();
  entry.status = ctx.status;
  entry.answered = isAnswered;
  const body: unknown = ctx.body;
  if (
    typeof body === 'object' &&
    body !== null &&
    'code' in body &&
    typeof body.code === 'number'
  ) {
    entry.code = body.code;
  }
}

/** Ends the connection without an HTTP answer; `reset` sends a TCP RST instead of a FIN. */
function dropConnection(ctx: FakeBooksKoaContext, isReset: boolean): void {
  ctx.respond = false;
  const socket = ctx.req.socket;
  if (isReset) {
    socket.resetAndDestroy();
  } else {
    socket.destroy();
  }
}

/**
 * Outermost middleware for every non-admin request: logs it, applies queued faults, and turns
 * thrown errors into Zoho's envelope (an unexpected one becomes 500 with a log line).
 */
export function faultsAndLog(faults: FaultQueue, log: RequestLog): Middleware<FakeBooksState> {
  return async (ctx, next) => {
    if (ctx.path.startsWith(ADMIN_PREFIX)) {
      await next();
      return;
    }
    const entry = log.start(ctx.method, ctx.path, firstValue(ctx.query, 'organization_id'));
    ctx.state.logEntry = entry;
    const plan = faults.take(ctx.method, ctx.path);
    if (plan.latencyMs > 0) {
      entry.latencyMs = plan.latencyMs;
      entry.fault = 'latency';
      await sleep(plan.latencyMs);
    }
    const fault = plan.fault;
    if (fault) {
      entry.fault = fault.kind;
    }
    if (fault?.kind === 'reset') {
      finish(entry, ctx, false);
      entry.status = undefined;
      dropConnection(ctx, true);
      return;
    }
    if (fault?.kind === 'error') {
      sendInjectedError(ctx, fault.status ?? 500);
    } else if (fault?.kind === 'rate-limit') {
      sendError(ctx, rateLimited());
    } else {
      try {
        await next();
      } catch (error) {
        const zohoError = toZohoError(error);
        if (zohoError !== error) {
          console.error(`[fake-books] unexpected error on ${ctx.method} ${ctx.path}`, error);
        }
        sendError(ctx, zohoError);
      }
    }
    if (fault?.kind === 'commit-then-drop') {
      // NOTE: the handler has already changed state; the client only sees the socket close.
      finish(entry, ctx, false);
      dropConnection(ctx, false);
      return;
    }
    if (fault?.kind === 'commit-then-error') {
      sendError(ctx, internalError());
    }
    finish(entry, ctx, true);
  };
}
