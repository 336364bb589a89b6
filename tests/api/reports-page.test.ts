import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import {
  createAdmin as createAdminWithRole,
  logIn as logInAs,
  startBrowserApp,
  type BrowserApp,
} from '../harness/browser';
import { fullAccessToken } from '../harness/builders';
import { orderClient } from '../harness/orders';
import { testDatabase, type TestApp } from '../harness/strapi';

/**
 * The Reports page in a real headless Chromium against the built admin panel. NOTE: SQLite only:
 * the page reads the same API whose figures the other report tests check on both databases.
 */

const describeInBrowser = testDatabase() === 'sqlite' ? describe : describe.skip;

let session: BrowserApp;
let app: TestApp;
let browser: Browser;
let baseUrl: string;

const createAdmin = (roleCode: string) => createAdminWithRole(app, roleCode);
const logIn = (page: Page, admin: { email: string; password: string }) =>
  logInAs(page, baseUrl, admin);

const section = (page: Page, report: string) => page.locator(`[data-report="${report}"]`);

describeInBrowser('the Reports page', () => {
  beforeAll(async () => {
    session = await startBrowserApp();
    ({ app, browser, baseUrl } = session);
  });
  afterAll(async () => session?.stop());

  it('shows its empty states before anything is sold', async () => {
    const page = await browser.newPage();
    await logIn(page, await createAdmin('middlepath-accountant'));
    await page.goto(`${baseUrl}/admin/plugins/reports`);
    await section(page, 'profit-and-loss').getByText('Nothing has been invoiced yet').waitFor();
    await section(page, 'customer-value').getByText('No customer has been invoiced yet').waitFor();
    await section(page, 'receivables').getByText('Nothing is owed').waitFor();
    await section(page, 'reconciliation')
      .getByText(/^Tied out: 0 orders/)
      .waitFor();
    await page.close();
  });

  it('shows the figures, a chart and CSV downloads once orders are invoiced', async () => {
    const client = orderClient(app.strapi, await fullAccessToken(app.strapi));
    const asset = await client.createAsset(
      { name: 'Chai, in bags', listPrice: 1800, reorderLevel: 20 },
      { quantity: 10, unitCost: 700 },
    );
    const customer = await client.createCustomer({ companyName: 'Alfreds Futterkiste' });
    const order = await client.createOrder([{ asset: asset.documentId, quantity: 4 }], {
      customer: customer.documentId,
      freight: 250,
    });
    for (const action of ['confirm', 'fulfil']) {
      const res = await client.post(`/api/orders/${order.documentId}/${action}`, {
        date: '2026-11-20',
      });
      expect([action, res.status]).toEqual([action, 200]);
    }

    const page = await browser.newPage({ acceptDownloads: true });
    await logIn(page, await createAdmin('middlepath-accountant'));
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL('**/admin/plugins/reports');
    await section(page, 'reconciliation')
      .getByText(/^Tied out: 1 orders/)
      .waitFor();
    // Nothing is mirrored while the accounting connector is off, so the page says nothing of it.
    expect(await section(page, 'reconciliation').locator('[data-mirror-status]').count()).toBe(0);
    await section(page, 'profit-and-loss').locator('.recharts-surface').first().waitFor();
    expect(await section(page, 'profit-and-loss').locator('.recharts-bar-rectangle').count()).toBe(
      2,
    );
    const customers = section(page, 'customer-value');
    await customers.getByText(`Alfreds Futterkiste (${customer.code})`, { exact: true }).waitFor();
    await customers.getByText('$72.00', { exact: true }).first().waitFor();
    const stock = section(page, 'stock');
    await stock.getByText(asset.sku, { exact: true }).waitFor();
    await section(page, 'receivables')
      .getByText(/^Outstanding \$74\.50:/)
      .waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      stock.getByRole('button', { name: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('stock.csv');
    const file = await download.path();
    const rows = parse(fs.readFileSync(file), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      expect.objectContaining({
        sku: asset.sku,
        name: 'Chai, in bags',
        onHand: '6',
        available: '6',
        stockValue: '4200',
        belowReorderLevel: 'true',
      }),
    ]);
    await page.screenshot({ path: path.join('.tmp', 'reports-page.png'), fullPage: true });
    await page.close();
  });

  it('shows an error state when a report fails', async () => {
    const page = await browser.newPage();
    await logIn(page, await createAdmin('middlepath-accountant'));
    await page.route('**/reports/receivables**', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({
          data: null,
          error: { status: 500, name: 'InternalServerError', message: 'Internal Server Error' },
        }),
      }),
    );
    await page.goto(`${baseUrl}/admin/plugins/reports`);
    await section(page, 'receivables')
      .getByText('Receivables aging could not load: Internal Server Error')
      .waitFor();
    await section(page, 'reconciliation')
      .getByText(/^Tied out/)
      .waitFor();
    await page.close();
  });

  it('offers neither the menu entry nor the page to an admin without the permission', async () => {
    const page = await browser.newPage();
    await logIn(page, await createAdmin('strapi-editor'));
    await page.getByRole('link', { name: 'Content Manager' }).waitFor();
    expect(await page.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    await page.goto(`${baseUrl}/admin/plugins/reports`);
    await page.getByText("You don't have the permissions to access that content").waitFor();
    expect(await page.locator('[data-report]').count()).toBe(0);
    await page.close();
  });
});
