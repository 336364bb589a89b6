import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import { startTestApp, type TestApp } from '../harness/strapi';
import { api, buildAsset, buildCustomer, fullAccessToken } from '../harness/builders';

const CUSTOMER = 'api::customer.customer';
const ASSET = 'api::asset.asset';
const ORDER = 'api::order.order';
const ORDER_LINE = 'order.line';

/** A documentId that has the right shape but names nothing. */
const MISSING_ID = 'zzzzzzzzzzzzzzzzzzzzzzzz';

let app: TestApp;
let strapi: Core.Strapi;
let auth: string;

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
  auth = await fullAccessToken(strapi);
});

afterAll(async () => {
  await app?.stop();
});

/** Response bodies as supertest types them. */
type Json = Response['body'];

const post = (path: string, data: unknown) =>
  api(strapi).post(path).set('Authorization', auth).send({ data });
const put = (path: string, data: unknown) =>
  api(strapi).put(path).set('Authorization', auth).send({ data });
const get = (path: string) => api(strapi).get(path).set('Authorization', auth);

async function createCustomer(overrides: Json = {}): Promise<Json> {
  const res = await post('/api/customers', buildCustomer(overrides));
  expect(res.status).toBe(201);
  return res.body.data;
}

async function createAsset(overrides: Json = {}): Promise<Json> {
  const res = await post('/api/assets', buildAsset(overrides));
  expect(res.status).toBe(201);
  return res.body.data;
}

function buildOrder(customer: string, lines: Json[], overrides: Json = {}): Json {
  return { customer, orderDate: '2024-03-01', lines, ...overrides };
}

async function createOrder(lines: Json[], overrides: Json = {}): Promise<Json> {
  const customer = await createCustomer();
  const res = await post('/api/orders', buildOrder(customer.documentId, lines, overrides));
  expect(res.status).toBe(201);
  return res.body.data;
}

/** Row counts of every table a write could touch. */
async function countRows() {
  return {
    customers: await strapi.db.query(CUSTOMER).count(),
    assets: await strapi.db.query(ASSET).count(),
    orders: await strapi.db.query(ORDER).count(),
    orderLines: await strapi.db.query(ORDER_LINE).count(),
  };
}

const readOrder = (documentId: string) =>
  strapi.documents(ORDER).findOne({ documentId, populate: { lines: true, customer: true } });
const readAsset = (documentId: string) => strapi.documents(ASSET).findOne({ documentId });
const readCustomer = (documentId: string) => strapi.documents(CUSTOMER).findOne({ documentId });

/** "data.lines[0].quantity" → ["data", "lines", "0", "quantity"], as in the error's details. */
const pathParts = (fieldPath: string) => fieldPath.split(/[.[\]]+/).filter(Boolean);

/**
 * Checks a 400 ValidationError that names `fieldPath` (written "data.lines[0].quantity") in its
 * details and at the start of its message.
 */
function expectValidationError(res: Response, fieldPath: string): void {
  expect(res.status).toBe(400);
  expect(res.body.data).toBeNull();
  expect(res.body.error.status).toBe(400);
  expect(res.body.error.name).toBe('ValidationError');
  expect(res.body.error.details.errors[0].path).toEqual(pathParts(fieldPath));
  expect(res.body.error.message.startsWith(`${fieldPath}: `)).toBe(true);
}

/** Sends a write that must be refused with a 400 naming `fieldPath`, and checks nothing changed. */
async function expectRefusedCreate(path: string, data: unknown, fieldPath: string) {
  const before = await countRows();
  const res = await post(path, data);
  expectValidationError(res, fieldPath);
  expect(await countRows()).toEqual(before);
  return res;
}

describe('bad order lines', () => {
  it('refuses a negative quantity, naming the line, and writes nothing', async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    const res = await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [{ asset: asset.documentId, quantity: -1 }]),
      'data.lines[0].quantity',
    );
    expect(res.body.error.message).toMatch(/quantity: must be a positive whole number$/);
  });

  it("writes a line's field path as data.lines[0].quantity in the message", async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    const res = await post(
      '/api/orders',
      buildOrder(customer.documentId, [{ asset: asset.documentId, quantity: -1 }]),
    );
    expect(res.body.error.message).toBe('data.lines[0].quantity: must be a positive whole number');
  });

  it('refuses a fractional quantity in the second line, naming that line', async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    const res = await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [
        { asset: asset.documentId, quantity: 1 },
        { asset: asset.documentId, quantity: 1.5 },
      ]),
      'data.lines[1].quantity',
    );
    expect(res.body.error.message).toMatch(/quantity: must be a positive whole number$/);
  });

  it('refuses a quantity of zero', async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [{ asset: asset.documentId, quantity: 0 }]),
      'data.lines[0].quantity',
    );
  });

  it('refuses a line naming an asset that does not exist', async () => {
    const customer = await createCustomer();
    const res = await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [{ asset: MISSING_ID, quantity: 1 }]),
      'data.lines[0].asset',
    );
    expect(res.body.error.message).toBe(
      `data.lines[0].asset: no asset with documentId ${MISSING_ID}`,
    );
  });

  it('refuses an order for a customer that does not exist', async () => {
    const asset = await createAsset();
    const res = await expectRefusedCreate(
      '/api/orders',
      buildOrder(MISSING_ID, [{ asset: asset.documentId, quantity: 1 }]),
      'data.customer',
    );
    expect(res.body.error.message).toBe(`data.customer: no customer with documentId ${MISSING_ID}`);
  });

  it('refuses a float unit price', async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [{ asset: asset.documentId, quantity: 1, unitPrice: 18.5 }]),
      'data.lines[0].unitPrice',
    );
  });

  it('refuses a unit price sent as a string', async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [
        { asset: asset.documentId, quantity: 1, unitPrice: '1800' },
      ]),
      'data.lines[0].unitPrice',
    );
  });

  it('refuses a tax rate with seven decimal places', async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [
        { asset: asset.documentId, quantity: 1, taxRate: '0.1234567' },
      ]),
      'data.lines[0].taxRate',
    );
  });

  it('refuses a line net sent by the client', async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    const res = await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [{ asset: asset.documentId, quantity: 1, net: 1 }]),
      'data.lines[0].net',
    );
    expect(res.body.error.message).toBe(
      'data.lines[0].net: is computed by the server and cannot be written',
    );
  });

  it('refuses a line whose net would be beyond the largest amount', async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    const before = await countRows();
    const res = await post(
      '/api/orders',
      buildOrder(customer.documentId, [
        { asset: asset.documentId, quantity: 2, unitPrice: Number.MAX_SAFE_INTEGER },
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toContain(`beyond ±${Number.MAX_SAFE_INTEGER} minor units`);
    expect(await countRows()).toEqual(before);
  });
});

describe('unknown keys', () => {
  it('refuses an unknown key on a customer, naming it', async () => {
    const res = await expectRefusedCreate(
      '/api/customers',
      buildCustomer({ nickname: 'Alfie' }),
      'data.nickname',
    );
    expect(res.body.error.message).toBe('data.nickname: is not a field that can be written');
  });

  it('refuses an unknown key inside an order line, naming it', async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [{ asset: asset.documentId, quantity: 1, colour: 'red' }]),
      'data.lines[0].colour',
    );
  });

  it('refuses a client-chosen lineNo on a new order', async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [{ asset: asset.documentId, quantity: 1, lineNo: 7 }]),
      'data.lines[0].lineNo',
    );
  });

  it('refuses an unknown key on an asset update and leaves the asset as it was', async () => {
    const asset = await createAsset();
    const before = await readAsset(asset.documentId);
    const res = await put(`/api/assets/${asset.documentId}`, { name: 'Tea', colour: 'red' });
    expectValidationError(res, 'data.colour');
    expect(await readAsset(asset.documentId)).toEqual(before);
  });
});

describe('prices', () => {
  it('refuses a float list price on an asset', async () => {
    const res = await expectRefusedCreate(
      '/api/assets',
      buildAsset({ listPrice: 18.5 }),
      'data.listPrice',
    );
    expect(res.body.error.message).toBe(
      'data.listPrice: must be an integer number of minor units (cents)',
    );
  });

  it('refuses a list price sent as a string', async () => {
    await expectRefusedCreate('/api/assets', buildAsset({ listPrice: '1800' }), 'data.listPrice');
  });

  it('refuses a float freight on an order', async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [{ asset: asset.documentId, quantity: 1 }], {
        freight: 3.25,
      }),
      'data.freight',
    );
  });

  it('refuses a float list price on update and leaves the asset as it was', async () => {
    const asset = await createAsset();
    const before = await readAsset(asset.documentId);
    const res = await put(`/api/assets/${asset.documentId}`, { listPrice: 18.5 });
    expectValidationError(res, 'data.listPrice');
    expect(await readAsset(asset.documentId)).toEqual(before);
  });
});

describe('server-computed totals', () => {
  it.each(['total', 'subtotal', 'taxTotal'])('refuses a client-sent %s', async (field) => {
    const asset = await createAsset();
    const customer = await createCustomer();
    const res = await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [{ asset: asset.documentId, quantity: 1 }], { [field]: 1 }),
      `data.${field}`,
    );
    expect(res.body.error.message).toBe(
      `data.${field}: is computed by the server and cannot be written`,
    );
  });

  it('refuses a client-sent total on update and leaves the order as it was', async () => {
    const asset = await createAsset();
    const order = await createOrder([{ asset: asset.documentId, quantity: 1 }]);
    const before = await readOrder(order.documentId);
    const counts = await countRows();
    const res = await put(`/api/orders/${order.documentId}`, { total: 1 });
    expectValidationError(res, 'data.total');
    expect(await readOrder(order.documentId)).toEqual(before);
    expect(await countRows()).toEqual(counts);
  });
});

describe('stock fields', () => {
  it('refuses onHand on an asset create', async () => {
    const res = await expectRefusedCreate('/api/assets', buildAsset({ onHand: 5 }), 'data.onHand');
    expect(res.body.error.message).toBe(
      'data.onHand: is computed by the inventory service and cannot be written',
    );
  });

  it('refuses onHand on an asset update and leaves the stock as it was', async () => {
    const asset = await createAsset();
    const before = await readAsset(asset.documentId);
    const res = await put(`/api/assets/${asset.documentId}`, { onHand: 5 });
    expectValidationError(res, 'data.onHand');
    expect(res.body.error.message).toBe(
      'data.onHand: is computed by the inventory service and cannot be written',
    );
    const after = await readAsset(asset.documentId);
    expect(after).toEqual(before);
    expect(after?.onHand).toBe(0);
  });

  it('refuses stockValue on an asset update, even alongside valid fields', async () => {
    const asset = await createAsset();
    const before = await readAsset(asset.documentId);
    const res = await put(`/api/assets/${asset.documentId}`, { name: 'Tea', stockValue: 100 });
    expectValidationError(res, 'data.stockValue');
    expect(await readAsset(asset.documentId)).toEqual(before);
  });
});

describe('currency other than the base currency', () => {
  it('refuses a customer in EUR', async () => {
    const res = await expectRefusedCreate(
      '/api/customers',
      buildCustomer({ currency: 'EUR' }),
      'data.currency',
    );
    expect(res.body.error.message).toBe(
      'data.currency: must be USD, the base currency (other currencies are not supported yet)',
    );
  });

  it('refuses an asset in EUR', async () => {
    await expectRefusedCreate('/api/assets', buildAsset({ currency: 'EUR' }), 'data.currency');
  });

  it('refuses an order in EUR', async () => {
    const asset = await createAsset();
    const customer = await createCustomer();
    await expectRefusedCreate(
      '/api/orders',
      buildOrder(customer.documentId, [{ asset: asset.documentId, quantity: 1 }], {
        currency: 'EUR',
      }),
      'data.currency',
    );
  });

  it('refuses moving a customer to EUR and leaves it in USD', async () => {
    const customer = await createCustomer();
    const before = await readCustomer(customer.documentId);
    const res = await put(`/api/customers/${customer.documentId}`, { currency: 'EUR' });
    expectValidationError(res, 'data.currency');
    const after = await readCustomer(customer.documentId);
    expect(after).toEqual(before);
    expect(after?.currency).toBe('USD');
  });

  it('refuses moving an order to EUR and leaves it as it was', async () => {
    const asset = await createAsset();
    const order = await createOrder([{ asset: asset.documentId, quantity: 1 }]);
    const before = await readOrder(order.documentId);
    const res = await put(`/api/orders/${order.documentId}`, { currency: 'EUR' });
    expectValidationError(res, 'data.currency');
    expect(await readOrder(order.documentId)).toEqual(before);
  });
});

describe('updates of records that do not exist', () => {
  it.each([
    ['customers', 'customer', { companyName: 'Nobody' }],
    ['assets', 'asset', { name: 'Nothing' }],
    ['orders', 'order', { notes: 'none' }],
  ])('answers 404 for an update of a missing %s', async (route, kind, data) => {
    const before = await countRows();
    const res = await put(`/api/${route}/${MISSING_ID}`, data);
    expect(res.status).toBe(404);
    expect(res.body.data).toBeNull();
    expect(res.body.error.name).toBe('NotFoundError');
    expect(res.body.error.message).toBe(`No ${kind} ${MISSING_ID}`);
    expect(await countRows()).toEqual(before);
  });

  it('answers 404 for a read of a missing order', async () => {
    const res = await get(`/api/orders/${MISSING_ID}`);
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
    expect(res.body.error.message).toBe(`No order ${MISSING_ID}`);
  });
});

describe('updating the lines of a draft order', () => {
  it('keeps the numbers of kept lines and numbers new lines after the highest', async () => {
    const chai = await createAsset({ name: 'Chai', listPrice: 1800 });
    const chang = await createAsset({ name: 'Chang', listPrice: 1900 });
    const syrup = await createAsset({ name: 'Aniseed Syrup', listPrice: 1000 });
    const order = await createOrder([
      { asset: chai.documentId, quantity: 1 },
      { asset: chang.documentId, quantity: 2 },
    ]);
    expect(order.lines.map((line: Json) => line.lineNo)).toEqual([1, 2]);
    const linesBefore = (await countRows()).orderLines;

    // Drop line 1, change line 2, add a new line.
    const res = await put(`/api/orders/${order.documentId}`, {
      lines: [
        { lineNo: 2, asset: chang.documentId, quantity: 5 },
        { asset: syrup.documentId, quantity: 3 },
      ],
    });
    expect(res.status).toBe(200);
    const lines = res.body.data.lines.map((line: Json) => ({
      lineNo: line.lineNo,
      sku: line.asset.sku,
      quantity: line.quantity,
      net: line.net,
    }));
    expect(lines).toEqual([
      { lineNo: 2, sku: chang.sku, quantity: 5, net: 9500 },
      { lineNo: 3, sku: syrup.sku, quantity: 3, net: 3000 },
    ]);
    expect(res.body.data.subtotal).toBe(12500);
    expect(res.body.data.total).toBe(12500);

    const stored = await readOrder(order.documentId);
    expect(stored?.lines?.map((line: Json) => [line.lineNo, line.quantity])).toEqual([
      [2, 5],
      [3, 3],
    ]);
    // The dropped line's row is gone: two lines before, two after.
    expect((await countRows()).orderLines).toBe(linesBefore);
  });

  it('numbers a line added next to kept ones after the highest number the order has', async () => {
    const asset = await createAsset();
    const order = await createOrder([
      { asset: asset.documentId, quantity: 1 },
      { asset: asset.documentId, quantity: 1 },
      { asset: asset.documentId, quantity: 1 },
    ]);
    // Keep lines 1 and 3 (in a new order), drop 2, add one: it gets 4, not 2.
    const res = await put(`/api/orders/${order.documentId}`, {
      lines: [
        { lineNo: 3, asset: asset.documentId, quantity: 1 },
        { asset: asset.documentId, quantity: 7 },
        { lineNo: 1, asset: asset.documentId, quantity: 1 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.lines.map((line: Json) => [line.lineNo, line.quantity])).toEqual([
      [3, 1],
      [4, 7],
      [1, 1],
    ]);
  });

  // Strapi would keep one row for the two entries while the totals counted both.
  it('refuses the same line number twice in one update', async () => {
    const asset = await createAsset({ listPrice: 1800 });
    const order = await createOrder([
      { asset: asset.documentId, quantity: 1 },
      { asset: asset.documentId, quantity: 2 },
    ]);
    const before = await readOrder(order.documentId);
    const res = await put(`/api/orders/${order.documentId}`, {
      lines: [
        { lineNo: 1, asset: asset.documentId, quantity: 1 },
        { lineNo: 1, asset: asset.documentId, quantity: 9 },
      ],
    });
    expectValidationError(res, 'data.lines[1].lineNo');
    expect(await readOrder(order.documentId)).toEqual(before);
  });

  it('refuses a line number the order does not have and leaves the order as it was', async () => {
    const asset = await createAsset();
    const order = await createOrder([{ asset: asset.documentId, quantity: 1 }]);
    const before = await readOrder(order.documentId);
    const counts = await countRows();
    const res = await put(`/api/orders/${order.documentId}`, {
      lines: [{ lineNo: 9, asset: asset.documentId, quantity: 1 }],
    });
    expectValidationError(res, 'data.lines[0].lineNo');
    expect(res.body.error.message).toBe('data.lines[0].lineNo: order has no line 9');
    expect(await readOrder(order.documentId)).toEqual(before);
    expect(await countRows()).toEqual(counts);
  });

  it('refuses a negative quantity on update and leaves the lines as they were', async () => {
    const asset = await createAsset();
    const order = await createOrder([{ asset: asset.documentId, quantity: 2 }]);
    const before = await readOrder(order.documentId);
    const res = await put(`/api/orders/${order.documentId}`, {
      lines: [{ lineNo: 1, asset: asset.documentId, quantity: -2 }],
    });
    expectValidationError(res, 'data.lines[0].quantity');
    expect(await readOrder(order.documentId)).toEqual(before);
  });
});

describe('amounts computed by the server', () => {
  it('prices a 6-place tax rate and a half-cent line, and answers with JSON integers', async () => {
    const asset = await createAsset({ listPrice: 200 });
    const order = await createOrder(
      [
        // 1 × 1 × (1 − 0.5) = 0.5 → 1
        { asset: asset.documentId, quantity: 1, unitPrice: 1, discount: '0.5' },
        // net 400; 400 × 0.08875 = 35.5 → 36
        { asset: asset.documentId, quantity: 2, taxRate: '0.08875' },
        // net 1,000,000 × 0.999999 = 999,999; tax 999,999 × 0.123456 = 123,455.876544 → 123,456
        {
          asset: asset.documentId,
          quantity: 1,
          unitPrice: 1_000_000,
          discount: '0.000001',
          taxRate: '0.123456',
        },
      ],
      { freight: 325 },
    );

    expect(
      order.lines.map((line: Json) => [line.lineNo, line.unitPrice, line.net, line.tax]),
    ).toEqual([
      [1, 1, 1, 0],
      [2, 200, 400, 36],
      [3, 1_000_000, 999_999, 123_456],
    ]);
    expect(order.lines.map((line: Json) => [line.discount, line.taxRate])).toEqual([
      ['0.5', '0'],
      ['0', '0.08875'],
      ['0.000001', '0.123456'],
    ]);
    expect({
      subtotal: order.subtotal,
      taxTotal: order.taxTotal,
      freight: order.freight,
      total: order.total,
    }).toEqual({ subtotal: 1_000_400, taxTotal: 123_492, freight: 325, total: 1_124_217 });
    expect(order.number).toMatch(/^SO-\d{6}$/);
    expect(order.orderStatus).toBe('draft');
    expect(order.currency).toBe('USD');

    // Read back: integers, not the strings biginteger columns give on PostgreSQL.
    const res = await get(`/api/orders/${order.documentId}?populate=lines`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('"total":1124217');
    for (const field of ['freight', 'subtotal', 'taxTotal', 'total']) {
      expect(typeof res.body.data[field]).toBe('number');
    }
    for (const line of res.body.data.lines) {
      for (const field of ['unitPrice', 'net', 'tax']) {
        expect(typeof line[field]).toBe('number');
      }
    }

    const list = await get(`/api/orders?filters[number][$eq]=${order.number}&populate=lines`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].total).toBe(1_124_217);
    expect(list.body.data[0].lines.map((line: Json) => line.net)).toEqual([1, 400, 999_999]);
  });

  it('answers the largest allowed amounts as exact JSON integers', async () => {
    const max = Number.MAX_SAFE_INTEGER;
    const asset = await createAsset({ listPrice: max });
    const customer = await createCustomer({ creditLimit: max });
    expect(asset.listPrice).toBe(max);
    expect(customer.creditLimit).toBe(max);

    const assetRes = await get(`/api/assets/${asset.documentId}`);
    expect(assetRes.text).toContain(`"listPrice":${max}`);
    expect(assetRes.body.data.stockValue).toBe(0);
    const customerRes = await get(`/api/customers/${customer.documentId}`);
    expect(customerRes.text).toContain(`"creditLimit":${max}`);

    const list = await get(`/api/assets?filters[sku][$eq]=${asset.sku}`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].listPrice).toBe(max);
  });

  it('recomputes the totals when only the freight of a draft changes', async () => {
    const asset = await createAsset({ listPrice: 1000 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 1, taxRate: '0.1' }]);
    expect(order.total).toBe(1100);
    const res = await put(`/api/orders/${order.documentId}`, { freight: 250 });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      subtotal: 1000,
      taxTotal: 100,
      freight: 250,
      total: 1350,
    });
    expect(res.body.data.lines.map((line: Json) => line.lineNo)).toEqual([1]);
  });
});

describe('saves below the REST API (the admin panel path)', () => {
  it('drops client totals sent through the Document Service and keeps the computed ones', async () => {
    const asset = await createAsset({ listPrice: 1800 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 2 }]);
    const before = await readOrder(order.documentId);
    await strapi.documents('api::order.order').update({
      documentId: order.documentId,
      data: { total: 1, subtotal: 1, taxTotal: 1, invoiceNumber: 'INV-FAKE' } as never,
    });
    const after = await readOrder(order.documentId);
    const withoutTimes = ({ updatedAt: _u, publishedAt: _p, ...rest }: Json) => rest;
    expect(withoutTimes(after as Json)).toEqual(withoutTimes(before as Json));
    expect(String(after?.total)).toBe('3600');
  });

  it('gives a customer created without a currency the base currency', async () => {
    const customer = await strapi.documents('api::customer.customer').create({
      data: { code: 'NOCUR', companyName: 'No Currency Ltd' } as never,
    });
    expect(customer.currency).toBe('USD');
  });
});
