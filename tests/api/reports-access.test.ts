import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import { api, fullAccessToken, logInWithRole } from '../harness/builders';
import { orderClient, type OrderClient } from '../harness/orders';
import { startTestApp, type TestApp } from '../harness/strapi';

/**
 * Reports on a small book of orders: reconciliation finding each kind of corruption made
 * directly in the database, who may read the reports, and the refused parameters.
 */

const REPORTS = [
  'trial-balance',
  'profit-and-loss',
  'receivables',
  'customer-value',
  'stock',
  'sales',
  'reconciliation',
];

type Json = Response['body'];

let app: TestApp;
let strapi: Core.Strapi;
let auth: string;
let client: OrderClient;
let assetA: { documentId: string; sku: string };
let assetB: { documentId: string; sku: string };
let fulfilled: { documentId: string; number: string; total: number };
let confirmed: { documentId: string; number: string; total: number };

const unique = () => crypto.randomBytes(4).toString('hex');

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
  auth = await fullAccessToken(strapi);
  client = orderClient(strapi, auth);
  assetA = await client.createAsset({ listPrice: 1800 }, { quantity: 10, unitCost: 700 });
  assetB = await client.createAsset({ listPrice: 2500 }, { quantity: 5, unitCost: 1100 });
  fulfilled = await client.createOrder(
    [
      { asset: assetA.documentId, quantity: 2, taxRate: '0.0825' },
      { asset: assetB.documentId, quantity: 1 },
    ],
    { freight: 300 },
  );
  confirmed = await client.createOrder([{ asset: assetA.documentId, quantity: 3 }]);
  for (const [path, date] of [
    [`/api/orders/${fulfilled.documentId}/confirm`, '2026-12-01'],
    [`/api/orders/${fulfilled.documentId}/fulfil`, '2026-12-02'],
    [`/api/orders/${confirmed.documentId}/confirm`, '2026-12-02'],
  ]) {
    expect([path, (await client.post(path, { date })).status]).toEqual([path, 200]);
  }
  const payment = await client.post(`/api/orders/${fulfilled.documentId}/payments`, {
    amount: 1000,
    method: 'card',
    date: '2026-12-03',
  });
  expect(payment.status).toBe(201);
});
afterAll(async () => app?.stop());

const get = (path: string, authorization?: string) => {
  const request = api(strapi).get(path);
  return authorization ? request.set('Authorization', authorization) : request;
};

async function reconcile(): Promise<Json> {
  const res = await get('/api/reports/reconciliation', auth);
  expect(res.status).toBe(200);
  return res.body.data;
}

const kindsOf = (data: Json) =>
  [...new Set(data.mismatches.map((m: Json) => m.kind) as string[])].sort();

describe('reconciliation', () => {
  it('ties out on a book of orders, payments and stock made through the services', async () => {
    expect(await reconcile()).toEqual({
      tiedOut: true,
      counts: {
        orders: 2,
        creditNotes: 0,
        entries: 5,
        assets: 2,
        ordersMismatching: 0,
        creditNotesMismatching: 0,
        entriesUnbalanced: 0,
        assetsMismatching: 0,
        mismatches: 0,
      },
      mismatches: [],
    });
  });

  it('finds a journal line changed: the entry, the invoice and the receivables', async () => {
    const line = strapi.db
      .connection('journal_lines')
      .where({ entry_key: `invoice:${fulfilled.documentId}`, account_code: '1100' });
    expect(await line.clone().increment('debit', 7)).toBe(1);
    try {
      const data = await reconcile();
      expect(data.tiedOut).toBe(false);
      expect(kindsOf(data)).toEqual(['entry-unbalanced', 'order-invoice', 'receivables']);
      expect(data.counts).toMatchObject({ ordersMismatching: 1, entriesUnbalanced: 1 });
      expect(data.mismatches).toEqual(
        expect.arrayContaining([
          {
            kind: 'order-invoice',
            id: fulfilled.number,
            expected: fulfilled.total,
            actual: fulfilled.total + 7,
            reason: 'the invoice entry on accounts receivable differs from the order total',
          },
          expect.objectContaining({
            kind: 'entry-unbalanced',
            id: `invoice:${fulfilled.documentId}`,
            expected: fulfilled.total + 7,
            actual: fulfilled.total,
          }),
          expect.objectContaining({
            kind: 'receivables',
            id: '1100',
            expected: fulfilled.total - 1000,
          }),
        ]),
      );
    } finally {
      await line.clone().decrement('debit', 7);
    }
    expect((await reconcile()).tiedOut).toBe(true);
  });

  it('finds a stock level changed: the level and the inventory account', async () => {
    const asset = strapi.db.connection('assets').where({ document_id: assetB.documentId });
    const [before] = await asset.clone().select('on_hand', 'stock_value');
    await asset.clone().update({ on_hand: Number(before.on_hand) + 5, stock_value: 1 });
    try {
      const data = await reconcile();
      expect(data.tiedOut).toBe(false);
      expect(kindsOf(data)).toEqual(['inventory-account', 'stock-level']);
      expect(data.counts.assetsMismatching).toBe(1);
      const levels = data.mismatches.filter((m: Json) => m.kind === 'stock-level');
      expect(levels.map((m: Json) => [m.id, m.expected, m.actual])).toEqual([
        [assetB.sku, 4, 9],
        [assetB.sku, 4 * 1100, 1],
        [assetB.sku, 9, 4],
      ]);
      expect(levels.map((m: Json) => m.reason)).toEqual([
        "onHand differs from the sum of the asset's stock movements",
        "stockValue differs from the sum of the asset's stock movements",
        "available differs from the sum of the asset's stock movements",
      ]);
    } finally {
      await asset.clone().update(before);
    }
    expect((await reconcile()).tiedOut).toBe(true);
  });

  it('finds a stock movement deleted: the level, the order and its cost', async () => {
    const movement = strapi.db.connection('stock_movements').where({
      source_id: fulfilled.documentId,
      reason: 'fulfil',
      asset_document_id: assetA.documentId,
    });
    const [row] = await movement.clone().select('*');
    expect(await movement.clone().delete()).toBe(1);
    try {
      const data = await reconcile();
      expect(data.tiedOut).toBe(false);
      // The inventory account still equals the stock values: the asset kept what it had.
      expect(kindsOf(data)).toEqual(['order-cost', 'order-stock', 'stock-level']);
      expect(data.mismatches).toEqual(
        expect.arrayContaining([
          {
            kind: 'order-stock',
            id: fulfilled.number,
            expected: 3,
            actual: 1,
            reason: 'the units taken off by fulfilment differ from the units on the lines',
          },
          expect.objectContaining({
            kind: 'order-cost',
            id: fulfilled.number,
            expected: 1100,
            actual: 2 * 700 + 1100,
          }),
          expect.objectContaining({ kind: 'stock-level', id: assetA.sku, expected: 10, actual: 8 }),
        ]),
      );
    } finally {
      await strapi.db.connection('stock_movements').insert(row);
    }
    expect((await reconcile()).tiedOut).toBe(true);
  });
});

describe('returns in the reports', () => {
  let returned: { documentId: string; number: string; total: number };
  let country: string;
  let note: {
    number: string;
    subtotal: number;
    taxTotal: number;
    restockValue: number;
    lines: { lineNo: number; quantity: number; net: number; tax: number; cost: number }[];
  };

  type Sales = { byProduct: Json[]; byCountry: Json[] };
  const sales = async (query: Record<string, string> = {}): Promise<Sales> => {
    const res = await get('/api/reports/sales', auth).query(query);
    expect(res.status).toBe(200);
    return res.body.data;
  };
  const productOf = (data: Sales, sku: string) =>
    data.byProduct.find((row: Json) => row.sku === sku) ?? { orders: 0, quantity: 0, net: 0 };
  const countryOf = (data: Sales) => data.byCountry.find((row: Json) => row.country === country);

  it('nets a return out of sales by product and by country, and still ties out', async () => {
    country = `Returnland ${unique()}`;
    const customer = await client.createCustomer({ billingAddress: { country } });
    returned = await client.createOrder(
      [
        { asset: assetA.documentId, quantity: 2, taxRate: '0.0825' },
        { asset: assetB.documentId, quantity: 1 },
      ],
      { customer: customer.documentId, freight: 500 },
    );
    for (const [path, date] of [
      [`/api/orders/${returned.documentId}/confirm`, '2026-12-01'],
      [`/api/orders/${returned.documentId}/fulfil`, '2026-12-02'],
    ]) {
      expect([path, (await client.post(path, { date })).status]).toEqual([path, 200]);
    }
    const before = await sales();
    const res = await client.post(`/api/orders/${returned.documentId}/returns`, {
      lines: [
        { lineNo: 1, quantity: 1, disposition: 'restock' },
        { lineNo: 2, quantity: 1, disposition: 'writeOff' },
      ],
      freight: 200,
      date: '2026-12-04',
    });
    expect(res.status).toBe(201);
    const [stored] = await strapi.db.query('api::order.credit-note').findMany({
      where: { orderDocumentId: returned.documentId },
      populate: { lines: true },
    });
    note = {
      number: stored.number,
      subtotal: Number(stored.subtotal),
      taxTotal: Number(stored.taxTotal),
      restockValue: Number(stored.restockValue),
      lines: stored.lines.map((line: Record<string, unknown>) => ({
        lineNo: Number(line.lineNo),
        quantity: Number(line.quantity),
        net: Number(line.net),
        tax: Number(line.tax),
        cost: Number(line.cost),
      })),
    };
    const [lineA, lineB] = note.lines;
    expect(lineA.net).toBeGreaterThan(0);
    expect(lineA.tax).toBeGreaterThan(0);
    expect(note.restockValue).toBe(700);

    const after = await sales();
    expect(productOf(after, assetA.sku)).toMatchObject({
      orders: productOf(before, assetA.sku).orders,
      quantity: productOf(before, assetA.sku).quantity - 1,
      net: productOf(before, assetA.sku).net - lineA.net,
      tax: productOf(before, assetA.sku).tax - lineA.tax,
    });
    expect(productOf(after, assetB.sku)).toMatchObject({
      orders: productOf(before, assetB.sku).orders,
      quantity: productOf(before, assetB.sku).quantity - 1,
      net: productOf(before, assetB.sku).net - lineB.net,
    });
    // The customer's country holds this order alone: its lines less the credit note's.
    expect(countryOf(before)).toMatchObject({ customers: 1, orders: 1, quantity: 3 });
    expect(countryOf(after)).toEqual({
      country,
      customers: 1,
      orders: 1,
      quantity: 3 - 2,
      net: countryOf(before).net - note.subtotal,
      tax: countryOf(before).tax - note.taxTotal,
    });
    // Freight is not a product's sale: the sales total drops by the lines' credit only.
    const total = (data: Sales) =>
      data.byProduct.reduce((sum: number, row: Json) => sum + row.net, 0);
    expect(total(after)).toBe(total(before) - note.subtotal);
    // A range holding the return but not the invoice shows the return alone.
    const later = await sales({ from: '2026-12-03' });
    expect(productOf(later, assetA.sku)).toMatchObject({
      orders: 0,
      quantity: -1,
      net: -lineA.net,
    });

    const data = await reconcile();
    expect(data).toMatchObject({ tiedOut: true, mismatches: [] });
    expect(data.counts).toMatchObject({ creditNotes: 1, creditNotesMismatching: 0 });
  });

  it('finds a credit-note journal line changed: the credit note and its entry', async () => {
    const line = strapi.db
      .connection('journal_lines')
      .where({ entry_key: `credit-note:${note.number}`, account_code: '4000' });
    expect(await line.clone().increment('debit', 5)).toBe(1);
    try {
      const data = await reconcile();
      expect(data.tiedOut).toBe(false);
      expect(kindsOf(data)).toEqual(['credit-note-entry', 'entry-unbalanced']);
      expect(data.counts).toMatchObject({ creditNotesMismatching: 1, entriesUnbalanced: 1 });
      expect(data.mismatches).toEqual(
        expect.arrayContaining([
          {
            kind: 'credit-note-entry',
            id: note.number,
            expected: note.subtotal,
            actual: note.subtotal + 5,
            reason: 'the credit-note entry on sales revenue differs from Σ net of its lines',
          },
          expect.objectContaining({ kind: 'entry-unbalanced', id: `credit-note:${note.number}` }),
        ]),
      );
    } finally {
      await line.clone().decrement('debit', 5);
    }
    expect((await reconcile()).tiedOut).toBe(true);
  });

  it('finds a restock movement deleted: the credit note and the level', async () => {
    const movement = strapi.db
      .connection('stock_movements')
      .where({ source_type: 'return', source_id: note.number });
    const [row] = await movement.clone().select('*');
    expect(await movement.clone().delete()).toBe(1);
    try {
      const data = await reconcile();
      expect(data.tiedOut).toBe(false);
      expect(kindsOf(data)).toEqual(['credit-note-stock', 'stock-level']);
      expect(data.counts).toMatchObject({ creditNotesMismatching: 1, assetsMismatching: 1 });
      expect(data.mismatches).toEqual(
        expect.arrayContaining([
          {
            kind: 'credit-note-stock',
            id: note.number,
            expected: 1,
            actual: 0,
            reason: 'the units its restock movements put back differ from its restocked lines',
          },
          {
            kind: 'credit-note-stock',
            id: note.number,
            expected: 700,
            actual: 0,
            reason:
              'the value its restock movements put back differs from the cost of its restocked lines',
          },
          expect.objectContaining({ kind: 'stock-level', id: assetA.sku }),
        ]),
      );
    } finally {
      await strapi.db.connection('stock_movements').insert(row);
    }
    expect((await reconcile()).tiedOut).toBe(true);
  });
});

/** An admin user with the admin role of code `code`, logged in. */
async function logInAsAdmin(code: string): Promise<string> {
  const role = await strapi.db.query('admin::role').findOne({ where: { code } });
  expect(role).not.toBeNull();
  const email = `admin-${unique()}@example.com`;
  const password = `Reports-${unique()}-A1`;
  await strapi.service('admin::user').create({
    email,
    firstname: 'Ada',
    lastname: 'Admin',
    password,
    isActive: true,
    roles: [role.id],
  });
  const login = await api(strapi).post('/admin/login').send({ email, password });
  expect(login.status).toBe(200);
  return `Bearer ${login.body.data.token}`;
}

function expectForbidden(res: Response): void {
  expect(res.status).toBe(403);
  expect(res.body.data).toBeNull();
  expect(res.body.error).toMatchObject({ status: 403, name: 'ForbiddenError' });
}

describe('who may read the reports', () => {
  it.each(REPORTS)('refuses %s to the Public role', async (name) => {
    expectForbidden(await get(`/api/reports/${name}`));
  });

  it('lets the Accountant role read every report and the ledger', async () => {
    const accountant = await logInWithRole(strapi, 'accountant');
    for (const name of REPORTS) {
      const res = await get(`/api/reports/${name}`, accountant);
      expect([name, res.status]).toEqual([name, 200]);
    }
    for (const path of ['/api/journal-entries', '/api/payments', '/api/accounts', '/api/orders']) {
      expect([path, (await get(path, accountant)).status]).toEqual([path, 200]);
    }
  });

  it('lets the Accountant role change nothing', async () => {
    const accountant = await logInWithRole(strapi, 'accountant');
    const counts = async () => ({
      orders: await strapi.db.query('api::order.order').count(),
      customers: await strapi.db.query('api::customer.customer').count(),
      entries: await strapi.db.query('api::ledger.journal-entry').count(),
      movements: await strapi.db.query('api::asset.stock-movement').count(),
    });
    const before = await counts();
    const writes: [string, string, unknown][] = [
      ['post', '/api/customers', { code: 'ACCT1', companyName: 'Nope' }],
      ['put', `/api/orders/${confirmed.documentId}`, { notes: 'changed' }],
      ['post', '/api/orders', { customer: 'x', orderDate: '2026-12-03', lines: [] }],
      ['post', `/api/orders/${confirmed.documentId}/fulfil`, {}],
      ['post', `/api/orders/${confirmed.documentId}/cancel`, {}],
      ['post', `/api/orders/${fulfilled.documentId}/payments`, { amount: 1, method: 'card' }],
      ['post', `/api/orders/${fulfilled.documentId}/refunds`, { amount: 1, method: 'card' }],
      ['post', `/api/assets/${assetA.documentId}/receipts`, { quantity: 1, unitCost: 1 }],
      ['post', `/api/assets/${assetA.documentId}/adjustments`, { change: 1, reason: 'count' }],
    ];
    for (const [method, path, data] of writes) {
      const request = method === 'put' ? api(strapi).put(path) : api(strapi).post(path);
      const res = await request.set('Authorization', accountant).send({ data });
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    expect(await counts()).toEqual(before);
  });

  it("seeds the Accountant admin role beside the admin's own default roles", async () => {
    const roles = await strapi.db.query('admin::role').findMany({ select: ['code'] });
    expect(roles.map((role: { code: string }) => role.code).sort()).toEqual([
      'middlepath-accountant',
      'strapi-author',
      'strapi-editor',
      'strapi-super-admin',
    ]);
    const permissions = await strapi.db
      .query('admin::permission')
      .findMany({ where: { role: { code: 'middlepath-accountant' } }, select: ['action'] });
    expect(permissions.map((p: { action: string }) => p.action)).toEqual(['plugin::reports.read']);
  });

  it('serves the admin routes to an admin with the reports permission only', async () => {
    const accountant = await logInAsAdmin('middlepath-accountant');
    const editor = await logInAsAdmin('strapi-editor');
    for (const name of REPORTS) {
      expect([name, (await get(`/reports/${name}`, accountant)).status]).toEqual([name, 200]);
      const refused = await get(`/reports/${name}`, editor);
      expect([name, refused.status]).toEqual([name, 403]);
      expect(refused.body).toEqual({
        data: null,
        error: {
          status: 403,
          name: 'PolicyError',
          message:
            'Reading reports needs the "Read reports" permission (plugin::reports.read); an administrator can give it to your role, as the Accountant role has it',
          details: { permission: 'plugin::reports.read' },
        },
      });
    }
    expect((await get('/reports/trial-balance')).status).toBe(401);
  });
});

describe('CSV downloads', () => {
  it('keeps a name that reads as a spreadsheet formula from running as one', async () => {
    const named = await client.createCustomer({ companyName: '=HYPERLINK("http://x.test","Pay")' });
    const order = await client.createOrder([{ asset: assetA.documentId, quantity: 1 }], {
      customer: named.documentId,
    });
    for (const action of ['confirm', 'fulfil']) {
      const res = await client.post(`/api/orders/${order.documentId}/${action}`, {
        date: '2026-12-02',
      });
      expect([action, res.status]).toEqual([action, 200]);
    }
    const json = await get('/api/reports/customer-value', auth);
    const row = json.body.data.find((candidate: Json) => candidate.code === named.code);
    expect(row.companyName).toBe('=HYPERLINK("http://x.test","Pay")');
    const csv = await get('/api/reports/customer-value', auth).query({ format: 'csv' });
    expect(csv.status).toBe(200);
    const line = csv.text.split('\r\n').find((candidate) => candidate.includes(named.code));
    expect(line).toContain(`"'=HYPERLINK(""http://x.test"",""Pay"")"`);
  });
});

describe('refused parameters and unknown reports', () => {
  const cases: [string, Record<string, string | string[]>, string, string][] = [
    ['trial-balance', { from: '2026-13-01' }, 'from', 'from must be a date written YYYY-MM-DD'],
    ['profit-and-loss', { to: 'yesterday' }, 'to', 'to must be a date written YYYY-MM-DD'],
    ['receivables', { asOf: '2026-02-30' }, 'asOf', 'asOf must be a date written YYYY-MM-DD'],
    [
      'sales',
      { from: '2026-02-01', to: '2026-01-31' },
      'from',
      'from (2026-02-01) is after to (2026-01-31)',
    ],
    ['stock', { format: 'xlsx' }, 'format', 'format must be json or csv'],
    ['sales', { by: 'month' }, 'by', 'by must be product or country'],
    [
      'stock',
      { belowReorderLevel: 'yes' },
      'belowReorderLevel',
      'belowReorderLevel must be true or false',
    ],
    ['trial-balance', { from: ['2026-01-01', '2026-02-01'] }, 'from', 'from must be given once'],
    [
      'trial-balance',
      { asOf: '2026-01-01' },
      'asOf',
      'Unknown parameter asOf; this report takes format, from, to',
    ],
    [
      'reconciliation',
      { from: '2026-01-01' },
      'from',
      'Unknown parameter from; this report takes format',
    ],
  ];

  it.each(cases)('refuses %s with %j: 400 naming %s', async (name, query, param, message) => {
    const res = await get(`/api/reports/${name}`, auth).query(query);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      data: null,
      error: {
        status: 400,
        name: 'ValidationError',
        message,
        details: { errors: [{ path: [param], message }] },
      },
    });
  });

  it('answers 404 naming the reports for an unknown report', async () => {
    const res = await get('/api/reports/balance-sheet', auth);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      status: 404,
      name: 'NotFoundError',
      message: `No report named balance-sheet; the reports are ${REPORTS.join(', ')}`,
    });
  });
});
