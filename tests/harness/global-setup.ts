import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config';
import { startTestPostgres } from './postgres-server';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs once before every test file: builds the local plugins, compiles the app (Strapi then
 * loads it from dist, as in production), makes sure `.env` exists, and provides a PostgreSQL
 * server.
 */
export default async function globalSetup(): Promise<void> {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  loadConfig();
  // NOTE: local plugins first: Strapi silently skips a plugin whose build is missing.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-plugins.js')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const started = Date.now();
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  console.log(`\n[tests] compiled the app in ${Date.now() - started} ms`);
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  if (!process.env.TEST_DATABASE_URL) {
    // NOTE: one data folder per run, so two test runs on one machine do not share a server.
    const server = await startTestPostgres(path.join(ROOT, '.tmp', `pg-test-${process.pid}`));
    process.env.TEST_DATABASE_URL = server.url;
    (globalThis as { __testPostgres?: { stop(): Promise<void> } }).__testPostgres = server;
    console.log(
      `[tests] started PostgreSQL for the tests at ${server.url.replace(/:[^:@]*@/, ':***@')}`,
    );
  }
}
