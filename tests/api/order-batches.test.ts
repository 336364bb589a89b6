import type { Core } from '@strapi/strapi';
import {
  confirmOrder,
  confirmOrders,
  fulfilOrder,
  fulfilOrders,
} from '../../src/api/order/lifecycle/order-lifecycle';
import { payOrder, payOrders } from '../../src/api/order/lifecycle/order-payments';
import { api, fullAccessToken } from '../harness/builders';
import { orderClient, orderSnapshot, stockLevels } from '../harness/orders';
import { startTestApp, type TestApp } from '../harness/strapi';

/**
 * Orders created, confirmed, fulfilled and paid many at a time, as imports and the reports
 * bench do: the same effects as one at a time, in a few statements.
 */

let app: TestApp;
let strapi: Core.Strapi;
let auth: string;

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
  auth = await fullAccessToken(strapi);
});
afterAll(async () => app?.stop());

const rest = () => orderClient(strapi, auth);
const snapshot = () => orderSnapshot(strapi);
const orderService = () =>
  strapi.service('api::order.order') as unknown as {
    createDraftOrders(inputs: object[]): Promise<{ documentId: string; number: string }[]>;
  };

const ORDER_POPULATE = {
  customer: { fields: ['code'] },
  shipTo: true,
  lines: { populate: { asset: { fields: ['sku'] } } },
};

/** An order as the Document Service reads it, without what differs between two orders. */
async function storedOrder(documentId: string) {
  const order = (await strapi
    .documents('api::order.order')
    .findOne({ documentId, populate: ORDER_POPULATE as never })) as Record<string, unknown>;
  const VARYING = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt'];
  const strip = (row: Record<string, unknown>, also: string[] = []) =>
    Object.fromEntries(Object.entries(row).filter(([key]) => ![...VARYING, ...also].includes(key)));
  const fields = strip(order, ['number', 'externalRef']);
  return {
    ...fields,
    customer: strip(order.customer as Record<string, unknown>),
    shipTo: strip(order.shipTo as Record<string, unknown>),
    lines: (order.lines as Record<string, unknown>[]).map((line) => ({
      ...strip(line),
      asset: strip(line.asset as Record<string, unknown>),
    })),
  };
}

describe('creating draft orders in a batch', () => {
  it('stores each order as the REST create stores it', async () => {
    const chai = await rest().createAsset({ listPrice: 1800, name: 'Chai' });
    const chang = await rest().createAsset({ listPrice: 1900 });
    const customer = await rest().createCustomer();
    const input = (externalRef: string) => ({
      customer: customer.documentId,
      orderDate: '2026-12-01',
      requiredDate: '2026-12-20',
      freight: 1250,
      notes: 'Ring twice',
      externalRef,
      shipTo: { street: 'Obere Str. 57', city: 'Berlin', country: 'Germany' },
      lines: [
        { asset: chai.documentId, quantity: 3, discount: '0.050', taxRate: '0.08875' },
        { asset: chang.documentId, quantity: 7, unitPrice: 1333, description: 'Chang, 24 bottles' },
      ],
    });
    const created = await rest().post('/api/orders', input('batch-compare-rest'));
    expect(created.status).toBe(201);
    const [batched] = await orderService().createDraftOrders([input('batch-compare-batch')]);

    const expected = await storedOrder(created.body.data.documentId);
    expect(expected).toMatchObject({ subtotal: expect.anything(), orderStatus: 'draft' });
    expect(await storedOrder(batched.documentId)).toEqual(expected);
    const read = await rest().get(`/api/orders/${batched.documentId}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ number: batched.number, total: 16166 });
    // 3 × 1800 less 5 % is 5130, taxed at 8.875 % is 455.29 → 455; 7 × 1333 = 9331, freight 1250.
    expect(created.body.data.total).toBe(5130 + 455 + 9331 + 1250);
  });

  it('numbers the orders of a batch in the order given, without gaps', async () => {
    const asset = await rest().createAsset();
    const customer = await rest().createCustomer();
    const drafts = await orderService().createDraftOrders(
      [1, 2, 3].map(() => ({
        customer: customer.documentId,
        orderDate: '2026-12-01',
        lines: [{ asset: asset.documentId, quantity: 1 }],
      })),
    );
    const numbers = drafts.map((draft) => Number(draft.number.slice(3)));
    expect(numbers).toEqual([numbers[0], numbers[0] + 1, numbers[0] + 2]);
  });

  it('refuses a whole batch when one order names an unknown customer, asset or a taken reference', async () => {
    const asset = await rest().createAsset();
    const customer = await rest().createCustomer();
    const good = {
      customer: customer.documentId,
      orderDate: '2026-12-01',
      lines: [{ asset: asset.documentId, quantity: 1 }],
    };
    await orderService().createDraftOrders([{ ...good, externalRef: 'batch-taken' }]);
    const before = await snapshot();
    const cases: [object, RegExp][] = [
      [{ ...good, customer: 'nosuchcustomer000000000' }, /^data\[1\]\.customer: no customer/],
      [
        { ...good, lines: [{ asset: 'nosuchasset0000000000000', quantity: 1 }] },
        /^data\[1\]\.lines\[0\]\.asset: no asset with documentId nosuchasset/,
      ],
      [
        { ...good, externalRef: 'batch-taken' },
        /^data\[1\]\.externalRef: an order with externalRef/,
      ],
      [{ ...good, lines: [] }, /^data\[1\]\.lines: an order needs at least one line$/],
      [
        {
          ...good,
          lines: [{ asset: asset.documentId, quantity: 1_000_000_000, unitPrice: 10 ** 8 }],
        },
        /^data\[1\]\.lines: line net is beyond ±9007199254740991 minor units$/,
      ],
    ];
    for (const [bad, message] of cases) {
      await expect(orderService().createDraftOrders([good, bad])).rejects.toMatchObject({
        kind: 'invalid',
        message: expect.stringMatching(message),
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('gives orders that REST can edit, confirm, fulfil and take back', async () => {
    const asset = await rest().createAsset({ listPrice: 1000 }, { quantity: 10, unitCost: 400 });
    const customer = await rest().createCustomer();
    const [draft] = await orderService().createDraftOrders([
      {
        customer: customer.documentId,
        orderDate: '2026-12-01',
        lines: [{ asset: asset.documentId, quantity: 2 }],
      },
    ]);
    const edited = await api(strapi)
      .put(`/api/orders/${draft.documentId}`)
      .set('Authorization', auth)
      .send({
        data: {
          notes: 'two more',
          lines: [
            { lineNo: 1, asset: asset.documentId, quantity: 2 },
            { asset: asset.documentId, quantity: 2 },
          ],
        },
      });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ total: 4000, lines: [{ lineNo: 1 }, { lineNo: 2 }] });
    const confirmed = await rest().post(`/api/orders/${draft.documentId}/confirm`, {
      date: '2026-12-02',
    });
    expect(confirmed.status).toBe(200);
    const fulfilled = await rest().post(`/api/orders/${draft.documentId}/fulfil`, {
      date: '2026-12-03',
    });
    expect(fulfilled.body.data).toMatchObject({ orderStatus: 'fulfilled', costOfGoods: 1600 });
    const returned = await rest().post(`/api/orders/${draft.documentId}/returns`, {
      date: '2026-12-04',
      lines: [
        { lineNo: 1, quantity: 2, disposition: 'restock' },
        { lineNo: 2, quantity: 2, disposition: 'restock' },
      ],
    });
    expect(returned.status).toBe(201);
    expect(await stockLevels(strapi, asset.documentId)).toMatchObject({
      onHand: 10,
      stockValue: 4000,
    });
  });
});

describe('moving orders through the lifecycle in a batch', () => {
  /** Two assets with the same stock history, and three orders on them, through REST. */
  async function twoOrderBooks() {
    const book = async () => {
      const a = await rest().createAsset({ listPrice: 1000 }, { quantity: 7, unitCost: 313 });
      const b = await rest().createAsset({ listPrice: 2500 }, { quantity: 5, unitCost: 1171 });
      const customer = await rest().createCustomer();
      const orders = [];
      for (const lines of [
        [{ asset: a.documentId, quantity: 3 }],
        [
          { asset: a.documentId, quantity: 2, taxRate: '0.0825' },
          { asset: b.documentId, quantity: 4 },
        ],
        [{ asset: a.documentId, quantity: 2, discount: '0.1' }],
      ]) {
        orders.push(await rest().createOrder(lines, { customer: customer.documentId }));
      }
      return { assets: [a.documentId, b.documentId], orders };
    };
    return { one: await book(), batch: await book() };
  }

  /** What an order's lifecycle left, without its ids and numbers. */
  async function effectsOf(book: { assets: string[]; orders: { documentId: string }[] }) {
    const movements = await strapi.db.query('api::asset.stock-movement').findMany({
      where: { sourceId: { $in: book.orders.map((order) => order.documentId) } },
      select: ['sourceId', 'reason', 'lineNo', 'onHandChange', 'reservedChange', 'valueChange'],
      orderBy: { id: 'asc' },
    });
    const orders = await strapi.db.query('api::order.order').findMany({
      where: { documentId: { $in: book.orders.map((order) => order.documentId) } },
      select: ['documentId', 'orderStatus', 'paymentStatus', 'costOfGoods', 'total'],
    });
    const position = (documentId: string) =>
      book.orders.findIndex((order) => order.documentId === documentId);
    return {
      movements: movements
        .map(({ sourceId, ...movement }) => ({ order: position(sourceId), ...movement }))
        .sort((x, y) => x.order - y.order),
      orders: orders
        .map(({ documentId, ...order }) => ({ order: position(documentId), ...order }))
        .sort((x, y) => x.order - y.order),
      levels: await Promise.all(book.assets.map((asset) => stockLevels(strapi, asset))),
    };
  }

  it('has the effects of the same orders confirmed, fulfilled and paid one after the other', async () => {
    const { one, batch } = await twoOrderBooks();
    for (const order of one.orders) {
      await confirmOrder(strapi, order.documentId, '2026-12-02');
    }
    for (const order of one.orders) {
      await fulfilOrder(strapi, order.documentId, '2026-12-03');
      await payOrder(strapi, order.documentId, {
        amount: 1000,
        method: 'card',
        date: '2026-12-04',
      });
    }

    await confirmOrders(
      strapi,
      batch.orders.map((order) => ({ documentId: order.documentId, date: '2026-12-02' })),
    );
    await fulfilOrders(
      strapi,
      batch.orders.map((order) => ({ documentId: order.documentId, date: '2026-12-03' })),
    );
    await payOrders(
      strapi,
      batch.orders.map((order) => ({
        documentId: order.documentId,
        amount: 1000,
        method: 'card' as const,
        date: '2026-12-04',
      })),
    );

    const expected = await effectsOf(one);
    expect(expected.movements).toHaveLength(8);
    expect(expected.orders.every((order) => order.orderStatus === 'fulfilled')).toBe(true);
    expect(await effectsOf(batch)).toEqual(expected);
    const invoices = await strapi.db.query('api::order.order').findMany({
      where: { documentId: { $in: batch.orders.map((order) => order.documentId) } },
      select: ['documentId', 'invoiceNumber'],
    });
    const numberOf = (documentId: string) =>
      Number(
        String(invoices.find((order) => order.documentId === documentId)?.invoiceNumber).slice(4),
      );
    const numbers = batch.orders.map((order) => numberOf(order.documentId));
    expect(numbers).toEqual([numbers[0], numbers[0] + 1, numbers[0] + 2]);
  });

  it('refuses the whole batch when a later order is short of stock, and changes nothing', async () => {
    const asset = await rest().createAsset({}, { quantity: 5, unitCost: 100 });
    const first = await rest().createOrder([{ asset: asset.documentId, quantity: 3 }]);
    const second = await rest().createOrder([{ asset: asset.documentId, quantity: 3 }]);
    const before = await snapshot();
    await expect(
      confirmOrders(strapi, [{ documentId: first.documentId }, { documentId: second.documentId }]),
    ).rejects.toMatchObject({
      kind: 'conflict',
      code: 'insufficient_stock',
      message: expect.stringMatching(
        new RegExp(
          `^Order ${second.number}: Not enough stock for SKU-\\w+: requested 3, available 2$`,
        ),
      ),
      details: expect.objectContaining({ orderDocumentId: second.documentId }),
    });
    expect(await snapshot()).toEqual(before);
  });

  it('counts the orders confirmed before in the batch against the credit limit', async () => {
    const asset = await rest().createAsset({ listPrice: 1000 }, { quantity: 20, unitCost: 100 });
    const customer = await rest().createCustomer({ creditLimit: 10000 });
    const lines = [{ asset: asset.documentId, quantity: 6 }];
    const first = await rest().createOrder(lines, { customer: customer.documentId });
    const second = await rest().createOrder(lines, { customer: customer.documentId });
    const before = await snapshot();
    await expect(
      confirmOrders(strapi, [{ documentId: first.documentId }, { documentId: second.documentId }]),
    ).rejects.toMatchObject({
      kind: 'conflict',
      code: 'credit_limit_exceeded',
      message: `Order ${second.number}: Confirming would take customer ${customer.code} to 12000, over the credit limit of 10000`,
    });
    expect(await snapshot()).toEqual(before);
    await confirmOrders(strapi, [{ documentId: first.documentId }]);
  });

  it('counts two payments of one order in a batch together, and refuses one beyond what is owed', async () => {
    const asset = await rest().createAsset({ listPrice: 1000 }, { quantity: 10, unitCost: 100 });
    const order = await rest().createOrder([{ asset: asset.documentId, quantity: 5 }]);
    await confirmOrder(strapi, order.documentId);
    const pay = (amount: number) => ({
      documentId: order.documentId,
      amount,
      method: 'cheque' as const,
    });
    const before = await snapshot();
    await expect(payOrders(strapi, [pay(3000), pay(2001)])).rejects.toMatchObject({
      kind: 'conflict',
      code: 'overpayment',
      message: expect.stringContaining(
        `Payment of 2001 on order ${order.number} exceeds the 2000 still owed`,
      ),
    });
    expect(await snapshot()).toEqual(before);
    const recorded = await payOrders(strapi, [pay(3000), pay(2000)]);
    expect(recorded.map((payment) => payment.amount)).toEqual([3000, 2000]);
    const stored = await strapi.db
      .query('api::order.order')
      .findOne({ where: { documentId: order.documentId }, select: ['paymentStatus'] });
    expect(stored.paymentStatus).toBe('paid');
  });

  it('refuses a batch that names one order twice', async () => {
    const asset = await rest().createAsset({}, { quantity: 5, unitCost: 100 });
    const order = await rest().createOrder([{ asset: asset.documentId, quantity: 1 }]);
    const before = await snapshot();
    await expect(
      confirmOrders(strapi, [{ documentId: order.documentId }, { documentId: order.documentId }]),
    ).rejects.toMatchObject({
      kind: 'invalid',
      code: 'order_repeated',
      message: `Order ${order.documentId} is named twice in one batch; each order changes status once`,
    });
    expect(await snapshot()).toEqual(before);
  });
});
