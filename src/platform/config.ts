import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';

/**
 * The one place that reads the environment. Every entry point (Strapi's config files, the
 * importer, the demo, the tests) goes through `loadConfig()`, so whichever runs first on a fresh
 * clone writes `.env` with fresh secrets, and a bad value stops the start naming its variable.
 */

const SECRET_NAMES = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'ACCOUNTING_SYNC_SECRET_KEY',
] as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const secret = z.string().min(16, 'must be at least 16 characters (it is a secret)');

const envSchema = z.object({
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(1337),
  PUBLIC_URL: z.url().optional(),
  APP_KEYS: z
    .string()
    .transform((value) => value.split(',').map((key) => key.trim()))
    .pipe(z.array(secret).min(1)),
  API_TOKEN_SALT: secret,
  ADMIN_JWT_SECRET: secret,
  TRANSFER_TOKEN_SALT: secret,
  JWT_SECRET: secret,
  ENCRYPTION_KEY: secret,
  /**
   * Encrypts the accounting connector's stored credentials. NOTE: optional so that a `.env`
   * written before it existed still boots; the connector refuses to store credentials without it.
   */
  ACCOUNTING_SYNC_SECRET_KEY: secret.optional(),
  /** How often this instance's accounting sync worker looks for work; 0 runs none here. */
  ACCOUNTING_SYNC_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  DATABASE_CLIENT: z.enum(['sqlite', 'postgres']).default('sqlite'),
  DATABASE_FILENAME: z.string().min(1).default('.tmp/data.db'),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_HOST: z.string().min(1).default('localhost'),
  DATABASE_PORT: port.default(5432),
  DATABASE_NAME: z.string().min(1).default('middlepath'),
  DATABASE_USERNAME: z.string().min(1).default('middlepath'),
  DATABASE_PASSWORD: z.string().default(''),
  DATABASE_SCHEMA: z.string().min(1).default('public'),
  DATABASE_SSL: booleanFlag.default(false),
  DATABASE_POOL_MIN: z.coerce.number().int().min(0).default(2),
  DATABASE_POOL_MAX: positiveInt.default(10),
  DATABASE_CONNECTION_TIMEOUT: positiveInt.default(60000),
  BASE_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
    .default('USD'),
  /** Overrides of the ledger's default account codes: "role=code" pairs, such as "cash=1010". */
  LEDGER_ACCOUNT_CODES: z
    .string()
    .regex(
      /^[A-Za-z]+=[A-Za-z0-9.-]{1,20}(,[A-Za-z]+=[A-Za-z0-9.-]{1,20})*$/,
      'must be role=code pairs separated by commas, such as "cash=1010,receivable=1110"',
    )
    .transform((text) =>
      Object.fromEntries(text.split(',').map((pair) => pair.split('=') as [string, string])),
    )
    .optional(),
  DEMO_ADMIN_EMAIL: z.email().optional(),
  DEMO_ADMIN_PASSWORD: z.string().min(8).optional(),
});

export type AppConfig = z.infer<typeof envSchema> & { appRoot: string };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

let cached: AppConfig | undefined;

/** Reads, validates and caches the configuration; creates `.env` on a fresh clone. */
export function loadConfig(): AppConfig {
  if (cached) {
    return cached;
  }
  const appRoot = findAppRoot();
  const envFile = process.env.ENV_PATH ?? path.join(appRoot, '.env');
  ensureEnvFile(envFile);
  // NOTE: values already in the environment win over `.env`, so CI and tests can override.
  dotenv.config({ path: envFile, quiet: true });

  const parsed = envSchema.safeParse(emptyAsUnset(process.env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  if (parsed.data.DATABASE_POOL_MIN > parsed.data.DATABASE_POOL_MAX) {
    throw new ConfigError('Invalid configuration: DATABASE_POOL_MIN is above DATABASE_POOL_MAX');
  }
  cached = { ...parsed.data, appRoot };
  return cached;
}

/** Forgets the cached configuration; for tests that change the environment. */
export function resetConfigCache(): void {
  cached = undefined;
}

/** Writes `.env` with fresh random secrets when it does not exist; never overwrites one. */
export function ensureEnvFile(envFile: string): boolean {
  if (fs.existsSync(envFile)) {
    return false;
  }
  const lines = [
    '# Written on first run with fresh random secrets. Never commit this file.',
    '# Every variable is documented in .env.example.',
    ...SECRET_NAMES.map((name) => `${name}=${freshSecret(name)}`),
  ];
  // NOTE: 'wx' fails if another process created the file meanwhile; theirs is as good as ours.
  try {
    fs.writeFileSync(envFile, `${lines.join('\n')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
    return false;
  }
  return true;
}

function freshSecret(name: (typeof SECRET_NAMES)[number]): string {
  const random = () => crypto.randomBytes(24).toString('base64');
  return name === 'APP_KEYS' ? [random(), random(), random(), random()].join(',') : random();
}

function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') {
      result[key] = value;
    }
  }
  return result;
}

/** The folder holding the app's package.json, whether running from `src` (tests) or `dist`. */
export function findAppRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new ConfigError(`No package.json above ${start}`);
    }
    dir = parent;
  }
}
