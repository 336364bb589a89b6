import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type * as Ledger from '../../src/api/ledger';
import { deleteExpiredIdempotencyRecords } from '../../src/platform/idempotency';
import { fromDatabase } from '../../src/platform/money';
import { api, fullAccessToken } from '../harness/builders';
import {
  expectRefusal,
  ledgerBalance,
  orderClient,
  orderSnapshot,
  stockLevels,
  type OrderClient,
} from '../harness/orders';
import { startTestApp, testDatabase, type TestApp } from '../harness/strapi';

let app: TestApp;
let strapi: Core.Strapi;
let auth: string;

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
  auth = await fullAccessToken(strapi);
});
afterAll(async () => app?.stop());

// NOTE: built per call because strapi and auth exist only once beforeAll has run.
const rest = () => orderClient(strapi, auth);
const post: OrderClient['post'] = (...args) => rest().post(...args);
const get: OrderClient['get'] = (path) => rest().get(path);
const createAsset: OrderClient['createAsset'] = (...args) => rest().createAsset(...args);
const createCustomer: OrderClient['createCustomer'] = (...args) => rest().createCustomer(...args);
const createOrder: OrderClient['createOrder'] = (...args) => rest().createOrder(...args);
const snapshot = () => orderSnapshot(strapi);
const levels = (assetId: string) => stockLevels(strapi, assetId);
const accountBalance = (code: string) => ledgerBalance(strapi, code);

describe('the order lifecycle over REST', () => {
  it('confirms, fulfils, takes a payment and a refund, posting balanced entries', async () => {
    const asset = await createAsset({ listPrice: 1800 }, { quantity: 10, unitCost: 1000 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 3 }], { freight: 500 });
    expect(order.total).toBe(5900);

    const confirmed = await post(`/api/orders/${order.documentId}/confirm`, { date: '2026-12-02' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data.orderStatus).toBe('confirmed');
    expect(await levels(asset.documentId)).toEqual({
      onHand: 10,
      reserved: 3,
      available: 7,
      stockValue: 10000,
    });

    const fulfilled = await post(`/api/orders/${order.documentId}/fulfil`, { date: '2026-12-03' });
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body.data).toMatchObject({
      orderStatus: 'fulfilled',
      invoiceNumber: expect.stringMatching(/^INV-\d{6}$/),
      invoiceDate: '2026-12-03',
      shippedDate: '2026-12-03',
      costOfGoods: 3000,
      paymentStatus: 'unpaid',
    });
    expect(await levels(asset.documentId)).toEqual({
      onHand: 7,
      reserved: 0,
      available: 7,
      stockValue: 7000,
    });

    const journal = await get(`/api/orders/${order.documentId}/journal`);
    expect(journal.status).toBe(200);
    expect(journal.body.data).toHaveLength(2);
    for (const entry of journal.body.data) {
      expect(entry.totalDebit).toBe(entry.totalCredit);
    }
    const movements = await get(`/api/orders/${order.documentId}/movements`);
    expect(
      movements.body.data.map((m: { reason: string; valueChange: number }) => [
        m.reason,
        m.valueChange,
      ]),
    ).toEqual([
      ['reserve', 0],
      ['fulfil', -3000],
    ]);

    const paid = await post(`/api/orders/${order.documentId}/payments`, {
      amount: 2000,
      date: '2026-12-04',
      method: 'card',
    });
    expect(paid.status).toBe(201);
    expect(paid.body.data.order.paymentStatus).toBe('partially_paid');
    const rest = await post(`/api/orders/${order.documentId}/payments`, {
      amount: 3900,
      method: 'bank-transfer',
    });
    expect(rest.body.data.order.paymentStatus).toBe('paid');
    const refund = await post(`/api/orders/${order.documentId}/refunds`, {
      amount: 5900,
      method: 'bank-transfer',
    });
    expect(refund.status).toBe(201);
    expect(refund.body.data.order.paymentStatus).toBe('refunded');
  });

  it('keeps account 1200 equal to the sum of stock values and every entry balanced', async () => {
    const [row] = await strapi.db.connection('assets').sum({ value: 'stock_value' });
    expect(await accountBalance('1200')).toBe(fromDatabase(row.value));
    const unbalanced = await strapi.db
      .connection('journal_lines')
      .select('entry_key')
      .groupBy('entry_key')
      .havingRaw('sum(debit) <> sum(credit)');
    expect(unbalanced).toEqual([]);
  });

  it('cancels a confirmed order and releases its reservation', async () => {
    const asset = await createAsset({}, { quantity: 4, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 4 }]);
    await post(`/api/orders/${order.documentId}/confirm`);
    const cancelled = await post(`/api/orders/${order.documentId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data.orderStatus).toBe('cancelled');
    expect(await levels(asset.documentId)).toMatchObject({ reserved: 0, available: 4 });
  });
});

describe('refusals change nothing', () => {
  it('refuses confirming more than is available, naming the SKU and quantities', async () => {
    const asset = await createAsset({ sku: 'SHORT-1' }, { quantity: 2, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 3 }]);
    const before = await snapshot();
    const res = await post(`/api/orders/${order.documentId}/confirm`);
    expectRefusal(
      res,
      409,
      'ConflictError',
      'Not enough stock for SHORT-1: requested 3, available 2',
    );
    expect(res.body.error.details).toMatchObject({ sku: 'SHORT-1', requested: 3, available: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an illegal transition', async () => {
    const asset = await createAsset({}, { quantity: 1, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 1 }]);
    const before = await snapshot();
    const res = await post(`/api/orders/${order.documentId}/fulfil`);
    expectRefusal(
      res,
      409,
      'ConflictError',
      `Order ${order.number} is draft; it cannot become fulfilled`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a confirmation over the credit limit', async () => {
    const asset = await createAsset({ listPrice: 1000 }, { quantity: 10, unitCost: 100 });
    const customer = await createCustomer({ creditLimit: 2500 });
    const first = await createOrder([{ asset: asset.documentId, quantity: 2 }], {
      customer: customer.documentId,
    });
    const second = await createOrder([{ asset: asset.documentId, quantity: 1 }], {
      customer: customer.documentId,
    });
    expect((await post(`/api/orders/${first.documentId}/confirm`)).status).toBe(200);
    const before = await snapshot();
    const res = await post(`/api/orders/${second.documentId}/confirm`);
    expectRefusal(
      res,
      409,
      'ConflictError',
      `Confirming would take customer ${customer.code} to 3000, over the credit limit of 2500`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses cancelling while money paid is held, overpaying and over-refunding', async () => {
    const asset = await createAsset({ listPrice: 1000 }, { quantity: 5, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 1 }]);
    await post(`/api/orders/${order.documentId}/confirm`);
    await post(`/api/orders/${order.documentId}/payments`, { amount: 400, method: 'cash' });
    const before = await snapshot();
    expectRefusal(
      await post(`/api/orders/${order.documentId}/cancel`),
      409,
      'ConflictError',
      `Order ${order.number} holds 400 paid by the customer; refund it before cancelling`,
    );
    expectRefusal(
      await post(`/api/orders/${order.documentId}/payments`, { amount: 601, method: 'cash' }),
      409,
      'ConflictError',
      `Payment of 601 on order ${order.number} exceeds the 600 still owed`,
    );
    expectRefusal(
      await post(`/api/orders/${order.documentId}/refunds`, { amount: 401, method: 'cash' }),
      409,
      'ConflictError',
      `Refund of 401 on order ${order.number} exceeds the 400 paid`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses editing the lines of an order that is no longer a draft', async () => {
    const asset = await createAsset({}, { quantity: 5, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 1 }]);
    await post(`/api/orders/${order.documentId}/confirm`);
    const before = await snapshot();
    const res = await api(strapi)
      .put(`/api/orders/${order.documentId}`)
      .set('Authorization', auth)
      .send({ data: { lines: [{ asset: asset.documentId, quantity: 2 }] } });
    expectRefusal(
      res,
      409,
      'ConflictError',
      `Order ${order.number} is confirmed: lines can only be changed on a draft`,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for an unknown order and 400 for a malformed body', async () => {
    expectRefusal(
      await post('/api/orders/abcdefghijklmnopqrstuvwx/confirm'),
      404,
      'NotFoundError',
      'No order abcdefghijklmnopqrstuvwx',
    );
    const asset = await createAsset({}, { quantity: 5, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 1 }]);
    expectRefusal(
      await post(`/api/orders/${order.documentId}/payments`, { amount: 12.5, method: 'cash' }),
      400,
      'ValidationError',
      'data.amount: must be an integer number of minor units (cents)',
    );
    expectRefusal(
      await post(`/api/orders/${order.documentId}/confirm`, { date: '2026-02-30' }),
      400,
      'ValidationError',
      'data.date: must be a date written YYYY-MM-DD',
    );
  });

  it('leaves no movement, entry or status change when fulfil fails after the stock step', async () => {
    const asset = await createAsset({}, { quantity: 5, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 2 }]);
    await post(`/api/orders/${order.documentId}/confirm`);
    // A different entry already holds the invoice's key, so posting the invoice fails after the
    // inventory provider has taken the stock.
    // NOTE: the compiled module, the one Strapi runs: its writer context is the one the ledger's
    // guard reads (the TypeScript source would be a second copy with a context of its own).
    const { postJournalEntry } = (await import(
      path.join(__dirname, '..', '..', 'dist', 'src', 'api', 'ledger')
    )) as typeof Ledger;
    await postJournalEntry(strapi, {
      key: `invoice:${order.documentId}`,
      date: '2026-12-01',
      memo: 'squatter',
      sourceType: 'adjustment',
      sourceId: 'squatter',
      lines: [
        { account: 'cash', debit: 1, credit: 0 },
        { account: 'sales', debit: 0, credit: 1 },
      ],
    });
    const before = await snapshot();
    const res = await post(`/api/orders/${order.documentId}/fulfil`);
    expect(res.status).toBe(409);
    expect(await snapshot()).toEqual(before);
    expect(await levels(asset.documentId)).toMatchObject({ onHand: 5, reserved: 2 });
  });
});

describe('receipts, adjustments and supplier payments', () => {
  it('posts a receipt on account and pays the supplier up to what is owed on it', async () => {
    const asset = await createAsset();
    const receipt = await post(`/api/assets/${asset.documentId}/receipts`, {
      quantity: 10,
      unitCost: 100,
      date: '2026-11-02',
    });
    expect(receipt.status).toBe(201);
    expect(receipt.body.data).toMatchObject({ quantity: 10, value: 1000 });
    const number = receipt.body.data.number as string;
    const payable = await accountBalance('2000');
    const pay = (amount: number) =>
      post(`/api/receipts/${number}/payments`, {
        amount,
        date: '2026-11-20',
        method: 'bank-transfer',
      });
    expect((await pay(600)).status).toBe(201);
    const before = await snapshot();
    expectRefusal(
      await pay(401),
      409,
      'ConflictError',
      `Payment of 401 for receipt ${number} exceeds the 400 still owed`,
    );
    expect(await snapshot()).toEqual(before);
    expect((await pay(400)).status).toBe(201);
    expect(await accountBalance('2000')).toBe(payable + 1000);
  });

  it('refuses a supplier payment for a receipt paid at once, or one that does not exist', async () => {
    const asset = await createAsset();
    const receipt = await post(`/api/assets/${asset.documentId}/receipts`, {
      quantity: 1,
      unitCost: 100,
      date: '2026-11-02',
      paid: true,
    });
    const number = receipt.body.data.number as string;
    expectRefusal(
      await post(`/api/receipts/${number}/payments`, {
        amount: 1,
        date: '2026-11-02',
        method: 'cash',
      }),
      409,
      'ConflictError',
      `Receipt ${number} was not taken on account: nothing is owed to the supplier`,
    );
    expectRefusal(
      await post('/api/receipts/RC-999999/payments', {
        amount: 1,
        date: '2026-11-02',
        method: 'cash',
      }),
      404,
      'NotFoundError',
      'No receipt RC-999999',
    );
  });

  it('values a counted gain at the average and posts adjustments against 5100', async () => {
    const asset = await createAsset({}, { quantity: 4, unitCost: 250 });
    const adjustments = await accountBalance('5100');
    const gain = await post(`/api/assets/${asset.documentId}/adjustments`, {
      countedQuantity: 5,
      reason: 'found behind the shelf',
      date: '2026-11-03',
    });
    expect(gain.status).toBe(201);
    expect(gain.body.data).toMatchObject({ quantity: 1, value: 250 });
    const loss = await post(`/api/assets/${asset.documentId}/adjustments`, {
      change: -2,
      reason: 'broken',
      date: '2026-11-04',
    });
    expect(loss.body.data).toMatchObject({ quantity: -2, value: -500 });
    expect(await accountBalance('5100')).toBe(adjustments + 250);
    expect(await levels(asset.documentId)).toMatchObject({ onHand: 3, stockValue: 750 });
  });

  it('refuses malformed receipts and adjustments with a 400 naming the field', async () => {
    const asset = await createAsset();
    const before = await snapshot();
    expectRefusal(
      await post(`/api/assets/${asset.documentId}/receipts`, {
        quantity: 0,
        unitCost: 1,
        date: '2026-11-01',
      }),
      400,
      'ValidationError',
      'data.quantity: must be a positive whole number',
    );
    expectRefusal(
      await post(`/api/assets/${asset.documentId}/receipts`, {
        quantity: 1,
        unitCost: 1.5,
        date: '2026-11-01',
      }),
      400,
      'ValidationError',
      'data.unitCost: must be an integer number of minor units (cents)',
    );
    expectRefusal(
      await post(`/api/assets/${asset.documentId}/adjustments`, {
        change: 1,
        countedQuantity: 2,
        reason: 'x',
        date: '2026-11-01',
      }),
      400,
      'ValidationError',
      'data.change: give either change or countedQuantity',
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('Idempotency-Key', () => {
  it('clears records whose 24 hours are over, every hour', async () => {
    const records = strapi.db.query('api::idempotency.idempotency-record');
    const record = (key: string, expiresAt: Date) =>
      records.create({
        data: { scope: 'test', idempotencyKey: key, requestHash: 'h', state: 'done', expiresAt },
      });
    await record('expired', new Date(Date.now() - 1000));
    await record('live', new Date(Date.now() + 60_000));
    expect(await deleteExpiredIdempotencyRecords(strapi)).toBe(1);
    const left = await records.findMany({ where: { scope: 'test' }, select: ['idempotencyKey'] });
    expect(left.map((row: { idempotencyKey: string }) => row.idempotencyKey)).toEqual(['live']);
    const jobs = strapi.cron.jobs as unknown as { name: string | null }[];
    expect(jobs.map((job) => job.name)).toContain('idempotencyCleanup');
  });

  it('returns the same response for a repeat and has one effect; another body gets 422', async () => {
    const asset = await createAsset({ listPrice: 1000 }, { quantity: 5, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 1 }]);
    await post(`/api/orders/${order.documentId}/confirm`);
    const body = { amount: 300, method: 'cash', date: '2026-12-05' };
    const first = await post(`/api/orders/${order.documentId}/payments`, body, 'pay-once');
    const again = await post(`/api/orders/${order.documentId}/payments`, body, 'pay-once');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // The same body with its keys in another order is the same request.
    const reordered = await post(
      `/api/orders/${order.documentId}/payments`,
      { date: body.date, method: body.method, amount: body.amount },
      'pay-once',
    );
    expect([reordered.status, reordered.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(
      await strapi.db
        .query('api::ledger.payment')
        .count({ where: { orderDocumentId: order.documentId } }),
    ).toBe(1);
    const other = await post(
      `/api/orders/${order.documentId}/payments`,
      { ...body, amount: 301 },
      'pay-once',
    );
    expectRefusal(
      other,
      422,
      'UnprocessableEntityError',
      'Idempotency-Key pay-once was already used with a different request',
    );
  });

  it('stores nothing for a refused request, so the key can be used again', async () => {
    const asset = await createAsset({}, { quantity: 1, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 2 }]);
    expect(
      (await post(`/api/orders/${order.documentId}/confirm`, undefined, 'retry-me')).status,
    ).toBe(409);
    await post(`/api/assets/${asset.documentId}/receipts`, {
      quantity: 1,
      unitCost: 100,
      date: '2026-12-01',
    });
    expect(
      (await post(`/api/orders/${order.documentId}/confirm`, undefined, 'retry-me')).status,
    ).toBe(200);
  });
});

const IDEMPOTENCY_UID = 'api::idempotency.idempotency-record';

/** An order ready for a payment, and the stored record of a first paid request (scope, hash). */
async function payableOrders(body: object) {
  const asset = await createAsset({ listPrice: 1000 }, { quantity: 5, unitCost: 100 });
  const [first, second] = [
    await createOrder([{ asset: asset.documentId, quantity: 1 }]),
    await createOrder([{ asset: asset.documentId, quantity: 1 }]),
  ];
  for (const order of [first, second]) {
    await post(`/api/orders/${order.documentId}/confirm`);
  }
  const key = `learn-scope-${first.documentId}`;
  expect((await post(`/api/orders/${first.documentId}/payments`, body, key)).status).toBe(201);
  const learned = await strapi.db
    .query(IDEMPOTENCY_UID)
    .findOne({ where: { idempotencyKey: key } });
  return {
    order: second,
    scope: learned.scope.replace(first.documentId, second.documentId) as string,
    requestHash: learned.requestHash as string,
  };
}

const paymentsOf = (orderDocumentId: string) =>
  strapi.db.query('api::ledger.payment').count({ where: { orderDocumentId } });

describe('Idempotency-Key after a crash', () => {
  const body = { amount: 300, method: 'cash', date: '2026-12-05' };

  it('lets a retry take over a key whose holder died, once its lease is over', async () => {
    const { order, scope, requestHash } = await payableOrders(body);
    const crashed = (key: string, leaseUntil: Date | null) =>
      strapi.db.query(IDEMPOTENCY_UID).create({
        data: {
          scope,
          idempotencyKey: key,
          requestHash,
          state: 'running',
          claimToken: 'a-holder-that-died',
          leaseUntil,
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      });
    await crashed('died-just-now', new Date(Date.now() + 60_000));
    const early = await post(`/api/orders/${order.documentId}/payments`, body, 'died-just-now');
    expectRefusal(
      early,
      409,
      'ConflictError',
      'A request with Idempotency-Key died-just-now is still running; retry when it has finished',
    );
    expect(await paymentsOf(order.documentId)).toBe(0);

    await crashed('died-long-ago', new Date(Date.now() - 1_000));
    const retry = await post(`/api/orders/${order.documentId}/payments`, body, 'died-long-ago');
    expect(retry.status).toBe(201);
    const again = await post(`/api/orders/${order.documentId}/payments`, body, 'died-long-ago');
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(again.body).toEqual(retry.body);
    expect(await paymentsOf(order.documentId)).toBe(1);
    const record = await strapi.db
      .query(IDEMPOTENCY_UID)
      .findOne({ where: { idempotencyKey: 'died-long-ago' } });
    expect(record).toMatchObject({ state: 'done', responseStatus: 201, leaseUntil: null });
    expect(record.claimToken).not.toBe('a-holder-that-died');
  });

  it('takes over a record written before leases existed (no token, no lease)', async () => {
    const { order, scope, requestHash } = await payableOrders(body);
    await strapi.db.query(IDEMPOTENCY_UID).create({
      data: {
        scope,
        idempotencyKey: 'from-before-leases',
        requestHash,
        state: 'running',
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const retry = await post(
      `/api/orders/${order.documentId}/payments`,
      body,
      'from-before-leases',
    );
    expect(retry.status).toBe(201);
    expect(await paymentsOf(order.documentId)).toBe(1);
  });
});

describe('direct writes', () => {
  it('refuses a direct create, update and delete of a stock movement and changes nothing', async () => {
    const asset = await createAsset({}, { quantity: 1, unitCost: 100 });
    const [movement] = await strapi.documents('api::asset.stock-movement').findMany({
      filters: { assetDocumentId: asset.documentId },
    });
    const before = await snapshot();
    const documents = strapi.documents('api::asset.stock-movement');
    await expect(
      documents.create({
        data: {
          movementKey: 'x',
          assetDocumentId: asset.documentId,
          reason: 'receipt',
          sourceType: 'receipt',
          sourceId: 'x',
          date: '2026-12-01',
        } as never,
      }),
    ).rejects.toMatchObject({ code: 'append_only', kind: 'forbidden' });
    await expect(
      documents.update({ documentId: movement.documentId, data: { onHandChange: 99 } as never }),
    ).rejects.toMatchObject({ code: 'append_only', kind: 'forbidden' });
    await expect(documents.delete({ documentId: movement.documentId })).rejects.toMatchObject({
      code: 'append_only',
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("a Super Admin's saves of stock movements in the content manager", () => {
  it('refuses create, update and delete with a 403 and changes nothing', async () => {
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    await strapi.service('admin::user').create({
      email: 'stock-admin@example.com',
      firstname: 'Stock',
      lastname: 'Admin',
      password: 'Stock-admin-1',
      isActive: true,
      roles: [superAdmin.id],
    });
    const login = await api(strapi)
      .post('/admin/login')
      .send({ email: 'stock-admin@example.com', password: 'Stock-admin-1' });
    const admin = `Bearer ${login.body.data.token}`;
    const asset = await createAsset({}, { quantity: 2, unitCost: 100 });
    const [movement] = await strapi.documents('api::asset.stock-movement').findMany({
      filters: { assetDocumentId: asset.documentId },
    });
    const base = '/content-manager/collection-types/api::asset.stock-movement';
    const before = await snapshot();
    const answers = [
      await api(strapi).post(base).set('Authorization', admin).send({
        movementKey: 'forged',
        assetDocumentId: asset.documentId,
        reason: 'receipt',
        onHandChange: 100,
        sourceType: 'receipt',
        sourceId: 'forged',
        date: '2026-12-01',
      }),
      await api(strapi)
        .put(`${base}/${movement.documentId}`)
        .set('Authorization', admin)
        .send({ onHandChange: 99 }),
      await api(strapi).delete(`${base}/${movement.documentId}`).set('Authorization', admin),
    ];
    for (const res of answers) {
      expectRefusal(
        res,
        403,
        'ForbiddenError',
        'Stock movements are written only by the inventory service and are never edited or deleted',
      );
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('what an adversarial review found', () => {
  it('refuses deleting a confirmed order, an asset with movements and a customer with orders', async () => {
    const asset = await createAsset({}, { quantity: 3, unitCost: 100 });
    const customer = await createCustomer();
    const order = await createOrder([{ asset: asset.documentId, quantity: 1 }], {
      customer: customer.documentId,
    });
    await post(`/api/orders/${order.documentId}/confirm`);
    const before = await snapshot();
    await expect(
      strapi.documents('api::order.order').delete({ documentId: order.documentId }),
    ).rejects.toMatchObject({ code: 'order_not_draft' });
    await expect(
      strapi.documents('api::asset.asset').delete({ documentId: asset.documentId }),
    ).rejects.toMatchObject({ code: 'asset_has_movements' });
    await expect(
      strapi.documents('api::customer.customer').delete({ documentId: customer.documentId }),
    ).rejects.toMatchObject({ code: 'customer_has_orders' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses switching backorders off while more is reserved than on hand', async () => {
    const asset = await createAsset({ allowBackorders: true }, { quantity: 2, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 5 }]);
    await post(`/api/orders/${order.documentId}/confirm`);
    const res = await api(strapi)
      .put(`/api/assets/${asset.documentId}`)
      .set('Authorization', auth)
      .send({ data: { allowBackorders: false } });
    expectRefusal(
      res,
      409,
      'ConflictError',
      `${asset.sku} has 3 units reserved beyond what is on hand; receive stock before switching backorders off`,
    );
  });

  it('lists stock movements over REST', async () => {
    const asset = await createAsset({}, { quantity: 1, unitCost: 100 });
    const res = await get(`/api/stock-movements?filters[assetDocumentId][$eq]=${asset.documentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).toMatchObject({
      reason: 'receipt',
      onHandChange: 1,
      valueChange: 100,
    });
  });

  it('replays an Idempotency-Key whatever the spelling of the path', async () => {
    const asset = await createAsset({ listPrice: 1000 }, { quantity: 5, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 1 }]);
    await post(`/api/orders/${order.documentId}/confirm`);
    const body = { amount: 100, method: 'cash', date: '2026-12-05' };
    await post(`/api/orders/${order.documentId}/payments`, body, 'spelled');
    const again = await post(`/api/orders/${order.documentId}/Payments/`, body, 'spelled');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(
      await strapi.db
        .query('api::ledger.payment')
        .count({ where: { orderDocumentId: order.documentId } }),
    ).toBe(1);
  });

  it('refuses dates outside 1900–2999 and a body without its data wrapper', async () => {
    const asset = await createAsset({}, { quantity: 5, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 1 }]);
    expectRefusal(
      await post(`/api/orders/${order.documentId}/confirm`, { date: '0000-01-01' }),
      400,
      'ValidationError',
      'data.date: must be a date between 1900-01-01 and 2999-12-31',
    );
    const unwrapped = await api(strapi)
      .post(`/api/orders/${order.documentId}/confirm`)
      .set('Authorization', auth)
      .send({ date: '2026-01-15' });
    expectRefusal(
      unwrapped,
      400,
      'ValidationError',
      'data: the request body must be { "data": { … } } or empty',
    );
  });
});

const onPostgres = testDatabase() === 'postgres' ? describe : describe.skip;

onPostgres('concurrency (PostgreSQL)', () => {
  it('lets a slow holder taken over after its lease commit nothing: the payment happens once', async () => {
    const body = { amount: 300, method: 'cash', date: '2026-12-05' };
    const { order } = await payableOrders(body);
    const records = strapi.db.query(IDEMPOTENCY_UID);
    const recordOf = () => records.findOne({ where: { idempotencyKey: 'slow-holder' } });
    // Another transaction holds the order's row, so the first request waits inside its action.
    const blocker = await strapi.db.connection.transaction();
    let answers;
    try {
      await blocker('orders').where({ document_id: order.documentId }).forUpdate().select('id');
      // NOTE: a supertest request is sent when it is first awaited; Promise.resolve starts it.
      const pay = () =>
        Promise.resolve(post(`/api/orders/${order.documentId}/payments`, body, 'slow-holder'));
      const first = pay();
      await waitFor(async () => (await recordOf())?.state === 'running');
      const holder = (await recordOf()).claimToken;
      await records.update({
        where: { idempotencyKey: 'slow-holder' },
        data: { leaseUntil: new Date(Date.now() - 1_000) },
      });
      const second = pay();
      await waitFor(async () => (await recordOf()).claimToken !== holder);
      await blocker.commit();
      answers = await Promise.all([first, second]);
    } finally {
      if (!blocker.isCompleted()) {
        await blocker.rollback();
      }
    }
    expect(answers.map((res) => res.status)).toEqual([409, 201]);
    expect(answers[0].body.error.message).toBe(
      'The request with Idempotency-Key slow-holder ran past its lease and a retry took it over; this attempt changed nothing',
    );
    expect(await paymentsOf(order.documentId)).toBe(1);
    expect(await recordOf()).toMatchObject({ state: 'done', responseStatus: 201 });
  });

  it('sells no more than is on hand: 50 one-unit orders against 10', async () => {
    const asset = await createAsset({}, { quantity: 10, unitCost: 100 });
    const customer = await createCustomer();
    const orders = [];
    for (let i = 0; i < 50; i += 1) {
      orders.push(
        await createOrder([{ asset: asset.documentId, quantity: 1 }], {
          customer: customer.documentId,
        }),
      );
    }
    const answers = await Promise.all(
      orders.map((order) => post(`/api/orders/${order.documentId}/confirm`)),
    );
    expect(answers.filter((res) => res.status === 200)).toHaveLength(10);
    expect(answers.filter((res) => res.status === 409)).toHaveLength(40);
    expect(await levels(asset.documentId)).toMatchObject({
      onHand: 10,
      reserved: 10,
      available: 0,
    });
  });

  it('reserves once when one order is confirmed 20 times at once', async () => {
    const asset = await createAsset({}, { quantity: 10, unitCost: 100 });
    const order = await createOrder([{ asset: asset.documentId, quantity: 3 }]);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(`/api/orders/${order.documentId}/confirm`)),
    );
    expect(answers.filter((res) => res.status === 200)).toHaveLength(1);
    expect(answers.filter((res) => res.status === 409)).toHaveLength(19);
    expect(await levels(asset.documentId)).toMatchObject({ reserved: 3, available: 7 });
    const movements = await get(`/api/orders/${order.documentId}/movements`);
    expect(movements.body.data).toHaveLength(1);
  });

  it('checks the credit limit of concurrent confirmations one after the other', async () => {
    const asset = await createAsset({ listPrice: 1000 }, { quantity: 10, unitCost: 100 });
    const customer = await createCustomer({ creditLimit: 1500 });
    const orders = [];
    for (let i = 0; i < 4; i += 1) {
      orders.push(
        await createOrder([{ asset: asset.documentId, quantity: 1 }], {
          customer: customer.documentId,
        }),
      );
    }
    const answers = await Promise.all(
      orders.map((order) => post(`/api/orders/${order.documentId}/confirm`)),
    );
    expect(answers.filter((res) => res.status === 200)).toHaveLength(1);
    expect(answers.filter((res) => res.status === 409)).toHaveLength(3);
  });

  it('never confirms an order whose lines changed under the confirmation', async () => {
    const asset = await createAsset({ listPrice: 1000 }, { quantity: 100, unitCost: 100 });
    for (let i = 0; i < 5; i += 1) {
      const order = await createOrder([{ asset: asset.documentId, quantity: 1 }]);
      await Promise.all([
        post(`/api/orders/${order.documentId}/confirm`),
        api(strapi)
          .put(`/api/orders/${order.documentId}`)
          .set('Authorization', auth)
          .send({ data: { lines: [{ lineNo: 1, asset: asset.documentId, quantity: 7 }] } }),
      ]);
      const stored = await strapi.db.query('api::order.order').findOne({
        where: { documentId: order.documentId },
        populate: { lines: true },
      });
      const reserved = await strapi.db
        .connection('stock_movements')
        .where({ source_id: order.documentId, reason: 'reserve' })
        .sum({ quantity: 'reserved_change' });
      expect(stored.orderStatus).toBe('confirmed');
      expect(fromDatabase(reserved[0].quantity)).toBe(stored.lines[0].quantity);
    }
  });

  it('gives 100 orders fulfilled at once unique, gap-free invoice numbers', async () => {
    const asset = await createAsset({}, { quantity: 100, unitCost: 100 });
    const customer = await createCustomer();
    const orders = [];
    for (let i = 0; i < 100; i += 1) {
      const order = await createOrder([{ asset: asset.documentId, quantity: 1 }], {
        customer: customer.documentId,
      });
      await post(`/api/orders/${order.documentId}/confirm`);
      orders.push(order);
    }
    const answers = await Promise.all(
      orders.map((order) => post(`/api/orders/${order.documentId}/fulfil`)),
    );
    expect(answers.every((res) => res.status === 200)).toBe(true);
    const numbers = answers
      .map((res) => Number(res.body.data.invoiceNumber.slice(4)))
      .sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(100);
    expect(numbers[99] - numbers[0]).toBe(99);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
