import type { Core } from '@strapi/strapi';
import type { ProviderLimits } from '../providers/accounting-provider';
import { msUntilNextUtcDay } from './backoff';
import { connectionRows, findConnection } from './connection';

/**
 * The provider's request limits, shared by every instance through the connection row: a sliding
 * window (when each of the last requests was sent) and a day count, taken with a compare-and-set
 * update so two instances together stay under the limit.
 *
 * NOTE: a sliding window, not a fixed one like Zoho's: Zoho's window starts when a request
 * arrives, ours cannot know when that was, and two fixed windows out of phase let a request sent
 * at the end of ours land in Zoho's next window together with all of our next (21 in a window of
 * 20, seen with two instances). With at most N requests sent in any span of the window plus a
 * margin, any window of Zoho's holds at most N, as long as requests take about the same time to
 * arrive (within the margin).
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

/** The stored send times (epoch ms, oldest first); anything unreadable counts as none. */
export function parseRecentRequests(stored: string | null): number[] {
  return (stored ?? '')
    .split(',')
    .map(Number)
    .filter((time) => Number.isSafeInteger(time) && time > 0);
}

export type WindowDecision =
  | { readonly isTaken: true; readonly recent: number[] }
  | { readonly isTaken: false; readonly waitMs: number };

/**
 * Whether one more request may be sent at `now`, given when the recent ones were: at most
 * `requestsPerWindow` in any span of the window (plus the margin). Taken: the times to store.
 *
 * NOTE: a time after `now` is another instance's whose clock runs ahead; it still counts, or
 * the two instances together could go over the limit. It counts as at most one span ahead, so
 * that a clock far off (or a corrupt value) delays sending by at most two spans, not for hours.
 */
export function decideWindowSlot(
  sentAt: readonly number[],
  now: number,
  limits: Pick<Limits, 'requestsPerWindow' | 'windowMs'>,
): WindowDecision {
  const spanMs = Math.ceil(limits.windowMs * WINDOW_MARGIN);
  const recent = sentAt
    .filter((time) => time > now - spanMs)
    .map((time) => Math.min(time, now + spanMs))
    .sort((a, b) => a - b);
  if (recent.length >= limits.requestsPerWindow) {
    // The slot frees when the request that fills the window leaves the span.
    const oldestCounted = recent[recent.length - limits.requestsPerWindow]!;
    return { isTaken: false, waitMs: Math.max(1, oldestCounted + spanMs - now) };
  }
  return { isTaken: true, recent: [...recent, now].sort((a, b) => a - b) };
}

/** Takes one request slot, or says how long to wait for the next. */
export async function takeSlot(strapi: Core.Strapi, limits: Limits): Promise<SlotResult> {
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
    const decision = decideWindowSlot(parseRecentRequests(connection.recentRequests), now, limits);
    if (!decision.isTaken) {
      return { isTaken: false, waitMs: decision.waitMs, scope: 'window' };
    }
    const version = connection.limiterVersion;
    const { count: updated } = await connectionRows(strapi).updateMany({
      where: { id: connection.id, limiterVersion: version === null ? { $null: true } : version },
      data: {
        recentRequests: decision.recent.join(','),
        limiterVersion: (version ?? 0) + 1,
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
