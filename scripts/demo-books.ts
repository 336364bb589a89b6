import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { optionsFromEnv } from '../tools/fake-books/src/config';
import {
  startFakeBooks,
  type FakeBooksServer,
  type RateLimitConfig,
} from '../tools/fake-books/src';

export interface DemoBooks {
  readonly server: FakeBooksServer;
  readonly rateLimit: RateLimitConfig;
}

/**
 * `npm run demo -- --with-books`: a fake Zoho Books in the demo's own process, and the
 * accounting connector switched on against it.
 */

/**
 * What the demo's fake differs in from `npm run fake-books`; the same FAKE_BOOKS_* variables
 * override it. NOTE: 100 requests per 2 s (the tests' limit) mirrors Northwind in about a
 * minute; FAKE_BOOKS_RATE_WINDOW_SECONDS=60 gives Zoho's real pace (10 min 36 s, measured).
 */
function demoBooksEnv(root: string): NodeJS.ProcessEnv {
  return {
    FAKE_BOOKS_RATE_WINDOW_SECONDS: '2',
    FAKE_BOOKS_DAILY_LIMIT: '100000',
    FAKE_BOOKS_STATE_FILE: path.join(root, '.tmp', 'fake-books.json'),
    ...process.env,
  };
}

/** Starts the fake on FAKE_BOOKS_PORT (4010), keeping its books in `.tmp/fake-books.json`. */
export async function startDemoBooks(root: string): Promise<DemoBooks> {
  const options = optionsFromEnv(demoBooksEnv(root));
  const server = await startFakeBooks(options);
  const rateLimit = server.admin.rateLimit();
  console.log(
    `Fake Zoho Books is listening on ${server.url}, ${rateLimit.requestsPerWindow} requests per ` +
      `${rateLimit.windowMs / 1000} s (its books in ${options.stateFile}; requests and faults ` +
      `under ${server.url}/__admin).`,
  );
  return { server, rateLimit };
}

interface SyncService {
  saveSettings(input: unknown): Promise<unknown>;
  mirrorExisting(): Promise<Partial<Record<string, number>>>;
}

/**
 * Points the connector at the fake (its URLs, organization and this run's credentials, its
 * limits), switches it on and queues the records that are not mirrored yet. The worker of the
 * started app sends them. NOTE: this replaces whatever connection the database held: it is
 * a demo database.
 */
export async function connectDemoBooks(strapi: Core.Strapi, demo: DemoBooks): Promise<void> {
  const sync = strapi.plugin('accounting-sync').service('sync') as unknown as SyncService;
  const { server: books, rateLimit: limits } = demo;
  await sync.saveSettings({
    isEnabled: true,
    isDryRun: false,
    apiBaseUrl: books.apiBaseUrl,
    tokenUrl: books.tokenUrl,
    organizationId: books.organizationId,
    clientId: books.clientId,
    clientSecret: books.clientSecret,
    refreshToken: books.refreshToken,
    limits: {
      requestsPerWindow: limits.requestsPerWindow,
      windowMs: limits.windowMs,
      requestsPerDay: limits.dailyLimit,
    },
  });
  const queued = await sync.mirrorExisting();
  const counts = Object.entries(queued).map(([kind, count]) => `${count} ${kind}`);
  console.log(
    `Accounting sync is on against the fake; queued ${counts.length ? counts.join(', ') : 'nothing new'} ` +
      'for the worker (Settings → Accounting sync, and the Accounting sync page, show its progress).',
  );
}
