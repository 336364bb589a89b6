import type { Clock } from './clock';
import type { RateLimitConfig } from './config';
import { dailyLimitReached, rateLimited, type ZohoApiError } from './errors';

interface OrganizationUsage {
  windowStartedAt: number;
  windowCount: number;
  day: string;
  dayCount: number;
}

export interface DailyUsage {
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the daily counter starts again (next UTC midnight). */
  readonly resetInSeconds: number;
}

const DAY_MS = 86_400_000;

function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/**
 * Per-organization request limits: a fixed window (starting at the first request after the
 * previous window ended) and a per-UTC-day cap.
 * NOTE: refused requests are not counted, so a client that backs off gets its full window back.
 */
export class RateLimiter {
  private readonly usage = new Map<string, OrganizationUsage>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: () => RateLimitConfig,
  ) {}

  /** Counts one request for the organization, or returns the 429 it must get instead. */
  take(organizationId: string): ZohoApiError | undefined {
    const now = this.clock.now();
    const limits = this.limits();
    const usage = this.usageOf(organizationId, now);
    if (now - usage.windowStartedAt >= limits.windowMs) {
      usage.windowStartedAt = now;
      usage.windowCount = 0;
    }
    if (usage.dayCount >= limits.dailyLimit) {
      return dailyLimitReached();
    }
    if (usage.windowCount >= limits.requestsPerWindow) {
      return rateLimited();
    }
    usage.windowCount += 1;
    usage.dayCount += 1;
    return undefined;
  }

  dailyUsage(organizationId: string): DailyUsage {
    const now = this.clock.now();
    const usage = this.usageOf(organizationId, now);
    const limit = this.limits().dailyLimit;
    const nextMidnight = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
    return {
      limit,
      remaining: Math.max(0, limit - usage.dayCount),
      resetInSeconds: Math.ceil((nextMidnight - now) / 1000),
    };
  }

  reset(): void {
    this.usage.clear();
  }

  private usageOf(organizationId: string, now: number): OrganizationUsage {
    const today = utcDay(now);
    let usage = this.usage.get(organizationId);
    if (!usage) {
      usage = { windowStartedAt: now, windowCount: 0, day: today, dayCount: 0 };
      this.usage.set(organizationId, usage);
    }
    if (usage.day !== today) {
      usage.day = today;
      usage.dayCount = 0;
    }
    return usage;
  }
}
