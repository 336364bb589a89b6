import type { Core } from '@strapi/strapi';
import { api, buildAsset, buildCustomer, fullAccessToken } from '../harness/builders';
import { startTestApp, type TestApp } from '../harness/strapi';

let app: TestApp;
let strapi: Core.Strapi;
let auth: string;
let admin: string;

const ORDERS = '/content-manager/collection-types/api::order.order';

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
  auth = await fullAccessToken(strapi);
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email: 'clerk-admin@example.com',
    firstname: 'Clerk',
    lastname: 'Admin',
    password: 'Clerk-admin-1',
    isActive: true,
    roles: [superAdmin.id],
  });
  const login = await api(strapi)
    .post('/admin/login')
    .send({ email: 'clerk-admin@example.com', password: 'Clerk-admin-1' });
  admin = `Bearer ${login.body.data.token}`;
});
afterAll(async () => app?.stop());

const rest = (path: string, data: unknown) =>
  api(strapi).post(path).set('Authorization', auth).send({ data });

async function draftOrder(onHand: number, quantity: number) {
  const asset = (await rest('/api/assets', buildAsset())).body.data;
  await rest(`/api/assets/${asset.documentId}/receipts`, {
    quantity: onHand,
    unitCost: 100,
    date: '2026-11-01',
  });
  const customer = (await rest('/api/customers', buildCustomer())).body.data;
  const order = (
    await rest('/api/orders', {
      customer: customer.documentId,
      orderDate: '2026-12-01',
      lines: [{ asset: asset.documentId, quantity }],
    })
  ).body.data;
  return { asset, order };
}

/** What the panel sends: the whole form as it was loaded, with the user's changes. */
async function saveInPanel(documentId: string, changes: Record<string, unknown>) {
  const form = (await api(strapi).get(`${ORDERS}/${documentId}`).set('Authorization', admin)).body
    .data;
  return api(strapi)
    .put(`${ORDERS}/${documentId}`)
    .set('Authorization', admin)
    .send({ ...form, ...changes });
}

async function reservedOf(assetId: string) {
  const asset = await strapi.db
    .query('api::asset.asset')
    .findOne({ where: { documentId: assetId } });
  return asset.reserved as number;
}

describe('changing orderStatus in the admin panel', () => {
  it('confirms a draft through the same use-case as REST, reserving stock once', async () => {
    const { asset, order } = await draftOrder(5, 2);
    const res = await saveInPanel(order.documentId, { orderStatus: 'confirmed' });
    expect(res.status).toBe(200);
    expect(res.body.data.orderStatus).toBe('confirmed');
    expect(await reservedOf(asset.documentId)).toBe(2);
    // The same save seen again (a double click, a hook that fires twice) changes nothing.
    expect((await saveInPanel(order.documentId, { orderStatus: 'confirmed' })).status).toBe(200);
    await strapi
      .documents('api::order.order')
      .update({ documentId: order.documentId, data: { orderStatus: 'confirmed' } as never });
    expect(await reservedOf(asset.documentId)).toBe(2);
    const movements = await strapi.db
      .query('api::asset.stock-movement')
      .count({ where: { sourceId: order.documentId } });
    expect(movements).toBe(1);
  });

  it('reserves once when another middleware makes the order middleware see the save twice', async () => {
    const { asset, order } = await draftOrder(5, 2);
    let repeated = false;
    // A plugin-like middleware that re-issues the same update inside the save, as a hook firing
    // twice would: the order middleware sees the status change twice in one transaction.
    // NOTE: at run time use() returns the function that removes the middleware.
    const stopRepeating = strapi.documents.use(async (ctx, next) => {
      const params = ctx.params as { documentId?: string; data?: Record<string, unknown> };
      if (ctx.uid === 'api::order.order' && ctx.action === 'update' && !repeated) {
        repeated = true;
        await strapi.documents('api::order.order').update({
          documentId: params.documentId as string,
          data: { orderStatus: 'confirmed' } as never,
        });
      }
      return next();
    }) as unknown as () => void;
    try {
      const res = await saveInPanel(order.documentId, { orderStatus: 'confirmed' });
      expect(res.status).toBe(200);
      expect(res.body.data.orderStatus).toBe('confirmed');
    } finally {
      stopRepeating();
    }
    expect(repeated).toBe(true);
    expect(await reservedOf(asset.documentId)).toBe(2);
    const movements = await strapi.db
      .query('api::asset.stock-movement')
      .count({ where: { sourceId: order.documentId } });
    expect(movements).toBe(1);
  });

  it('fulfils and cancels from the panel as the REST actions do', async () => {
    const { order } = await draftOrder(5, 1);
    await saveInPanel(order.documentId, { orderStatus: 'confirmed' });
    const fulfilled = await saveInPanel(order.documentId, { orderStatus: 'fulfilled' });
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body.data.invoiceNumber).toMatch(/^INV-\d{6}$/);
    const second = await draftOrder(5, 1);
    await saveInPanel(second.order.documentId, { orderStatus: 'confirmed' });
    const cancelled = await saveInPanel(second.order.documentId, { orderStatus: 'cancelled' });
    expect(cancelled.body.data.orderStatus).toBe('cancelled');
    expect(await reservedOf(second.asset.documentId)).toBe(0);
  });

  it('refuses an illegal change with its message and changes nothing', async () => {
    const { asset, order } = await draftOrder(5, 1);
    const res = await saveInPanel(order.documentId, { orderStatus: 'fulfilled' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `Order ${order.number} is draft; it cannot become fulfilled`,
    );
    const stored = await strapi.db
      .query('api::order.order')
      .findOne({ where: { documentId: order.documentId } });
    expect(stored.orderStatus).toBe('draft');
    expect(await reservedOf(asset.documentId)).toBe(0);
  });

  it('refuses a confirmation the stock cannot cover, and keeps the other changes unsaved', async () => {
    const { asset, order } = await draftOrder(1, 3);
    const res = await saveInPanel(order.documentId, { orderStatus: 'confirmed', notes: 'rush' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `Not enough stock for ${asset.sku}: requested 3, available 1`,
    );
    const stored = await strapi.db
      .query('api::order.order')
      .findOne({ where: { documentId: order.documentId } });
    expect([stored.orderStatus, stored.notes]).toEqual(['draft', null]);
  });

  it('refuses changing the status of a confirmed order together with other fields', async () => {
    const { order } = await draftOrder(5, 1);
    await saveInPanel(order.documentId, { orderStatus: 'confirmed' });
    const res = await saveInPanel(order.documentId, { orderStatus: 'cancelled', notes: 'oops' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `Order ${order.number} is confirmed: change its status on its own, without notes`,
    );
  });
});

describe('the content manager layout', () => {
  it('labels fields for people and says amounts are minor units', async () => {
    const res = await api(strapi)
      .get('/content-manager/content-types/api::order.order/configuration')
      .set('Authorization', admin);
    expect(res.status).toBe(200);
    const metadatas = res.body.data.contentType.metadatas;
    expect(metadatas.orderStatus.edit.label).toBe('Order status');
    expect(metadatas.orderStatus.list.label).toBe('Order status');
    expect(metadatas.freight.edit.description).toBe('In minor units (cents): 1800 is 18.00');
    expect(metadatas.total.edit).toMatchObject({ label: 'Total', editable: false });
  });
});
