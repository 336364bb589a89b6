import type { Core } from '@strapi/strapi';
import type { ProviderLimits } from '../providers/accounting-provider';
import { msUntilNextUtcDay } from './backoff';
import { connectionRows, findConnection } from './connection';
import { toNumber } from './db';

/**
 * The provider's request limits, shared by every instance through the connection row: a window
 * count and a day count, taken with a compare-and-set update so two instances together stay
 * under the limit. A window starts at the first request after the previous one ended, as
 * Zoho's does.
 * NOTE: our window is a little longer than the provider's (WINDOW_MARGIN) so a request sent at
 * the very end of our window cannot land in the provider's next-but-still-counting one.
 */

const WINDOW_MARGIN = 1.1;
const MAX_CONTENTION_RETRIES = 50;

export type SlotResult =
  | { readonly isTaken: true }
  | { readonly isTaken: false; readonly waitMs: number; readonly scope: 'window' | 'daily' };

export type Limits = Pick<ProviderLimits, 'requestsPerWindow' | 'windowMs' | 'requestsPerDay'>;

function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Takes one request slot, or says how long to wait for the next. */
export async function takeSlot(strapi: Core.Strapi, limits: Limits): Promise<SlotResult> {
  const windowMs = Math.ceil(limits.windowMs * WINDOW_MARGIN);
  for (let attempt = 0; attempt < MAX_CONTENTION_RETRIES; attempt += 1) {
    const connection = await findConnection(strapi);
    if (!connection) {
      throw new Error('The accounting sync connection row is missing');
    }
    const now = Date.now();
    const today = utcDay(now);
    const dayCount = connection.dayKey === today ? (connection.dayCount ?? 0) : 0;
    if (dayCount >= limits.requestsPerDay) {
      return { isTaken: false, waitMs: msUntilNextUtcDay(new Date(now)), scope: 'daily' };
    }
    const startedAt = toNumber(connection.windowStartedAt);
    const count = connection.windowCount ?? 0;
    const isNewWindow = connection.windowStartedAt === null || now - startedAt >= windowMs;
    if (!isNewWindow && count >= limits.requestsPerWindow) {
      return { isTaken: false, waitMs: startedAt + windowMs - now, scope: 'window' };
    }
    const { count: updated } = await connectionRows(strapi).updateMany({
      where: {
        id: connection.id,
        windowStartedAt:
          connection.windowStartedAt === null ? { $null: true } : connection.windowStartedAt,
        windowCount: count,
        dayCount: connection.dayCount === null ? { $null: true } : connection.dayCount,
      },
      data: {
        windowStartedAt: isNewWindow ? now : startedAt,
        windowCount: isNewWindow ? 1 : count + 1,
        dayKey: today,
        dayCount: dayCount + 1,
      },
    });
    if (updated === 1) {
      return { isTaken: true };
    }
    // Another instance took a slot between our read and our update: read again.
  }
  return { isTaken: false, waitMs: 50, scope: 'window' };
}
