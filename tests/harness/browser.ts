import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureAdminBuild } from './admin-build';
import { startTestApp, type TestApp } from './strapi';

/** A real Strapi with its built admin panel on a loopback port, and Debian's headless Chromium. */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserApp {
  app: TestApp;
  browser: Browser;
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startBrowserApp(): Promise<BrowserApp> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (CI does)`);
  }
  ensureAdminBuild();
  const app = await startTestApp({ serveAdminPanel: true });
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    app,
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await app.stop();
    },
  };
}

const unique = () => crypto.randomBytes(4).toString('hex');

/** Creates an active administrator with one admin role (by its code) and returns the login. */
export async function createAdmin(app: TestApp, roleCode: string) {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  const email = `panel-${unique()}@example.com`;
  const password = `Panel-${unique()}-A1`;
  await app.strapi.service('admin::user').create({
    email,
    firstname: 'Panel',
    lastname: 'Tester',
    password,
    isActive: true,
    roles: [role.id],
  });
  return { email, password };
}

export async function logIn(
  page: Page,
  baseUrl: string,
  admin: { email: string; password: string },
) {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
}
