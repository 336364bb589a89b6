/**
 * Delays for retries and pauses, as pure functions of the attempt number and a random source.
 *
 * NOTE: libraries such as exponential-backoff or p-retry retry in-process with timers. Our
 * retries outlive the process: the next attempt time is stored on the outbox row (or on the
 * connection, for a pause) so any instance, after any restart, picks it up. All we need from a
 * backoff library is its formula, so it is written here, with "full jitter" (a uniformly random
 * delay up to the exponential cap), which spreads retries of many rows and instances best.
 */

export interface BackoffPolicy {
  /** Delay scale of the first retry. */
  readonly baseMs: number;
  /** No retry waits longer than this. */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 15 * 60_000 };

/** A number in [0, 1); `Math.random` in production, a fixed sequence in tests. */
export type RandomSource = () => number;

/**
 * Delay before retry number `attempt` (1 for the first retry): uniform in
 * [0, min(cap, base × 2^(attempt − 1))].
 */
export function retryDelayMs(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: RandomSource = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/**
 * A pause of `baseMs` plus up to `fraction` of it (and at most `maxJitterMs`) at random, so
 * instances paused together do not all come back in the same instant and trip the limit again.
 */
export function withJitterMs(
  baseMs: number,
  fraction = 0.2,
  random: RandomSource = Math.random,
  maxJitterMs = Number.POSITIVE_INFINITY,
): number {
  return baseMs + Math.floor(random() * Math.min(baseMs * fraction, maxJitterMs));
}

/** Milliseconds from `now` to the next UTC midnight, when a provider's daily cap resets. */
export function msUntilNextUtcDay(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return next - now.getTime();
}
