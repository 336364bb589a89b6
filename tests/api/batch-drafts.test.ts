import type { Core } from '@strapi/strapi';
import { confirmOrders } from '../../src/api/order/lifecycle/order-lifecycle';
import { api, fullAccessToken } from '../harness/builders';
import { orderClient, stockLevels } from '../harness/orders';
import {
  createDraftOrders as createDrafts,
  draftFor,
  raceBehind,
  type DraftInput,
} from '../harness/races';
import { startTestApp, testDatabase, type TestApp } from '../harness/strapi';

/**
 * Orders written by `createDraftOrders` (the query engine, not the Document Service) as the
 * content manager and REST see and change them afterwards, and drafts created while
 * confirmations hold the customers and assets they name.
 */

let app: TestApp;
let strapi: Core.Strapi;
let auth: string;
let admin: string;

const ORDERS = '/content-manager/collection-types/api::order.order';
const CREDIT_NOTES = '/content-manager/collection-types/api::order.credit-note';

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
  auth = await fullAccessToken(strapi);
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email: 'batch-admin@example.com',
    firstname: 'Batch',
    lastname: 'Admin',
    password: 'Batch-admin-1',
    isActive: true,
    roles: [superAdmin.id],
  });
  const login = await api(strapi)
    .post('/admin/login')
    .send({ email: 'batch-admin@example.com', password: 'Batch-admin-1' });
  admin = `Bearer ${login.body.data.token}`;
});
afterAll(async () => app?.stop());

const rest = () => orderClient(strapi, auth);

const createDraftOrders = (inputs: DraftInput[]) => createDrafts(strapi, inputs);

const formOf = async (documentId: string) =>
  (await api(strapi).get(`${ORDERS}/${documentId}`).set('Authorization', admin)).body.data;

/** What the panel sends: the whole form as it was loaded, with the user's changes. */
async function saveInPanel(documentId: string, changes: Record<string, unknown>) {
  return api(strapi)
    .put(`${ORDERS}/${documentId}`)
    .set('Authorization', admin)
    .send({ ...(await formOf(documentId)), ...changes });
}

/** A content-manager form without what differs between two orders. */
function comparable(form: Record<string, unknown>) {
  const VARYING = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'number'];
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.map(strip);
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => !VARYING.includes(key) && key !== '__temp_key__')
          .map(([key, inner]) => [key, strip(inner)]),
      );
    }
    return value;
  };
  return strip(form);
}

describe('a draft created in a batch, in the content manager', () => {
  it('shows the same form as an order created over REST', async () => {
    const asset = await rest().createAsset({ listPrice: 1200 }, { quantity: 10, unitCost: 500 });
    const customer = await rest().createCustomer();
    const input: DraftInput = {
      customer: customer.documentId,
      orderDate: '2026-12-01',
      notes: 'side door',
      shipTo: { street: 'Obere Str. 57', city: 'Berlin', country: 'Germany' },
      lines: [
        { asset: asset.documentId, quantity: 2 },
        { asset: asset.documentId, quantity: 1 },
      ],
    };
    const created = await rest().post('/api/orders', input);
    expect(created.status).toBe(201);
    const [batched] = await createDraftOrders([input]);
    const expected = comparable(await formOf(created.body.data.documentId));
    expect(comparable(await formOf(batched.documentId))).toEqual(expected);
    const list = await api(strapi)
      .get(`${ORDERS}?page=1&pageSize=100&sort=number:ASC`)
      .set('Authorization', admin);
    expect(list.status).toBe(200);
    const rows = list.body.results as Record<string, unknown>[];
    const inList = (documentId: string) =>
      comparable(rows.find((row) => row.documentId === documentId) as Record<string, unknown>);
    expect(inList(batched.documentId)).toEqual(inList(created.body.data.documentId));
  });

  it('can be edited, confirmed, fulfilled and returned in the panel', async () => {
    const asset = await rest().createAsset({ listPrice: 1000 }, { quantity: 10, unitCost: 400 });
    const [draft] = await createDraftOrders([
      {
        customer: (await rest().createCustomer()).documentId,
        orderDate: '2026-12-01',
        shipTo: { street: 'Obere Str. 57', city: 'Berlin', country: 'Germany' },
        lines: [{ asset: asset.documentId, quantity: 2 }],
      },
    ]);
    const form = await formOf(draft.documentId);
    const assetRow = await strapi.db
      .query('api::asset.asset')
      .findOne({ where: { documentId: asset.documentId }, select: ['id'] });
    const edited = await api(strapi)
      .put(`${ORDERS}/${draft.documentId}`)
      .set('Authorization', admin)
      .send({
        ...form,
        notes: 'one more',
        shipTo: { ...form.shipTo, city: 'Hamburg' },
        lines: [
          ...form.lines,
          {
            quantity: 1,
            unitPrice: '1000',
            asset: { connect: [{ id: assetRow.id, documentId: asset.documentId }] },
          },
        ],
      });
    expect(edited.status).toBe(200);
    const afterEdit = await formOf(draft.documentId);
    expect(afterEdit).toMatchObject({
      notes: 'one more',
      total: '3000',
      shipTo: { city: 'Hamburg', street: 'Obere Str. 57' },
      lines: [
        { lineNo: 1, quantity: 2 },
        { lineNo: 2, quantity: 1 },
      ],
    });
    const addresses = await strapi.db.connection('orders_cmps').where({ field: 'shipTo' });
    expect(
      addresses.filter((row: { entity_id: number }) => row.entity_id === afterEdit.id),
    ).toHaveLength(1);

    expect((await saveInPanel(draft.documentId, { orderStatus: 'confirmed' })).status).toBe(200);
    expect(await stockLevels(strapi, asset.documentId)).toMatchObject({ reserved: 3 });
    const fulfilled = await saveInPanel(draft.documentId, { orderStatus: 'fulfilled' });
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body.data).toMatchObject({ orderStatus: 'fulfilled', costOfGoods: '1200' });
    const stored = await strapi.db
      .query('api::order.order')
      .findOne({ where: { documentId: draft.documentId }, select: ['id'] });
    const note = await api(strapi)
      .post(CREDIT_NOTES)
      .set('Authorization', admin)
      .send({
        order: { connect: [{ id: stored.id, documentId: draft.documentId }] },
        lines: [
          { lineNo: 1, quantity: 2, disposition: 'restock' },
          { lineNo: 2, quantity: 1, disposition: 'restock' },
        ],
      });
    expect(note.status).toBe(201);
    expect(Number(note.body.data.total)).toBe(3000);
    expect((await formOf(draft.documentId)).orderStatus).toBe('returned');
    expect(await stockLevels(strapi, asset.documentId)).toMatchObject({
      onHand: 10,
      reserved: 0,
      stockValue: 4000,
    });
  });

  it('can be cancelled in the panel and over REST', async () => {
    const asset = await rest().createAsset({ listPrice: 1000 }, { quantity: 10, unitCost: 400 });
    const customer = await rest().createCustomer();
    const [inPanel, overRest] = await createDraftOrders(
      [1, 2].map(() => ({
        customer: customer.documentId,
        orderDate: '2026-12-01',
        lines: [{ asset: asset.documentId, quantity: 2 }],
      })),
    );
    await confirmOrders(strapi, [
      { documentId: inPanel.documentId },
      { documentId: overRest.documentId },
    ]);
    expect((await saveInPanel(inPanel.documentId, { orderStatus: 'cancelled' })).status).toBe(200);
    const cancelled = await rest().post(`/api/orders/${overRest.documentId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(await stockLevels(strapi, asset.documentId)).toMatchObject({
      reserved: 0,
      available: 10,
    });
  });
});

describe('a draft created in a batch, deleted in the content manager', () => {
  it('leaves none of its lines, ship-to or links behind', async () => {
    const asset = await rest().createAsset({ listPrice: 1000 });
    const [draft] = await createDraftOrders([
      {
        ...draftFor((await rest().createCustomer()).documentId, [asset, asset]),
        shipTo: { street: 'Obere Str. 57', city: 'Berlin', country: 'Germany' },
      },
    ]);
    const knex = strapi.db.connection;
    // The rows one order of two lines and a ship-to has, table by table.
    const rowsOfOneOrder: Record<string, number> = {
      orders: 1,
      orders_cmps: 3,
      orders_customer_lnk: 1,
      components_order_lines: 2,
      components_order_lines_asset_lnk: 2,
      components_shared_addresses: 1,
    };
    const counts = async () => {
      const result: Record<string, number> = {};
      for (const table of Object.keys(rowsOfOneOrder)) {
        result[table] = Number((await knex(table).count({ n: '*' }))[0].n);
      }
      return result;
    };
    const before = await counts();
    const removed = await api(strapi)
      .delete(`${ORDERS}/${draft.documentId}`)
      .set('Authorization', admin);
    expect(removed.status).toBe(200);
    expect(await counts()).toEqual(
      Object.fromEntries(
        Object.entries(before).map(([table, n]) => [table, n - rowsOfOneOrder[table]]),
      ),
    );
  });
});

const onPostgres = testDatabase() === 'postgres' ? describe : describe.skip;

onPostgres('a panel save racing a batch (PostgreSQL)', () => {
  it('confirms in the panel while a confirmation for the same customer and asset runs', async () => {
    const asset = await rest().createAsset({}, { quantity: 10, unitCost: 100 });
    const unrelated = await rest().createAsset({}, { quantity: 10, unitCost: 100 });
    const customer = await rest().createCustomer();
    const [held, batched, inPanel] = await createDraftOrders([
      draftFor(customer.documentId, [unrelated]),
      draftFor(customer.documentId, [asset]),
      draftFor(customer.documentId, [asset]),
    ]);
    const outcomes = await raceBehind(
      strapi,
      () => confirmOrders(strapi, [{ documentId: held.documentId }]),
      () => confirmOrders(strapi, [{ documentId: batched.documentId }]),
      async () => {
        const res = await saveInPanel(inPanel.documentId, { orderStatus: 'confirmed' });
        if (res.status !== 200) {
          throw new Error(`${res.status} ${res.body.error?.message}`);
        }
      },
    );
    expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
  });
});

onPostgres('drafts created while confirmations run (PostgreSQL)', () => {
  it('creates a batch of drafts naming assets out of id order while orders on them are confirmed', async () => {
    const a = await rest().createAsset({}, { quantity: 10, unitCost: 100 });
    const b = await rest().createAsset({}, { quantity: 10, unitCost: 100 });
    const [held, confirming] = await createDraftOrders([
      draftFor((await rest().createCustomer()).documentId, [a]),
      draftFor((await rest().createCustomer()).documentId, [a, b]),
    ]);
    const other = await rest().createCustomer();
    const outcomes = await raceBehind(
      strapi,
      () => confirmOrders(strapi, [{ documentId: held.documentId }]),
      () => confirmOrders(strapi, [{ documentId: confirming.documentId }]),
      () => createDraftOrders([draftFor(other.documentId, [b, a])]),
    );
    expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
  });

  it('creates a batch of drafts for customers out of id order while a batch of their orders is confirmed', async () => {
    const asset = await rest().createAsset({}, { quantity: 10, unitCost: 100 });
    const c1 = await rest().createCustomer();
    const c2 = await rest().createCustomer();
    const [held, ...confirming] = await createDraftOrders([
      draftFor(c1.documentId, [asset]),
      draftFor(c1.documentId, [asset]),
      draftFor(c2.documentId, [asset]),
    ]);
    const outcomes = await raceBehind(
      strapi,
      () => confirmOrders(strapi, [{ documentId: held.documentId }]),
      () =>
        confirmOrders(
          strapi,
          confirming.map(({ documentId }) => ({ documentId })),
        ),
      () => createDraftOrders([draftFor(c2.documentId, [asset]), draftFor(c1.documentId, [asset])]),
    );
    expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
  });

  it('creates an order over REST naming assets out of id order while orders on them are confirmed', async () => {
    const a = await rest().createAsset({}, { quantity: 10, unitCost: 100 });
    const b = await rest().createAsset({}, { quantity: 10, unitCost: 100 });
    const [held, confirming] = await createDraftOrders([
      draftFor((await rest().createCustomer()).documentId, [a]),
      draftFor((await rest().createCustomer()).documentId, [a, b]),
    ]);
    const other = await rest().createCustomer();
    const outcomes = await raceBehind(
      strapi,
      () => confirmOrders(strapi, [{ documentId: held.documentId }]),
      () => confirmOrders(strapi, [{ documentId: confirming.documentId }]),
      async () => {
        const res = await rest().post('/api/orders', draftFor(other.documentId, [b, a]));
        if (res.status !== 201) {
          throw new Error(`${res.status} ${res.body.error?.message}`);
        }
      },
    );
    expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
  });
});
