import { fullAccessToken } from '../harness/builders';
import { createAdmin, logIn, startBrowserApp, type BrowserApp } from '../harness/browser';
import { orderClient } from '../harness/orders';
import { testDatabase } from '../harness/strapi';

/**
 * An order's records in the admin panel, in a real headless Chromium against the built panel.
 * NOTE: SQLite only; the records themselves are checked on both databases by the API tests.
 */
const describeInBrowser = testDatabase() === 'sqlite' ? describe : describe.skip;

let session: BrowserApp;

describeInBrowser("an order's records in the admin panel", () => {
  beforeAll(async () => {
    session = await startBrowserApp();
  });
  afterAll(async () => session?.stop());

  it('links a returned order to its invoice, journal entries, movements and credit note', async () => {
    const { app, browser, baseUrl } = session;
    const client = orderClient(app.strapi, await fullAccessToken(app.strapi));
    const asset = await client.createAsset({ listPrice: 1800 }, { quantity: 10, unitCost: 700 });
    const order = await client.createOrder([{ asset: asset.documentId, quantity: 3 }]);
    for (const action of ['confirm', 'fulfil']) {
      const res = await client.post(`/api/orders/${order.documentId}/${action}`, {
        date: '2026-11-20',
      });
      expect([action, res.status]).toEqual([action, 200]);
    }
    const returned = await client.post(`/api/orders/${order.documentId}/returns`, {
      lines: [{ lineNo: 1, quantity: 1, disposition: 'restock' }],
      date: '2026-11-25',
    });
    expect(returned.status).toBe(201);
    const creditNote = returned.body.data.creditNote.number as string;
    const invoice = returned.body.data.order.invoiceNumber as string;

    const page = await browser.newPage();
    await logIn(page, baseUrl, await createAdmin(app, 'strapi-super-admin'));
    await page.goto(
      `${baseUrl}/admin/content-manager/collection-types/api::order.order/${order.documentId}`,
    );
    const records = page.getByRole('region', { name: 'Order records' });
    await records.getByText(`Invoice ${invoice} of 2026-11-20`).waitFor();
    await records.getByRole('link', { name: `Credit note ${creditNote}` }).waitFor();

    await records.getByRole('link', { name: 'Stock movements' }).click();
    await page.getByText('3 entries found').waitFor();
    for (const key of [':confirm#1', ':fulfil#1']) {
      await page.getByText(`order:${order.documentId}${key}`).waitFor();
    }
    await page.getByText(`return:${creditNote}#1`).waitFor();

    await page.goBack();
    await records.getByRole('link', { name: 'Journal entries' }).click();
    // The invoice, the cost of goods, the credit note and the restocked cost.
    await page.getByText('4 entries found').waitFor();

    await page.goBack();
    await records.getByRole('link', { name: `Credit note ${creditNote}` }).click();
    await page.getByRole('heading', { name: creditNote }).waitFor();
    await page.close();
  });
});
