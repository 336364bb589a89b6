import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { findAppRoot, loadConfig } from '../src/platform/config';
import { replayNorthwind } from '../src/import/replay';
import { runImport } from '../src/import/run-import';
import { destroyWhenIdle } from '../src/platform/shutdown';
import { bootStrapi } from './boot';
import { connectDemoBooks, startDemoBooks, type DemoBooks } from './demo-books';

const ROOT = findAppRoot(__dirname);
const STRAPI_BIN = path.join(ROOT, 'node_modules', '.bin', 'strapi');

/**
 * `npm run demo`: builds the admin panel when it has not been built, loads the Northwind data
 * into an empty database, makes sure there is an administrator to log in with, then starts
 * Middlepath in production mode. With `--with-books` it also starts a fake Zoho Books in this
 * process and switches the accounting connector on against it.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const withBooks = process.argv.slice(2).includes('--with-books');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'build', 'index.html'))) {
    console.log('Building the admin panel (about a minute, once)…');
    run(STRAPI_BIN, ['build']);
  }
  const books: DemoBooks | undefined = withBooks ? await startDemoBooks(ROOT) : undefined;
  const strapi = await bootStrapi();
  let login: string;
  try {
    await loadNorthwindIfEmpty(strapi);
    login = await ensureAdministrator(strapi, config.DEMO_ADMIN_EMAIL, config.DEMO_ADMIN_PASSWORD);
    if (books) {
      await connectDemoBooks(strapi, books);
    }
  } finally {
    await destroyWhenIdle(strapi);
  }
  const url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  console.log(`\nMiddlepath is starting at ${url}/admin\n${login}\n`);
  const server = spawn(STRAPI_BIN, ['start'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  server.on('exit', (code) => {
    // NOTE: closing the fake saves its books, so the next run finds what was mirrored.
    const closed = books ? books.server.close() : Promise.resolve();
    closed.finally(() => process.exit(code ?? 0));
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => server.kill(signal));
  }
}

async function loadNorthwindIfEmpty(strapi: Core.Strapi): Promise<void> {
  if ((await strapi.db.query('api::order.order').count()) > 0) {
    console.log('The database already holds orders; the demo data is not imported again.');
    return;
  }
  console.log('Importing the Northwind sample and replaying its history (under a minute)…');
  const folder = path.join(ROOT, 'data', 'northwind');
  const summary = await runImport(strapi, { folder, preset: 'northwind' });
  const replay = await replayNorthwind(strapi, { folder });
  console.log(
    `Imported ${summary.customers.created} customers, ${summary.assets.created} assets and ${summary.orders.created} orders; ` +
      `${replay.confirmed} confirmed and ${replay.fulfilled} fulfilled through the order lifecycle.`,
  );
}

/** Creates the first Super Admin from DEMO_ADMIN_EMAIL/DEMO_ADMIN_PASSWORD, or with a printed password. */
async function ensureAdministrator(
  strapi: Core.Strapi,
  email?: string,
  password?: string,
): Promise<string> {
  const users = strapi.service('admin::user') as unknown as {
    exists(where?: object): Promise<boolean>;
    create(data: object): Promise<unknown>;
  };
  if (await users.exists()) {
    return 'Log in with the administrator account created on the first run (its password was printed then; `npx strapi admin:reset-user-password` sets a new one).';
  }
  const roles = strapi.service('admin::role') as unknown as {
    getSuperAdmin(): Promise<{ id: number } | null>;
  };
  const superAdmin = await roles.getSuperAdmin();
  if (!superAdmin) {
    throw new Error('The Super Admin role is missing; Strapi creates it at first boot');
  }
  const loginEmail = email ?? 'admin@middlepath.local';
  // NOTE: a generated password has upper and lower case letters and a digit, as Strapi requires.
  const loginPassword = password ?? `Mp1-${crypto.randomBytes(12).toString('base64url')}`;
  await users.create({
    email: loginEmail,
    firstname: 'Demo',
    lastname: 'Administrator',
    password: loginPassword,
    isActive: true,
    roles: [superAdmin.id],
  });
  return password
    ? `Log in as ${loginEmail} with DEMO_ADMIN_PASSWORD.`
    : `Log in as ${loginEmail} with the password ${loginPassword} (shown once; set DEMO_ADMIN_EMAIL and DEMO_ADMIN_PASSWORD to choose your own).`;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(
      `${path.basename(command)} ${args.join(' ')} failed with exit code ${result.status}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
