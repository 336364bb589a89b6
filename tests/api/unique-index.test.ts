import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import { startTestApp, testDatabase, type TestApp } from '../harness/strapi';
import { api, buildAsset, buildCustomer, fullAccessToken } from '../harness/builders';

const CUSTOMER = 'api::customer.customer';
const ASSET = 'api::asset.asset';
const ORDER = 'api::order.order';

/** What SQLite ("UNIQUE constraint failed") and PostgreSQL ("violates unique constraint") say. */
const UNIQUE_VIOLATION = /unique constraint/i;

/**
 * Awaits an insert that the database must refuse and returns the refusal's message.
 * NOTE: not `rejects.toThrow()`: better-sqlite3's native addon is loaded once per Jest worker and
 * keeps the SqliteError class of the first test file that loaded it, so in a later file its
 * errors are not `instanceof Error` of that file's realm and Jest reports "did not throw" although
 * SQLite refused the row.
 */
async function refusalOf(insert: Promise<unknown>): Promise<string> {
  try {
    await insert;
  } catch (error) {
    return String((error as { message?: unknown }).message);
  }
  throw new Error('the database accepted a duplicate');
}

const onPostgres = testDatabase() === 'postgres';

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

/** Waits until some session of this database is waiting for a lock (PostgreSQL only). */
async function waitForLockWait(): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    const result = await strapi.db.connection.raw(
      `select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (result.rows[0].waiting > 0) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the request never waited on the unique index');
}

const unique = () => crypto.randomBytes(3).toString('hex').toUpperCase();

const post = (path: string, data: unknown) =>
  api(strapi).post(path).set('Authorization', auth).send({ data });

function expectValidationError(res: Response, fieldPath: string, message: string): void {
  expect(res.status).toBe(400);
  expect(res.body.data).toBeNull();
  expect(res.body.error.name).toBe('ValidationError');
  expect(res.body.error.message).toBe(`${fieldPath}: ${message}`);
}

describe('unique indexes below the API', () => {
  it('refuses a second asset with the same SKU', async () => {
    const sku = `DUP-${unique()}`;
    await strapi.db.query(ASSET).create({ data: { sku, name: 'Chai', listPrice: 1800 } });
    expect(
      await refusalOf(
        strapi.db.query(ASSET).create({ data: { sku, name: 'Chai again', listPrice: 1900 } }),
      ),
    ).toMatch(UNIQUE_VIOLATION);
    expect(await strapi.db.query(ASSET).count({ where: { sku } })).toBe(1);
  });

  it('refuses a second customer with the same code', async () => {
    const code = `D${unique()}`;
    await strapi.db.query(CUSTOMER).create({ data: { code, companyName: 'Alfreds' } });
    expect(
      await refusalOf(
        strapi.db.query(CUSTOMER).create({ data: { code, companyName: 'Alfreds again' } }),
      ),
    ).toMatch(UNIQUE_VIOLATION);
    expect(await strapi.db.query(CUSTOMER).count({ where: { code } })).toBe(1);
  });

  it('refuses a second order with the same externalRef', async () => {
    const externalRef = `northwind:${unique()}`;
    const order = { orderDate: '1996-07-04', freight: 0, externalRef };
    await strapi.db.query(ORDER).create({ data: { ...order, number: `T-${unique()}` } });
    expect(
      await refusalOf(
        strapi.db.query(ORDER).create({ data: { ...order, number: `T-${unique()}` } }),
      ),
    ).toMatch(UNIQUE_VIOLATION);
    expect(await strapi.db.query(ORDER).count({ where: { externalRef } })).toBe(1);
  });

  it('refuses a second order with the same number', async () => {
    const number = `T-${unique()}`;
    const order = { orderDate: '1996-07-04', freight: 0, number };
    await strapi.db.query(ORDER).create({ data: order });
    expect(await refusalOf(strapi.db.query(ORDER).create({ data: order }))).toMatch(
      UNIQUE_VIOLATION,
    );
    expect(await strapi.db.query(ORDER).count({ where: { number } })).toBe(1);
  });

  it('allows many orders without an externalRef', async () => {
    const before = await strapi.db.query(ORDER).count({ where: { externalRef: null } });
    await strapi.db
      .query(ORDER)
      .create({ data: { orderDate: '1996-07-04', freight: 0, number: `T-${unique()}` } });
    await strapi.db
      .query(ORDER)
      .create({ data: { orderDate: '1996-07-04', freight: 0, number: `T-${unique()}` } });
    expect(await strapi.db.query(ORDER).count({ where: { externalRef: null } })).toBe(before + 2);
  });
});

describe('duplicates through REST', () => {
  it('refuses a duplicate customer code with a 400 naming data.code', async () => {
    const customer = buildCustomer();
    expect((await post('/api/customers', customer)).status).toBe(201);
    const res = await post('/api/customers', { ...customer, companyName: 'Someone else' });
    expectValidationError(res, 'data.code', `a customer with code ${customer.code} already exists`);
    expect(await strapi.db.query(CUSTOMER).count({ where: { code: customer.code } })).toBe(1);
  });

  it('refuses a duplicate SKU with a 400 naming data.sku', async () => {
    const asset = buildAsset();
    expect((await post('/api/assets', asset)).status).toBe(201);
    const res = await post('/api/assets', { ...asset, name: 'Something else' });
    expectValidationError(res, 'data.sku', `an asset with SKU ${asset.sku} already exists`);
    expect(await strapi.db.query(ASSET).count({ where: { sku: asset.sku } })).toBe(1);
  });

  it('refuses renaming a customer to a code already taken, leaving both as they were', async () => {
    const first = buildCustomer();
    const second = buildCustomer();
    expect((await post('/api/customers', first)).status).toBe(201);
    const created = await post('/api/customers', second);
    expect(created.status).toBe(201);
    const res = await api(strapi)
      .put(`/api/customers/${created.body.data.documentId}`)
      .set('Authorization', auth)
      .send({ data: { code: first.code } });
    expectValidationError(res, 'data.code', `a customer with code ${first.code} already exists`);
    expect(await strapi.db.query(CUSTOMER).count({ where: { code: first.code } })).toBe(1);
    expect(await strapi.db.query(CUSTOMER).count({ where: { code: second.code } })).toBe(1);
  });

  it('refuses a duplicate externalRef with a 400 naming data.externalRef', async () => {
    const customer = await post('/api/customers', buildCustomer());
    const asset = await post('/api/assets', buildAsset());
    const order = {
      customer: customer.body.data.documentId,
      orderDate: '1996-07-04',
      externalRef: `northwind:${unique()}`,
      lines: [{ asset: asset.body.data.documentId, quantity: 1 }],
    };
    expect((await post('/api/orders', order)).status).toBe(201);
    const res = await post('/api/orders', order);
    expectValidationError(
      res,
      'data.externalRef',
      `an order with externalRef ${order.externalRef} exists`,
    );
    expect(await strapi.db.query(ORDER).count({ where: { externalRef: order.externalRef } })).toBe(
      1,
    );
  });

  it('keeps one customer when five creates of one code race', async () => {
    const customer = buildCustomer();
    const responses = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        post('/api/customers', { ...customer, companyName: `Racer ${n}` }),
      ),
    );
    expect(responses.filter((res) => res.status === 201)).toHaveLength(1);
    expect(await strapi.db.query(CUSTOMER).count({ where: { code: customer.code } })).toBe(1);
  });

  // NOTE: PostgreSQL only: SQLite serializes writers, so there is no race to lose. Another
  // transaction inserts the code between the request's check and its insert; the unique index
  // refuses the insert, and the answer must be the same 400 the check gives.
  (onPostgres ? it : it.skip)(
    'answers a create that loses the race to the unique index with a 400 naming data.code',
    async () => {
      const customer = buildCustomer();
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      // Insert the code in a transaction of our own and keep it open.
      let inserted = () => {};
      const isInserted = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      const rival = strapi.db.transaction(async () => {
        await strapi.db
          .query(CUSTOMER)
          .create({ data: { code: customer.code, companyName: 'Rival' } });
        inserted();
        await held;
      });
      await isInserted;
      // The request's check cannot see the uncommitted row, so its insert waits on the index.
      const request = post('/api/customers', customer).then((res) => res);
      await waitForLockWait();
      release();
      await rival;
      const res = await request;
      expectValidationError(
        res,
        'data.code',
        `a customer with code ${customer.code} already exists`,
      );
      expect(await strapi.db.query(CUSTOMER).count({ where: { code: customer.code } })).toBe(1);
    },
  );
});
