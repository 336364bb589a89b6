import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createStrapi, type Core } from '@strapi/strapi';
import { destroyWhenIdle } from '../../src/platform/shutdown';

const ROOT = path.resolve(__dirname, '..', '..');

export type TestDatabase = 'sqlite' | 'postgres';

export interface TestApp {
  strapi: Core.Strapi;
  db: TestDatabase;
  stop(): Promise<void>;
}

export const testDatabase = (): TestDatabase =>
  process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/**
 * Boots a real Strapi from the compiled app on a fresh database of its own: a new SQLite file,
 * or a new PostgreSQL database on the tests' server. `serveAdminPanel` needs the admin build
 * (tests/harness/admin-build.ts).
 */
export async function startTestApp(options: { serveAdminPanel?: boolean } = {}): Promise<TestApp> {
  const db = testDatabase();
  const name = `mp_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const cleanup = db === 'postgres' ? await usePostgres(name) : useSqlite(name);
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const strapi = createStrapi({
    appDir: ROOT,
    distDir: path.join(ROOT, 'dist'),
    serveAdminPanel: options.serveAdminPanel ?? false,
  });
  strapi.log.level = 'warn';
  await strapi.load();
  await strapi.server.mount();
  return {
    strapi,
    db,
    async stop() {
      await destroyWhenIdle(strapi);
      await cleanup();
    },
  };
}

function useSqlite(name: string): () => Promise<void> {
  const file = path.join('.tmp', `${name}.db`);
  process.env.DATABASE_CLIENT = 'sqlite';
  process.env.DATABASE_FILENAME = file;
  return async () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      fs.rmSync(path.join(ROOT, file + suffix), { force: true });
    }
  };
}

async function usePostgres(name: string): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    throw new Error('TEST_DATABASE_URL is not set; the global setup starts a server');
  }
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_CLIENT = 'postgres';
  process.env.DATABASE_URL = url.toString();
  return async () => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
}
