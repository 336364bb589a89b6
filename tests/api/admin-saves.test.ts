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

async function draftOrder(onHand: number, quantity: number, extra: Record<string, unknown> = {}) {
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
      ...extra,
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

describe('saving a fulfilled order in the panel', () => {
  async function fulfilledOrder() {
    const { asset, order } = await draftOrder(5, 2);
    await saveInPanel(order.documentId, { orderStatus: 'confirmed' });
    await saveInPanel(order.documentId, { orderStatus: 'fulfilled' });
    return { asset, order };
  }

  const idOf = async (uid: string, documentId: string) =>
    (await strapi.db.query(uid as never).findOne({ where: { documentId }, select: ['id'] })).id;

  it('refuses a new customer, a line moved to another asset or described anew, or a new order date', async () => {
    const { asset, order } = await fulfilledOrder();
    const other = (await rest('/api/customers', buildCustomer())).body.data;
    const otherAsset = (await rest('/api/assets', buildAsset())).body.data;
    const customerId = (
      await strapi.db
        .query('api::order.order')
        .findOne({ where: { documentId: order.documentId }, populate: { customer: true } })
    ).customer;
    const form = (
      await api(strapi).get(`${ORDERS}/${order.documentId}`).set('Authorization', admin)
    ).body.data;
    const lineWithAsset = (assetRelation: unknown) => [{ ...form.lines[0], asset: assetRelation }];
    const assetRef = {
      id: await idOf('api::asset.asset', asset.documentId),
      documentId: asset.documentId,
    };
    const attempts: [Record<string, unknown>, string][] = [
      [
        {
          customer: {
            connect: [
              {
                id: await idOf('api::customer.customer', other.documentId),
                documentId: other.documentId,
              },
            ],
            disconnect: [{ id: customerId.id, documentId: customerId.documentId }],
          },
        },
        'customer',
      ],
      [
        {
          lines: lineWithAsset({
            connect: [
              {
                id: await idOf('api::asset.asset', otherAsset.documentId),
                documentId: otherAsset.documentId,
              },
            ],
            disconnect: [assetRef],
          }),
        },
        'lines[].asset',
      ],
      [{ lines: lineWithAsset({ connect: [], disconnect: [assetRef] }) }, 'lines[].asset'],
      [
        { lines: [{ ...form.lines[0], description: 'Renamed after invoicing' }] },
        'lines[].description',
      ],
      [{ orderDate: '2026-01-01' }, 'orderDate'],
    ];
    const before = await strapi.db.query('api::order.order').findOne({
      where: { documentId: order.documentId },
      populate: { customer: true, lines: { populate: { asset: true } } },
    });
    for (const [changes, field] of attempts) {
      const res = await saveInPanel(order.documentId, changes);
      expect([field, res.status]).toEqual([field, 409]);
      expect(res.body.error.message).toBe(
        `Order ${order.number} is fulfilled: ${field} can only be changed on a draft`,
      );
    }
    const after = await strapi.db.query('api::order.order').findOne({
      where: { documentId: order.documentId },
      populate: { customer: true, lines: { populate: { asset: true } } },
    });
    expect(after).toEqual(before);

    const notes = await saveInPanel(order.documentId, { notes: 'Left at the back door' });
    expect(notes.status).toBe(200);
  });

  it('says so when the form is older than the order it saves', async () => {
    const { order } = await fulfilledOrder();
    const staleForm = (
      await api(strapi).get(`${ORDERS}/${order.documentId}`).set('Authorization', admin)
    ).body.data;
    const returned = await rest(`/api/orders/${order.documentId}/returns`, {
      lines: [{ lineNo: 1, quantity: 2, disposition: 'restock' }],
    });
    expect(returned.status).toBe(201);
    const res = await api(strapi)
      .put(`${ORDERS}/${order.documentId}`)
      .set('Authorization', admin)
      .send({ ...staleForm, notes: 'called the customer' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `Order ${order.number} is returned now, not fulfilled: reload it to see what changed, then save again`,
    );
  });

  it('refuses clearing the shipped date an order was created with, once confirmed, as a frozen field', async () => {
    const { order } = await draftOrder(5, 2, { shippedDate: '2026-12-02' });
    expect((await rest(`/api/orders/${order.documentId}/confirm`, {})).status).toBe(200);
    const before = await strapi.db
      .query('api::order.order')
      .findOne({ where: { documentId: order.documentId } });
    const res = await saveInPanel(order.documentId, { shippedDate: null });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `Order ${order.number} is confirmed: shippedDate can only be changed on a draft`,
    );
    expect(
      await strapi.db
        .query('api::order.order')
        .findOne({ where: { documentId: order.documentId } }),
    ).toEqual(before);
  });

  it('says a form opened before the order shipped is stale, not that it changes the date', async () => {
    const { order } = await draftOrder(5, 2);
    await saveInPanel(order.documentId, { orderStatus: 'confirmed' });
    const staleForm = (
      await api(strapi).get(`${ORDERS}/${order.documentId}`).set('Authorization', admin)
    ).body.data;
    expect((await rest(`/api/orders/${order.documentId}/fulfil`, {})).status).toBe(200);
    const before = await strapi.db
      .query('api::order.order')
      .findOne({ where: { documentId: order.documentId } });
    const res = await api(strapi)
      .put(`${ORDERS}/${order.documentId}`)
      .set('Authorization', admin)
      .send({ ...staleForm, orderStatus: 'fulfilled' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `Order ${order.number} has shipped since this form was loaded (it is fulfilled now): reload it to see what changed, then save again`,
    );
    expect(
      await strapi.db
        .query('api::order.order')
        .findOne({ where: { documentId: order.documentId } }),
    ).toEqual(before);
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

describe('recording a return in the admin panel', () => {
  const CREDIT_NOTES = '/content-manager/collection-types/api::order.credit-note';

  async function fulfilledInPanel() {
    const { asset, order } = await draftOrder(5, 3);
    await saveInPanel(order.documentId, { orderStatus: 'confirmed' });
    await saveInPanel(order.documentId, { orderStatus: 'fulfilled' });
    const stored = await strapi.db
      .query('api::order.order')
      .findOne({ where: { documentId: order.documentId }, select: ['id'] });
    return {
      asset,
      order,
      relation: { connect: [{ id: stored.id, documentId: order.documentId }] },
    };
  }

  const createInPanel = (data: Record<string, unknown>) =>
    api(strapi).post(CREDIT_NOTES).set('Authorization', admin).send(data);

  const counts = async () => ({
    notes: await strapi.db.query('api::order.credit-note').count(),
    movements: await strapi.db.query('api::asset.stock-movement').count(),
    entries: await strapi.db.query('api::ledger.journal-entry').count(),
  });

  it('creating a credit note records the return: number, credit, restock', async () => {
    const { asset, order, relation } = await fulfilledInPanel();
    const res = await createInPanel({
      order: relation,
      creditDate: '2026-12-06',
      // What the form also sends: empty or made-up server fields, which are ignored.
      number: '',
      total: '999',
      lines: [{ lineNo: 1, quantity: 2, disposition: 'restock', net: '5', tax: '0', cost: '0' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.data.number).toMatch(/^CN-\d{6}$/);
    expect(res.body.data.orderNumber).toBe(order.number);
    expect(res.body.data.creditDate).toBe('2026-12-06');
    // 3 units at 18.00: 2 come back, 36.00 credited; restocked at 2 of the 3 units' cost of 3.00.
    expect(Number(res.body.data.total)).toBe(3600);
    expect(Number(res.body.data.restockValue)).toBe(200);
    expect(await reservedOf(asset.documentId)).toBe(0);
    const onHand = (
      await strapi.db.query('api::asset.asset').findOne({ where: { documentId: asset.documentId } })
    ).onHand;
    expect(onHand).toBe(4);
  });

  it('records a double submit of the same return once', async () => {
    const { relation } = await fulfilledInPanel();
    const data = { order: relation, lines: [{ lineNo: 1, quantity: 1, disposition: 'restock' }] };
    const [first, second] = await Promise.all([createInPanel(data), createInPanel(data)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.data.number).toBe(first.body.data.number);
    const notes = await strapi.db
      .query('api::order.credit-note')
      .count({ where: { orderDocumentId: relation.connect[0].documentId } });
    expect(notes).toBe(1);
  });

  it('answers a double submit of a return that brings every unit back with its credit note', async () => {
    const { relation } = await fulfilledInPanel();
    const data = { order: relation, lines: [{ lineNo: 1, quantity: 3, disposition: 'restock' }] };
    const first = await createInPanel(data);
    const second = await createInPanel(data);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.data.number).toBe(first.body.data.number);
  });

  it('refuses too many units, a missing order and any edit, changing nothing', async () => {
    const { relation } = await fulfilledInPanel();
    const before = await counts();
    const tooMany = await createInPanel({
      order: relation,
      lines: [{ lineNo: 1, quantity: 4, disposition: 'writeOff' }],
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.message).toMatch(
      /^Returning 4 of line 1 on order SO-\d+ exceeds the 3/,
    );
    const noOrder = await createInPanel({
      lines: [{ lineNo: 1, quantity: 1, disposition: 'restock' }],
    });
    expect(noOrder.status).toBe(400);
    expect(noOrder.body.error.message).toBe(
      'order: choose the fulfilled order the goods come back from',
    );
    expect(await counts()).toEqual(before);

    const created = await createInPanel({
      order: relation,
      lines: [{ lineNo: 1, quantity: 1, disposition: 'writeOff' }],
    });
    expect(created.status).toBe(201);
    const afterCreate = await counts();
    const edit = await api(strapi)
      .put(`${CREDIT_NOTES}/${created.body.data.documentId}`)
      .set('Authorization', admin)
      .send({ reason: 'typo' });
    expect(edit.status).toBe(403);
    const removal = await api(strapi)
      .delete(`${CREDIT_NOTES}/${created.body.data.documentId}`)
      .set('Authorization', admin);
    expect(removal.status).toBe(403);
    expect(await counts()).toEqual(afterCreate);
  });
});
