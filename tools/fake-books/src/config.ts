import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { RoundingMode } from './money';

/** Limits Zoho Books applies per organization. */
export interface RateLimitConfig {
  /** Requests allowed in one window (Zoho: 100 per minute). */
  readonly requestsPerWindow: number;
  readonly windowMs: number;
  /** Requests allowed per UTC day (Zoho: 1000 on the Free plan up to 10000 on paid plans). */
  readonly dailyLimit: number;
}

/** Everything `startFakeBooks` can be told; every field has a default. */
export interface FakeBooksOptions {
  /** 0 picks a free port (what tests use). */
  readonly port?: number;
  readonly host?: string;
  /** Organizations that exist; the first is the default one. */
  readonly organizationIds?: readonly string[];
  readonly clientId?: string;
  /** Generated at random when not given, so no secret is built into the code. */
  readonly clientSecret?: string;
  /** Generated at random when not given. */
  readonly refreshToken?: string;
  readonly accessTokenLifetimeSeconds?: number;
  readonly rateLimit?: Partial<RateLimitConfig>;
  readonly rounding?: RoundingMode;
  /**
   * Decimal places a line's rate keeps before quantity × rate (Zoho's organization setting
   * "price precision", 0 to 6); 6 by default, so a rate sent with up to 6 places is kept.
   */
  readonly pricePrecision?: number;
  /**
   * Time source (epoch ms) for token expiry and limit windows; defaults to `Date.now`.
   * NOTE: tests freeze it so that a window of "100 per 2 s" never depends on machine speed.
   */
  readonly now?: () => number;
  /** A JSON file that keeps the books between runs (loaded at start, saved after changes). */
  readonly stateFile?: string;
}

export interface ResolvedConfig {
  readonly port: number;
  readonly host: string;
  readonly organizationIds: readonly string[];
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  accessTokenLifetimeSeconds: number;
  rateLimit: RateLimitConfig;
  rounding: RoundingMode;
  pricePrecision: number;
  readonly now: () => number;
  readonly stateFile?: string;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  requestsPerWindow: 100,
  windowMs: 60_000,
  dailyLimit: 1000,
};

export const DEFAULT_ORGANIZATION_ID = '10234695';
export const DEFAULT_CLIENT_ID = '1000.FAKEBOOKSCLIENT0000000000000';

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function resolveConfig(options: FakeBooksOptions = {}): ResolvedConfig {
  const organizationIds = options.organizationIds ?? [DEFAULT_ORGANIZATION_ID];
  if (organizationIds.length === 0) {
    throw new Error('organizationIds must name at least one organization');
  }
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    organizationIds,
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    clientSecret: options.clientSecret ?? randomHex(20),
    refreshToken: options.refreshToken ?? `1000.${randomHex(16)}.${randomHex(16)}`,
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
    rateLimit: { ...DEFAULT_RATE_LIMIT, ...options.rateLimit },
    rounding: options.rounding ?? 'half-up',
    pricePrecision: options.pricePrecision ?? 6,
    now: options.now ?? Date.now,
    stateFile: options.stateFile,
  };
}

const positiveInt = z.coerce.number().int().positive();

/** The environment variables `main.ts` reads; each is optional. */
const envSchema = z.object({
  FAKE_BOOKS_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  FAKE_BOOKS_HOST: z.string().min(1).default('127.0.0.1'),
  FAKE_BOOKS_ORG_ID: z.string().regex(/^\d+$/, 'must be digits').default(DEFAULT_ORGANIZATION_ID),
  FAKE_BOOKS_CLIENT_ID: z.string().min(1).optional(),
  FAKE_BOOKS_CLIENT_SECRET: z.string().min(1).optional(),
  FAKE_BOOKS_REFRESH_TOKEN: z.string().min(1).optional(),
  FAKE_BOOKS_TOKEN_LIFETIME_SECONDS: positiveInt.default(3600),
  FAKE_BOOKS_RATE_LIMIT: positiveInt.default(DEFAULT_RATE_LIMIT.requestsPerWindow),
  FAKE_BOOKS_RATE_WINDOW_SECONDS: positiveInt.default(DEFAULT_RATE_LIMIT.windowMs / 1000),
  FAKE_BOOKS_DAILY_LIMIT: positiveInt.default(DEFAULT_RATE_LIMIT.dailyLimit),
  FAKE_BOOKS_ROUNDING: z.enum(['half-up', 'half-even']).default('half-up'),
  FAKE_BOOKS_STATE_FILE: z.string().min(1).optional(),
});

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; a bad value stops the CLI at boot. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): FakeBooksOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid fake-books environment: ${problems.join('; ')}`);
  }
  const vars = parsed.data;
  return {
    port: vars.FAKE_BOOKS_PORT,
    host: vars.FAKE_BOOKS_HOST,
    organizationIds: [vars.FAKE_BOOKS_ORG_ID],
    clientId: vars.FAKE_BOOKS_CLIENT_ID,
    clientSecret: vars.FAKE_BOOKS_CLIENT_SECRET,
    refreshToken: vars.FAKE_BOOKS_REFRESH_TOKEN,
    accessTokenLifetimeSeconds: vars.FAKE_BOOKS_TOKEN_LIFETIME_SECONDS,
    rateLimit: {
      requestsPerWindow: vars.FAKE_BOOKS_RATE_LIMIT,
      windowMs: vars.FAKE_BOOKS_RATE_WINDOW_SECONDS * 1000,
      dailyLimit: vars.FAKE_BOOKS_DAILY_LIMIT,
    },
    rounding: vars.FAKE_BOOKS_ROUNDING,
    stateFile: vars.FAKE_BOOKS_STATE_FILE,
  };
}
