import type { Browser, Page } from 'playwright-core';
import type { FakeBooksServer } from '../../tools/fake-books/src';
import { OUTBOX_UID, startSyncBooks, syncOf } from '../harness/accounting-sync';
import {
  createAdmin as createAdminWithRole,
  logIn as logInAs,
  startBrowserApp,
  type BrowserApp,
} from '../harness/browser';
import { api, fullAccessToken } from '../harness/builders';
import { orderClient } from '../harness/orders';
import { testDatabase, type TestApp } from '../harness/strapi';

/**
 * The connector's admin pages in a real headless Chromium against the built admin panel and
 * the fake Zoho Books over loopback. NOTE: SQLite only, like the Reports page: the routes behind
 * the pages are tested on both databases by accounting-sync-admin.
 */

const describeInBrowser = testDatabase() === 'sqlite' ? describe : describe.skip;
const LIMITS = { requestsPerWindow: 100, windowMs: 2000 };

let session: BrowserApp;
let app: TestApp;
let browser: Browser;
let baseUrl: string;
let books: FakeBooksServer;

const createAdmin = (roleCode: string) => createAdminWithRole(app, roleCode);
const logIn = (page: Page, admin: { email: string; password: string }) =>
  logInAs(page, baseUrl, admin);
const sync = () => syncOf(app.strapi);

/** The value shown under a label of the status page's health box. */
const fact = (page: Page, label: string) =>
  page.getByText(label, { exact: true }).locator('xpath=following-sibling::*[1]').first();

describeInBrowser('the accounting sync pages', () => {
  beforeAll(async () => {
    books = await startSyncBooks(LIMITS);
    session = await startBrowserApp();
    ({ app, browser, baseUrl } = session);
    // NOTE: the test drains the outbox itself, so what the page shows does not race a timer.
    await sync().stopPolling();
  });
  afterAll(async () => {
    await session?.stop();
    await books?.close();
  });

  it('switches the connector on in Settings, showing secrets only as set or not set', async () => {
    const page = await browser.newPage();
    await logIn(page, await createAdmin('strapi-super-admin'));
    await page.goto(`${baseUrl}/admin/settings/accounting-sync`);
    await page.getByRole('heading', { name: 'Accounting sync' }).waitFor();
    expect(await page.getByText('Not set.', { exact: true }).count()).toBe(2);

    await page.getByLabel('API base URL').fill(books.apiBaseUrl);
    await page.getByLabel('Accounts (token) URL').fill(books.tokenUrl);
    await page.getByLabel('Organization id').fill(books.organizationId);
    await page.getByLabel('OAuth client id').fill(books.clientId);
    await page.getByLabel('OAuth client secret').fill(books.clientSecret);
    await page.getByLabel('OAuth refresh token').fill(books.refreshToken);
    await page.getByLabel('Connector').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved.').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Accounting sync' }).waitFor();
    const isSet = page.getByText('Set. Leave empty to keep it; type to replace it.');
    await isSet.first().waitFor();
    expect(await isSet.count()).toBe(2);
    expect(await page.getByLabel('OAuth client secret').inputValue()).toBe('');
    expect(await page.getByLabel('Connector').isChecked()).toBe(true);
    const html = await page.content();
    expect(html).not.toContain(books.clientSecret);
    expect(html).not.toContain(books.refreshToken);
    expect(await sync().settings()).toMatchObject({
      isEnabled: true,
      apiBaseUrl: books.apiBaseUrl,
      hasClientSecret: true,
      hasRefreshToken: true,
    });
    await page.close();
  });

  it('shows health and a dead letter whose Retry button sends it again after a fix', async () => {
    const client = orderClient(app.strapi, await fullAccessToken(app.strapi));
    // Zoho takes display names of at most 200 characters; ours is longer with the code.
    const customer = await client.createCustomer({ companyName: 'X'.repeat(198) });
    const asset = await client.createAsset({ listPrice: 1500 }, { quantity: 5, unitCost: 600 });
    const order = await client.createOrder([{ asset: asset.documentId, quantity: 2 }], {
      customer: customer.documentId,
    });
    for (const action of ['confirm', 'fulfil']) {
      expect((await client.post(`/api/orders/${order.documentId}/${action}`)).status).toBe(200);
    }
    // The contact is refused and dead-lettered; the invoice waits for it.
    expect(await sync().drain(5_000)).toMatchObject({ pending: 1, dead: 1 });

    const page = await browser.newPage();
    await logIn(page, await createAdmin('strapi-super-admin'));
    await page.getByRole('link', { name: 'Accounting sync' }).first().click();
    await page.waitForURL('**/admin/plugins/accounting-sync');
    await fact(page, 'Connector').getByText('On', { exact: true }).waitFor();
    await fact(page, 'Dead letters').getByText('1', { exact: true }).waitFor();
    await fact(page, 'Pending').getByText('1', { exact: true }).waitFor();
    const dead = page.getByRole('row').filter({ hasText: 'POST /contacts' });
    await dead.getByText('POST /contacts: Invalid value passed for contact_name').waitFor();

    await app.strapi.documents('api::customer.customer').update({
      documentId: customer.documentId,
      data: { companyName: 'Xavier Trading' },
    } as never);
    await dead.getByRole('button', { name: 'Retry' }).click();
    await page.getByText(/^Entry \d+ will be sent again\.$/).waitFor();
    await page.getByText('No entries in this state.').waitFor();
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });
    expect(books.admin.documents('invoices')).toEqual([
      expect.objectContaining({ reference_number: order.number }),
    ]);

    await page.reload();
    await fact(page, 'Dead letters').getByText('0', { exact: true }).waitFor();
    expect(Number(await fact(page, 'Synced').innerText())).toBeGreaterThan(0);
    const rows = await app.strapi.db.query(OUTBOX_UID).findMany({ where: { state: 'dead' } });
    expect(rows).toEqual([]);

    // The Reports page's reconciliation says what was mirrored.
    await page.goto(`${baseUrl}/admin/plugins/reports`);
    await page
      .getByText(
        'Accounting system: 1 invoice and 0 credit notes mirrored, 0 differing, 0 waiting to be sent, 0 dead letters',
      )
      .waitFor();
    await page.close();
  });

  it('offers neither menu entry, settings link nor data to an admin without the permission', async () => {
    const editor = await createAdmin('strapi-editor');
    const page = await browser.newPage();
    await logIn(page, editor);
    await page.getByRole('link', { name: 'Content Manager' }).waitFor();
    expect(await page.getByRole('link', { name: 'Accounting sync' }).count()).toBe(0);
    await page.goto(`${baseUrl}/admin/plugins/accounting-sync`);
    await page.getByText("You don't have the permissions to access that content").waitFor();
    await page.goto(`${baseUrl}/admin/settings`);
    await page.getByRole('heading').first().waitFor();
    expect(await page.getByRole('link', { name: 'Accounting sync' }).count()).toBe(0);
    await page.close();

    const login = await api(app.strapi).post('/admin/login').send(editor);
    expect(login.status).toBe(200);
    for (const path of ['/accounting-sync/status', '/accounting-sync/settings']) {
      const res = await api(app.strapi)
        .get(path)
        .set('Authorization', `Bearer ${login.body.data.token}`);
      expect([path, res.status, res.body.error?.name]).toEqual([path, 403, 'PolicyError']);
    }
  });
});
