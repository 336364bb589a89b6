import Big from 'big.js';
import type { Core } from '@strapi/strapi';
import type { FakeBooksServer } from '../../tools/fake-books/src';
import {
  CONNECTION_UID,
  ID_MAP_UID,
  OUTBOX_UID,
  connectTo,
  startSyncBooks,
  syncOf,
} from '../harness/accounting-sync';
import { fullAccessToken } from '../harness/builders';
import { cents, readNorthwind } from '../harness/northwind';
import { orderClient, type OrderClient } from '../harness/orders';
import { startTestApp, type TestApp } from '../harness/strapi';

/**
 * Sales tax mirrored as Zoho taxes, over loopback to the fake Zoho Books: taxed Northwind orders
 * (their real lines and discounts, a tax rate by the country they ship to), one tax per rate,
 * the accountant's own taxes reused, and the taxes Zoho refuses or no longer has.
 */

const LIMITS = { requestsPerWindow: 100, windowMs: 2000 };

let app: TestApp;
let strapi: Core.Strapi;
let books: FakeBooksServer;
let orders: OrderClient;

type Doc = Record<string, unknown>;
const sync = () => syncOf(strapi);
const toCents = (value: unknown) => Math.round(Number(value) * 100);
/** "0.08875" → 8.875, as the fake shows a percentage. */
const percentOf = (rate: string) => Number(new Big(rate).times(100).toFixed());
const taxRows = () => strapi.db.query(ID_MAP_UID).findMany({ where: { kind: 'tax' } });
const taxCreates = () =>
  books.admin
    .requestLog()
    .filter((entry) => entry.method === 'POST' && entry.path === '/books/v3/settings/taxes');

/** Made-up sales tax rates by the country an order ships to; elsewhere untaxed. */
const TAX_RATE_BY_COUNTRY: Readonly<Record<string, string>> = {
  USA: '0.08875',
  Germany: '0.19',
  France: '0.2',
  Austria: '0.2',
  Sweden: '0.25',
  Finland: '0.24',
  Spain: '0.21',
  Belgium: '0.21',
  Italy: '0.22',
  Mexico: '0.16',
  Switzerland: '0.077',
};
const NORTHWIND_ORDERS = 40;

interface MadeOrder {
  documentId: string;
  invoiceNumber: string;
  taxTotal: number;
  total: number;
  rate: string;
}

/** The first shipped Northwind orders, made through the REST API with their tax, and fulfilled. */
async function fulfilTaxedNorthwindOrders() {
  const shipped = readNorthwind('orders.csv')
    .filter((order) => order.shippedDate)
    .slice(0, NORTHWIND_ORDERS);
  const details = readNorthwind('order-details.csv');
  const customers = new Map(readNorthwind('customers.csv').map((row) => [row.customerID, row]));
  const products = new Map(readNorthwind('products.csv').map((row) => [row.productID, row]));
  const customerIds = new Map<string, string>();
  const assetIds = new Map<string, string>();
  const made: MadeOrder[] = [];
  for (const order of shipped) {
    const customer = customers.get(order.customerID)!;
    if (!customerIds.has(customer.customerID)) {
      const created = await orders.createCustomer({
        code: customer.customerID,
        companyName: customer.companyName,
        billingAddress: { country: customer.country },
      });
      customerIds.set(customer.customerID, created.documentId);
    }
    const lines = details.filter((line) => line.orderID === order.orderID);
    for (const line of lines) {
      const product = products.get(line.productID)!;
      if (!assetIds.has(product.productID)) {
        const asset = await orders.createAsset(
          {
            sku: `NW-${product.productID}`,
            name: product.productName,
            listPrice: Number(cents(product.unitPrice)),
          },
          { quantity: 1_000, unitCost: 100 },
        );
        assetIds.set(product.productID, asset.documentId);
      }
    }
    const rate = TAX_RATE_BY_COUNTRY[order.shipCountry] ?? '0';
    const created = await orders.createOrder(
      lines.map((line) => ({
        asset: assetIds.get(line.productID)!,
        quantity: Number(line.quantity),
        unitPrice: Number(cents(line.unitPrice)),
        discount: line.discount,
        taxRate: rate,
      })),
      { customer: customerIds.get(order.customerID), freight: Number(cents(order.freight)) },
    );
    expect((await orders.post(`/api/orders/${created.documentId}/confirm`)).status).toBe(200);
    const fulfilled = await orders.post(`/api/orders/${created.documentId}/fulfil`);
    expect(fulfilled.status).toBe(200);
    made.push({ ...(fulfilled.body.data as Omit<MadeOrder, 'rate'>), rate });
  }
  return { made, skus: assetIds.size };
}

beforeAll(async () => {
  books = await startSyncBooks(LIMITS);
  app = await startTestApp();
  strapi = app.strapi;
  await sync().stopPolling();
  orders = orderClient(strapi, await fullAccessToken(strapi));
  await connectTo(strapi, books, LIMITS);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await books?.close();
});

describe('taxed Northwind orders mirrored to Zoho Books', () => {
  let made: MadeOrder[];
  let skus: number;

  beforeAll(async () => {
    ({ made, skus } = await fulfilTaxedNorthwindOrders());
    expect(await sync().drain(120_000)).toMatchObject({ pending: 0, dead: 0 });
  }, 300_000);

  it('totals each invoice and its tax as we do, to the cent, with no adjustment', async () => {
    const remote = new Map(
      (books.admin.documents('invoices') as Doc[]).map((doc) => [doc.invoice_number, doc]),
    );
    expect(remote.size).toBe(NORTHWIND_ORDERS);
    const differing = made.filter((order) => {
      const doc = remote.get(order.invoiceNumber);
      return (
        toCents(doc?.total) !== order.total ||
        toCents(doc?.tax_total) !== order.taxTotal ||
        doc?.adjustment !== 0
      );
    });
    expect(differing).toEqual([]);
    expect(made.filter((order) => order.taxTotal > 0).length).toBeGreaterThan(30);
    expect(await strapi.db.query(OUTBOX_UID).count({ where: { isFlagged: true } })).toBe(0);
  });

  it('makes one Zoho tax per distinct rate, remembered in the id map, and no sales-tax item', async () => {
    const rates = [...new Set(made.map((order) => order.rate))].filter((rate) => rate !== '0');
    expect(rates).toHaveLength(9);
    const taxes = books.admin.documents('taxes') as Doc[];
    expect(taxes.map((tax) => [tax.tax_name, tax.tax_percentage]).sort()).toEqual(
      rates.map((rate) => [`Sales tax ${percentOf(rate)}%`, percentOf(rate)]).sort(),
    );
    expect(taxCreates().filter((entry) => entry.status === 201)).toHaveLength(rates.length);
    const mapped = await taxRows();
    expect(mapped.map((row) => row.localKey).sort()).toEqual(
      rates.map((rate) => `rate:${rate}`).sort(),
    );
    expect(new Set(mapped.map((row) => row.remoteId))).toEqual(
      new Set(taxes.map((tax) => tax.tax_id)),
    );
    const items = books.admin.documents('items') as Doc[];
    expect(items).toHaveLength(skus + 1); // the assets sold and freight
    expect(items.filter((item) => /tax/i.test(String(item.name)))).toEqual([]);
    // Each line goes with the tax of its order's rate; freight and untaxed orders' lines none.
    const taxIdOf = new Map(taxes.map((tax) => [tax.tax_percentage, tax.tax_id]));
    const invoices = new Map(
      (books.admin.documents('invoices') as Doc[]).map((doc) => [doc.invoice_number, doc]),
    );
    for (const order of made) {
      const lines = invoices.get(order.invoiceNumber)?.line_items as Doc[];
      const expected = order.rate === '0' ? '' : taxIdOf.get(percentOf(order.rate));
      expect(lines.map((line) => [line.name, line.tax_id])).toEqual(
        lines.map((line) => [line.name, line.name === 'Freight' ? '' : expected]),
      );
    }
  });

  it('creates no tax again for the next invoices of the same rates', async () => {
    const before = books.admin.requestLog().length;
    const asset = await orders.createAsset({}, { quantity: 5, unitCost: 100 });
    const order = await orders.createOrder([
      { asset: asset.documentId, quantity: 1, taxRate: '0.19' },
    ]);
    await orders.post(`/api/orders/${order.documentId}/confirm`);
    expect((await orders.post(`/api/orders/${order.documentId}/fulfil`)).status).toBe(200);
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });
    const since = books.admin.requestLog().slice(before);
    expect(since.filter((entry) => entry.path === '/books/v3/settings/taxes')).toEqual([]);
    expect(books.admin.documents('taxes')).toHaveLength(9);
  });
});

describe('taxes the provider has already, refuses or no longer has', () => {
  beforeEach(async () => {
    books.admin.reset();
    await strapi.db.query(OUTBOX_UID).deleteMany({ where: {} });
    await strapi.db.query(ID_MAP_UID).deleteMany({ where: {} });
    await strapi.db
      .query(CONNECTION_UID)
      .updateMany({ where: { name: 'default' }, data: { accessTokenSealed: null } });
  });

  /** A fulfilled order of one line of `quantity` × 10.00 at `taxRate`. */
  async function fulfilledOrder(taxRate: string, quantity = 1) {
    const asset = await orders.createAsset({ listPrice: 1000 }, { quantity: 10, unitCost: 400 });
    const order = await orders.createOrder([{ asset: asset.documentId, quantity, taxRate }]);
    await orders.post(`/api/orders/${order.documentId}/confirm`);
    const fulfilled = await orders.post(`/api/orders/${order.documentId}/fulfil`);
    expect(fulfilled.status).toBe(200);
    return fulfilled.body.data as { documentId: string; invoiceNumber: string; total: number };
  }

  /** A tax made in Zoho by someone else (the accountant), through the public API. */
  async function accountantsTax(name: string, percentage: number): Promise<string> {
    const url = `${books.apiBaseUrl}/settings/taxes?organization_id=${books.organizationId}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        Authorization: `Zoho-oauthtoken ${books.admin.issueAccessToken()}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ tax_name: name, tax_percentage: percentage }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { tax: { tax_id: string } }).tax.tax_id;
  }

  const invoiceRow = async (documentId: string) =>
    strapi.db.query(OUTBOX_UID).findOne({ where: { kind: 'invoice', sourceId: documentId } });

  it("uses the accountant's own tax of the rate instead of making one", async () => {
    const theirs = await accountantsTax('NY State & City', 8.875);
    const order = await fulfilledOrder('0.08875');
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });

    expect(taxCreates()).toHaveLength(1); // the accountant's
    const [invoice] = books.admin.documents('invoices');
    expect(invoice).toMatchObject({ invoice_number: order.invoiceNumber, tax_total: 0.89 });
    expect(invoice?.line_items).toEqual([expect.objectContaining({ tax_id: theirs })]);
    expect(await taxRows()).toEqual([
      expect.objectContaining({ localKey: 'rate:0.08875', remoteId: theirs }),
    ]);
  });

  it('dead-letters a rate whose name a provider tax of another rate holds, and makes none', async () => {
    await accountantsTax('Sales tax 7%', 8);
    const order = await fulfilledOrder('0.07');
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 1 });

    expect(await invoiceRow(order.documentId)).toMatchObject({
      state: 'dead',
      lastError: 'The provider\'s tax "Sales tax 7%" charges 8%, not 7%; rename it or make it 7%',
    });
    expect(taxCreates()).toHaveLength(1);
    expect(books.admin.documents('invoices')).toEqual([]);
  });

  it("dead-letters an invoice whose tax the provider refuses, with the provider's message, while others go", async () => {
    const refused = await fulfilledOrder('1.5'); // 150 %: the fake takes at most 100 %
    const fine = await fulfilledOrder('0.05');
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 1 });

    expect(await invoiceRow(refused.documentId)).toMatchObject({
      state: 'dead',
      lastError: 'POST /settings/taxes: Invalid value passed for tax_percentage',
    });
    expect(await invoiceRow(fine.documentId)).toMatchObject({ state: 'synced' });
    expect(books.admin.documents('taxes')).toEqual([
      expect.objectContaining({ tax_name: 'Sales tax 5%', tax_percentage: 5 }),
    ]);
    expect(books.admin.documents('invoices')).toEqual([
      expect.objectContaining({ invoice_number: fine.invoiceNumber, total: 10.5 }),
    ]);
    const refusedTax = await taxRows();
    expect(refusedTax.find((row) => row.localKey === 'rate:1.5')).toMatchObject({
      remoteId: null,
    });
  });

  it('dead-letters an invoice whose tax the provider no longer has, naming the tax', async () => {
    const first = await fulfilledOrder('0.06');
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });
    const [tax] = books.admin.documents('taxes');
    books.admin.deleteDocument('taxes', String(tax?.tax_id));

    const second = await fulfilledOrder('0.06');
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 1 });
    expect(await invoiceRow(second.documentId)).toMatchObject({
      state: 'dead',
      lastError: `POST /invoices: Tax ${String(tax?.tax_id)} does not exist.`,
    });
    expect(books.admin.documents('invoices')).toEqual([
      expect.objectContaining({ invoice_number: first.invoiceNumber, tax_total: 0.6 }),
    ]);
  });

  it("taxes credit-note lines at their order line's rate; a prorated cent becomes a flagged adjustment", async () => {
    // 3 × 10.00 at 8.875 %: tax 2.66. One unit back credits 10.00 and round(2.66 / 3) = 0.89,
    // which Zoho's 10.00 × 8.875 % = 0.8875 agrees with; the last two credit 20.00 and the
    // remaining 1.77, where Zoho's 20.00 × 8.875 % = 1.775 rounds to 1.78.
    const order = await fulfilledOrder('0.08875', 3);
    const back = (quantity: number) =>
      orders.post(`/api/orders/${order.documentId}/returns`, {
        lines: [{ lineNo: 1, quantity, disposition: 'restock' }],
      });
    const firstReturn = await back(1);
    const secondReturn = await back(2);
    expect(firstReturn.status).toBe(201);
    expect(secondReturn.status).toBe(201);
    expect([firstReturn.body.data.creditNote, secondReturn.body.data.creditNote]).toEqual([
      expect.objectContaining({ taxTotal: 89, total: 1089 }),
      expect.objectContaining({ taxTotal: 177, total: 2177 }),
    ]);
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });

    const [tax] = books.admin.documents('taxes');
    expect(books.admin.documents('taxes')).toHaveLength(1);
    const notes = books.admin
      .documents('creditnotes')
      .sort((a, b) => String(a.creditnote_number).localeCompare(String(b.creditnote_number)));
    expect(notes).toEqual([
      expect.objectContaining({ tax_total: 0.89, adjustment: 0, total: 10.89 }),
      expect.objectContaining({ tax_total: 1.78, adjustment: -0.01, total: 21.77 }),
    ]);
    for (const note of notes) {
      expect(note.line_items).toEqual([expect.objectContaining({ tax_id: tax?.tax_id })]);
    }
    const rows = await strapi.db.query(OUTBOX_UID).findMany({
      where: { kind: 'creditNote' },
      orderBy: { sourceId: 'asc' },
    });
    expect(rows.map((row) => [row.state, row.flagReason])).toEqual([
      ['synced', null],
      ['synced', 'Adjusted by -0.01 to match the CRM total'],
    ]);
  });
});
