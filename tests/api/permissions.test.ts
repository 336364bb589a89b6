import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import { startTestApp, type TestApp } from '../harness/strapi';
import {
  api,
  buildAsset,
  buildCustomer,
  fullAccessToken,
  logInWithRole,
} from '../harness/builders';

const CUSTOMER = 'api::customer.customer';
const ASSET = 'api::asset.asset';
const ORDER = 'api::order.order';

type Json = Response['body'];

let app: TestApp;
let strapi: Core.Strapi;
let adminAuth: string;

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
  adminAuth = await fullAccessToken(strapi);
});

afterAll(async () => {
  await app?.stop();
});

const unique = () => crypto.randomBytes(4).toString('hex');

function buildOrder(customer: string, asset: string, overrides: Json = {}): Json {
  return { customer, orderDate: '2024-03-01', lines: [{ asset, quantity: 2 }], ...overrides };
}

/** Makes one customer, asset and order through the full-access token, for routes that need an id. */
async function createRecords(auth = adminAuth) {
  const customer = await api(strapi)
    .post('/api/customers')
    .set('Authorization', auth)
    .send({ data: buildCustomer() });
  expect(customer.status).toBe(201);
  const asset = await api(strapi)
    .post('/api/assets')
    .set('Authorization', auth)
    .send({ data: buildAsset() });
  expect(asset.status).toBe(201);
  const order = await api(strapi)
    .post('/api/orders')
    .set('Authorization', auth)
    .send({ data: buildOrder(customer.body.data.documentId, asset.body.data.documentId) });
  expect(order.status).toBe(201);
  return {
    customers: customer.body.data.documentId as string,
    assets: asset.body.data.documentId as string,
    orders: order.body.data.documentId as string,
  };
}

async function countRows() {
  return {
    customers: await strapi.db.query(CUSTOMER).count(),
    assets: await strapi.db.query(ASSET).count(),
    orders: await strapi.db.query(ORDER).count(),
  };
}

function expectForbidden(res: Response): void {
  expect(res.status).toBe(403);
  expect(res.body.data).toBeNull();
  expect(res.body.error.status).toBe(403);
  expect(res.body.error.name).toBe('ForbiddenError');
  expect(res.body.error.message).toBe('Forbidden');
}

async function readOnlyToken(): Promise<string> {
  const token = (await strapi
    .service('admin::api-token')
    .create({ name: `read-only-${unique()}`, type: 'read-only', lifespan: null })) as {
    accessKey: string;
  };
  return `Bearer ${token.accessKey}`;
}

describe('the Public role (no Authorization header)', () => {
  const routes = ['customers', 'assets', 'orders'] as const;
  let ids: Record<(typeof routes)[number], string>;

  beforeAll(async () => {
    ids = await createRecords();
  });

  it.each(routes)('is refused the list of %s', async (route) => {
    expectForbidden(await api(strapi).get(`/api/${route}`));
  });

  it.each(routes)('is refused one of the %s', async (route) => {
    expectForbidden(await api(strapi).get(`/api/${route}/${ids[route]}`));
  });

  it.each(routes)('is refused creating %s, and nothing is written', async (route) => {
    const before = await countRows();
    const data = {
      customers: buildCustomer(),
      assets: buildAsset(),
      orders: buildOrder(ids.customers, ids.assets),
    }[route];
    expectForbidden(await api(strapi).post(`/api/${route}`).send({ data }));
    expect(await countRows()).toEqual(before);
  });

  it('is refused updating a customer, an asset or an order, and none of them changes', async () => {
    const before = {
      customer: await strapi.documents(CUSTOMER).findOne({ documentId: ids.customers }),
      asset: await strapi.documents(ASSET).findOne({ documentId: ids.assets }),
      order: await strapi.documents(ORDER).findOne({ documentId: ids.orders }),
    };
    expectForbidden(
      await api(strapi)
        .put(`/api/customers/${ids.customers}`)
        .send({ data: { companyName: 'Changed' } }),
    );
    expectForbidden(
      await api(strapi)
        .put(`/api/assets/${ids.assets}`)
        .send({ data: { name: 'Changed' } }),
    );
    expectForbidden(
      await api(strapi)
        .put(`/api/orders/${ids.orders}`)
        .send({ data: { notes: 'Changed' } }),
    );
    expect({
      customer: await strapi.documents(CUSTOMER).findOne({ documentId: ids.customers }),
      asset: await strapi.documents(ASSET).findOne({ documentId: ids.assets }),
      order: await strapi.documents(ORDER).findOne({ documentId: ids.orders }),
    }).toEqual(before);
  });

  it('is refused even with a forged bearer token', async () => {
    const res = await api(strapi).get('/api/customers').set('Authorization', 'Bearer not-a-token');
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('UnauthorizedError');
  });
});

describe('a user with the seeded "Back office" role', () => {
  let auth: string;

  beforeAll(async () => {
    auth = await logInWithRole(strapi, 'back-office');
  });

  it('creates, reads and updates customers, assets and orders', async () => {
    const ids = await createRecords(auth);

    for (const route of ['customers', 'assets', 'orders'] as const) {
      const list = await api(strapi).get(`/api/${route}`).set('Authorization', auth);
      expect(list.status).toBe(200);
      expect(list.body.data.map((row: Json) => row.documentId)).toContain(ids[route]);
      const one = await api(strapi).get(`/api/${route}/${ids[route]}`).set('Authorization', auth);
      expect(one.status).toBe(200);
      expect(one.body.data.documentId).toBe(ids[route]);
    }

    const customer = await api(strapi)
      .put(`/api/customers/${ids.customers}`)
      .set('Authorization', auth)
      .send({ data: { companyName: 'Ana Trujillo Emparedados' } });
    expect(customer.status).toBe(200);
    const asset = await api(strapi)
      .put(`/api/assets/${ids.assets}`)
      .set('Authorization', auth)
      .send({ data: { name: 'Chang' } });
    expect(asset.status).toBe(200);
    const order = await api(strapi)
      .put(`/api/orders/${ids.orders}`)
      .set('Authorization', auth)
      .send({ data: { notes: 'Deliver before noon' } });
    expect(order.status).toBe(200);

    expect(
      (await strapi.documents(CUSTOMER).findOne({ documentId: ids.customers }))?.companyName,
    ).toBe('Ana Trujillo Emparedados');
    expect((await strapi.documents(ASSET).findOne({ documentId: ids.assets }))?.name).toBe('Chang');
    expect((await strapi.documents(ORDER).findOne({ documentId: ids.orders }))?.notes).toBe(
      'Deliver before noon',
    );
  });

  it('is refused what the role does not grant, such as listing users', async () => {
    expectForbidden(await api(strapi).get('/api/users').set('Authorization', auth));
  });
});

describe('a user with the default Authenticated role', () => {
  it('is refused the CRM routes', async () => {
    const auth = await logInWithRole(strapi, 'authenticated');
    const before = await countRows();
    expectForbidden(await api(strapi).get('/api/customers').set('Authorization', auth));
    expectForbidden(
      await api(strapi).post('/api/assets').set('Authorization', auth).send({ data: buildAsset() }),
    );
    expect(await countRows()).toEqual(before);
  });
});

describe('API tokens', () => {
  it('lets a full-access token create, read and update all three types', async () => {
    const ids = await createRecords(adminAuth);
    for (const route of ['customers', 'assets', 'orders'] as const) {
      const one = await api(strapi)
        .get(`/api/${route}/${ids[route]}`)
        .set('Authorization', adminAuth);
      expect(one.status).toBe(200);
    }
    const res = await api(strapi)
      .put(`/api/orders/${ids.orders}`)
      .set('Authorization', adminAuth)
      .send({ data: { freight: 500 } });
    expect(res.status).toBe(200);
    expect(res.body.data.freight).toBe(500);
  });

  it('lets a read-only token list and read all three types', async () => {
    const ids = await createRecords();
    const auth = await readOnlyToken();
    for (const route of ['customers', 'assets', 'orders'] as const) {
      const list = await api(strapi).get(`/api/${route}`).set('Authorization', auth);
      expect(list.status).toBe(200);
      const one = await api(strapi).get(`/api/${route}/${ids[route]}`).set('Authorization', auth);
      expect(one.status).toBe(200);
      expect(one.body.data.documentId).toBe(ids[route]);
    }
  });

  it('refuses a read-only token every create and update, writing nothing', async () => {
    const ids = await createRecords();
    const auth = await readOnlyToken();
    const before = await countRows();
    const asset = await strapi.documents(ASSET).findOne({ documentId: ids.assets });

    expectForbidden(
      await api(strapi)
        .post('/api/customers')
        .set('Authorization', auth)
        .send({ data: buildCustomer() }),
    );
    expectForbidden(
      await api(strapi).post('/api/assets').set('Authorization', auth).send({ data: buildAsset() }),
    );
    expectForbidden(
      await api(strapi)
        .post('/api/orders')
        .set('Authorization', auth)
        .send({ data: buildOrder(ids.customers, ids.assets) }),
    );
    expectForbidden(
      await api(strapi)
        .put(`/api/assets/${ids.assets}`)
        .set('Authorization', auth)
        .send({ data: { name: 'Changed' } }),
    );

    expect(await countRows()).toEqual(before);
    expect(await strapi.documents(ASSET).findOne({ documentId: ids.assets })).toEqual(asset);
  });
});
