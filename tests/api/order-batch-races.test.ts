import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { confirmOrders, fulfilOrders } from '../../src/api/order/lifecycle/order-lifecycle';
import { payOrders } from '../../src/api/order/lifecycle/order-payments';
import { fromDatabase } from '../../src/platform/money';
import { fullAccessToken } from '../harness/builders';
import { orderClient, orderSnapshot, stockLevels } from '../harness/orders';
import { createDraftOrders as createDrafts, outcomeOf, type DraftInput } from '../harness/races';
import { startTestApp, testDatabase, type TestApp } from '../harness/strapi';

/**
 * Batches of orders racing single requests and each other on PostgreSQL, where SQLite would
 * serialize them: locks taken in one order (orders, customers, assets), nothing sold twice,
 * invoice numbers without gaps, and no deadlock between a batch and a single request.
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
const onPostgres = testDatabase() === 'postgres' ? describe : describe.skip;
const onPostgresIt = testDatabase() === 'postgres' ? it : it.skip;

const createDraftOrders = (inputs: DraftInput[]) => createDrafts(strapi, inputs);

/** Waits until a statement on `table` waits for a row lock (PostgreSQL), or fails after 10 s. */
async function waitForLockWait(table: string): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const { rows } = (await strapi.db.connection.raw(
      `select count(*) as waiting from pg_stat_activity
       where wait_event_type = 'Lock' and query like ?`,
      [`%"${table}"%`],
    )) as { rows: { waiting: string }[] };
    if (Number(rows[0].waiting) > 0) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`No statement on ${table} waited for a lock within 10 s`);
}

async function statusesOf(documentIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await strapi.db.query('api::order.order').findMany({
    where: { documentId: { $in: [...documentIds] } },
    select: ['documentId', 'orderStatus'],
  });
  return new Map(rows.map((row) => [row.documentId as string, row.orderStatus as string]));
}

async function movementCount(documentId: string, reason: string): Promise<number> {
  return strapi.db
    .query('api::asset.stock-movement')
    .count({ where: { sourceId: documentId, reason } });
}

/** Every invoice number issued so far, in number order: they must run 1, 2, 3 … without gaps. */
async function invoiceNumbers(): Promise<number[]> {
  const rows = await strapi.db
    .connection('orders')
    .whereNotNull('invoice_number')
    .select('invoice_number');
  return rows
    .map((row: { invoice_number: string }) => Number(row.invoice_number.slice(4)))
    .sort((a: number, b: number) => a - b);
}

async function expectInvoiceNumbersGapFree() {
  const numbers = await invoiceNumbers();
  expect(numbers).toEqual(numbers.map((_, index) => index + 1));
  const sequence = await strapi.db
    .query('api::sequence.sequence')
    .findOne({ where: { name: 'invoice' } });
  expect(fromDatabase(sequence.value)).toBe(numbers.length);
}

onPostgres('batches racing single requests (PostgreSQL)', () => {
  it('confirms each order once when a batch races single REST confirms of the same orders', async () => {
    for (let round = 0; round < 3; round += 1) {
      const asset = await rest().createAsset({}, { quantity: 100, unitCost: 100 });
      const customer = await rest().createCustomer();
      const drafts = await createDraftOrders(
        Array.from({ length: 12 }, () => ({
          customer: customer.documentId,
          orderDate: '2026-12-01',
          lines: [{ asset: asset.documentId, quantity: 1 }],
        })),
      );
      const ids = drafts.map((draft) => draft.documentId);
      const [batch, ...singles] = await Promise.all([
        outcomeOf(
          confirmOrders(
            strapi,
            ids.map((documentId) => ({ documentId })),
          ),
        ),
        ...ids.map((id) => Promise.resolve(rest().post(`/api/orders/${id}/confirm`))),
      ]);
      const singleStatuses = singles.map((res) => res.status);
      if (batch.ok) {
        expect(singleStatuses.every((status) => status === 409)).toBe(true);
      } else {
        expect(batch).toMatchObject({ kind: 'conflict', code: 'transition_not_allowed' });
        expect(singleStatuses.every((status) => status === 200 || status === 409)).toBe(true);
      }
      const statuses = await statusesOf(ids);
      const confirmed = ids.filter((id) => statuses.get(id) === 'confirmed');
      for (const id of ids) {
        expect(await movementCount(id, 'reserve')).toBe(statuses.get(id) === 'confirmed' ? 1 : 0);
      }
      expect(await stockLevels(strapi, asset.documentId)).toMatchObject({
        onHand: 100,
        reserved: confirmed.length,
      });
      // Either the batch confirmed them all, or each confirmed order was confirmed by REST.
      const restConfirmed = singleStatuses.filter((status) => status === 200).length;
      expect(confirmed.length).toBe(batch.ok ? 12 : restConfirmed);
    }
  });

  it('lets two overlapping batches on shared assets and customers through one at a time, never overselling', async () => {
    for (let round = 0; round < 4; round += 1) {
      const x = await rest().createAsset({}, { quantity: 15, unitCost: 100 });
      const y = await rest().createAsset({}, { quantity: 100, unitCost: 100 });
      const c1 = await rest().createCustomer();
      const c2 = await rest().createCustomer();
      // The first batch names its lines x then y and its customers c2 first; the second the
      // other way round: locks taken as given would wait in a circle.
      const first = await createDraftOrders(
        Array.from({ length: 5 }, (_, i) => ({
          customer: (i % 2 === 0 ? c2 : c1).documentId,
          orderDate: '2026-12-01',
          lines: [
            { asset: x.documentId, quantity: 2 },
            { asset: y.documentId, quantity: 1 },
          ],
        })),
      );
      const second = await createDraftOrders(
        Array.from({ length: 5 }, (_, i) => ({
          customer: (i % 2 === 0 ? c1 : c2).documentId,
          orderDate: '2026-12-01',
          lines: [
            { asset: y.documentId, quantity: 1 },
            { asset: x.documentId, quantity: 2 },
          ],
        })),
      );
      const batch = (drafts: { documentId: string }[]) =>
        outcomeOf(
          confirmOrders(
            strapi,
            [...drafts].reverse().map(({ documentId }) => ({ documentId })),
          ),
        );
      const outcomes = await Promise.all([batch(first), batch(second)]);
      // 10 units of x each, 15 on hand: exactly one batch goes through, the other is refused.
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
      expect(outcomes.find((outcome) => !outcome.ok)).toMatchObject({
        kind: 'conflict',
        code: 'insufficient_stock',
      });
      expect(await stockLevels(strapi, x.documentId)).toMatchObject({
        onHand: 15,
        reserved: 10,
        available: 5,
      });
      expect(await stockLevels(strapi, y.documentId)).toMatchObject({ reserved: 5 });
    }
  });

  it('checks a credit-limited customer once across a batch and a single confirm racing it', async () => {
    for (let round = 0; round < 4; round += 1) {
      const asset = await rest().createAsset({ listPrice: 1000 }, { quantity: 100, unitCost: 100 });
      const customer = await rest().createCustomer({ creditLimit: 10000 });
      const [a, b, c] = await createDraftOrders(
        [1, 2, 3].map(() => ({
          customer: customer.documentId,
          orderDate: '2026-12-01',
          lines: [{ asset: asset.documentId, quantity: 4 }],
        })),
      );
      const [batch, single] = await Promise.all([
        outcomeOf(
          confirmOrders(strapi, [{ documentId: a.documentId }, { documentId: b.documentId }]),
        ),
        Promise.resolve(rest().post(`/api/orders/${c.documentId}/confirm`)),
      ]);
      // 4,000 each against 10,000: the batch (8,000) or the single one (4,000), never both.
      expect(batch.ok).toBe(single.status === 409);
      if (!batch.ok) {
        expect(batch).toMatchObject({
          kind: 'conflict',
          message: expect.stringContaining(customer.code),
        });
      } else {
        expect(single.body.error.message).toContain(customer.code);
      }
      const statuses = await statusesOf([a.documentId, b.documentId, c.documentId]);
      const confirmed = [...statuses.values()].filter((status) => status === 'confirmed');
      expect(confirmed.length).toBe(batch.ok ? 2 : 1);
      expect(await stockLevels(strapi, asset.documentId)).toMatchObject({
        reserved: 4 * confirmed.length,
      });
    }
  });

  it('keeps invoice numbers gap-free while batches, a refused batch and single fulfils run at once', async () => {
    const asset = await rest().createAsset({ listPrice: 500 }, { quantity: 200, unitCost: 100 });
    const customer = await rest().createCustomer();
    const drafts = await createDraftOrders(
      Array.from({ length: 31 }, () => ({
        customer: customer.documentId,
        orderDate: '2026-12-01',
        lines: [{ asset: asset.documentId, quantity: 1 }],
      })),
    );
    const ids = drafts.map((draft) => draft.documentId);
    await confirmOrders(
      strapi,
      ids.slice(0, 30).map((documentId) => ({ documentId })),
    );
    const before = await invoiceNumbers();
    const [first, second, refused, ...singles] = await Promise.all([
      outcomeOf(
        fulfilOrders(
          strapi,
          ids.slice(0, 10).map((documentId) => ({ documentId })),
        ),
      ),
      outcomeOf(
        fulfilOrders(
          strapi,
          ids.slice(10, 20).map((documentId) => ({ documentId })),
        ),
      ),
      // The last order of this batch is still a draft: the batch is refused whole.
      outcomeOf(
        fulfilOrders(
          strapi,
          [ids[25], ids[26], ids[30]].map((documentId) => ({ documentId })),
        ),
      ),
      ...ids.slice(20, 25).map((id) => Promise.resolve(rest().post(`/api/orders/${id}/fulfil`))),
    ]);
    expect(first).toEqual({ ok: true });
    expect(second).toEqual({ ok: true });
    expect(refused).toMatchObject({ ok: false, code: 'transition_not_allowed' });
    expect(singles.map((res) => res.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await invoiceNumbers()).length).toBe(before.length + 25);
    await expectInvoiceNumbersGapFree();
    const statuses = await statusesOf(ids);
    expect([ids[25], ids[26]].map((id) => statuses.get(id))).toEqual(['confirmed', 'confirmed']);
    // Within one batch the numbers follow the order given.
    const rows = await strapi.db.query('api::order.order').findMany({
      where: { documentId: { $in: ids.slice(0, 10) } },
      select: ['documentId', 'invoiceNumber'],
    });
    const numberOf = new Map(
      rows.map((row) => [row.documentId, Number(String(row.invoiceNumber).slice(4))]),
    );
    const batchNumbers = ids.slice(0, 10).map((id) => numberOf.get(id) as number);
    expect(batchNumbers).toEqual(batchNumbers.map((_, index) => batchNumbers[0] + index));
  });

  it('takes several payments of one order in a batch racing a single payment, never beyond what is owed', async () => {
    for (let round = 0; round < 4; round += 1) {
      const asset = await rest().createAsset({ listPrice: 1000 }, { quantity: 10, unitCost: 100 });
      const [order] = await createDraftOrders([
        {
          customer: (await rest().createCustomer()).documentId,
          orderDate: '2026-12-01',
          lines: [{ asset: asset.documentId, quantity: 5 }],
        },
      ]);
      await confirmOrders(strapi, [{ documentId: order.documentId }]);
      const pay = (amount: number) => ({
        documentId: order.documentId,
        amount,
        method: 'card' as const,
        date: '2026-12-02',
      });
      const [batch, single] = await Promise.all([
        outcomeOf(payOrders(strapi, [pay(2000), pay(1500), pay(1000)])),
        Promise.resolve(
          rest().post(`/api/orders/${order.documentId}/payments`, {
            amount: 1000,
            method: 'cash',
            date: '2026-12-02',
          }),
        ),
      ]);
      // 5,000 owed: the batch (4,500) and the single payment (1,000) cannot both go through.
      expect(batch.ok).toBe(single.status === 409);
      const paid = await strapi.db
        .connection('payments')
        .where({ order_document_id: order.documentId, kind: 'payment' })
        .sum({ total: 'amount' });
      expect(fromDatabase(paid[0].total)).toBe(batch.ok ? 4500 : 1000);
      const stored = await strapi.db
        .query('api::order.order')
        .findOne({ where: { documentId: order.documentId }, select: ['paymentStatus'] });
      expect(stored.paymentStatus).toBe('partially_paid');
    }
  });
});

onPostgres('batches larger than one in-list (PostgreSQL)', () => {
  it('creates, confirms, fulfils and pays 600 orders in one batch each while single requests race it', async () => {
    const assets: { documentId: string }[] = [];
    for (let i = 0; i < 3; i += 1) {
      assets.push(await rest().createAsset({ listPrice: 700 }, { quantity: 1000, unitCost: 300 }));
    }
    const customers: { documentId: string }[] = [];
    for (let i = 0; i < 3; i += 1) {
      customers.push(await rest().createCustomer());
    }
    let started = Date.now();
    const drafts = await createDraftOrders(
      Array.from({ length: 600 }, (_, i) => ({
        customer: customers[i % 3].documentId,
        orderDate: '2026-12-01',
        lines: [
          { asset: assets[i % 3].documentId, quantity: 1 },
          { asset: assets[(i + 1) % 3].documentId, quantity: 1 },
        ],
      })),
    );
    const timings: Record<string, number> = { create: Date.now() - started };
    const ids = drafts.map((draft) => draft.documentId);
    // Single confirms of orders in the second chunk of the batch's locks, sent while it runs.
    const raced = [ids[550], ids[599], ids[3]];
    started = Date.now();
    const [batch, ...singles] = await Promise.all([
      outcomeOf(
        confirmOrders(
          strapi,
          ids.map((documentId) => ({ documentId })),
        ),
      ),
      ...raced.map((id) => Promise.resolve(rest().post(`/api/orders/${id}/confirm`))),
    ]);
    timings.confirm = Date.now() - started;
    const statuses = await statusesOf(ids);
    if (batch.ok) {
      expect(singles.map((res) => res.status)).toEqual([409, 409, 409]);
      expect([...statuses.values()].every((status) => status === 'confirmed')).toBe(true);
    } else {
      expect(batch).toMatchObject({ code: 'transition_not_allowed' });
      const confirmedNow = ids.filter((id) => statuses.get(id) === 'confirmed');
      expect(confirmedNow.sort()).toEqual(raced.filter((_, i) => singles[i].status === 200).sort());
      await confirmOrders(
        strapi,
        ids.filter((id) => statuses.get(id) === 'draft').map((documentId) => ({ documentId })),
      );
    }
    for (const asset of assets) {
      expect(await stockLevels(strapi, asset.documentId)).toMatchObject({ reserved: 400 });
    }
    const invoicesBefore = (await invoiceNumbers()).length;
    started = Date.now();
    await fulfilOrders(
      strapi,
      ids.map((documentId) => ({ documentId })),
    );
    timings.fulfil = Date.now() - started;
    await expectInvoiceNumbersGapFree();
    expect((await invoiceNumbers()).length).toBe(invoicesBefore + 600);
    started = Date.now();
    const payments = await payOrders(
      strapi,
      ids.flatMap((documentId) => [
        { documentId, amount: 1000, method: 'card' as const, date: '2026-12-03' },
        { documentId, amount: 400, method: 'cash' as const, date: '2026-12-03' },
      ]),
    );
    timings.pay = Date.now() - started;
    expect(payments).toHaveLength(1200);
    const paid = await strapi.db.query('api::order.order').count({
      where: { documentId: { $in: ids.slice(0, 500) }, paymentStatus: 'paid' },
    });
    expect(paid).toBe(500);
    for (const asset of assets) {
      expect(await stockLevels(strapi, asset.documentId)).toMatchObject({
        onHand: 600,
        reserved: 0,
        stockValue: 600 * 300,
      });
    }
    console.log(`[review] 600 orders: ${JSON.stringify(timings)} ms`);
  });
});

describe('batches naming more customers and assets than one in-list', () => {
  it('confirms 600 orders of 600 credit-limited customers on 600 assets in one batch', async () => {
    const tag = crypto.randomBytes(3).toString('hex');
    const many = (uid: string, rows: Record<string, unknown>[]) =>
      strapi.db.query(uid as never).createMany({ data: rows });
    await many(
      'api::customer.customer',
      Array.from({ length: 600 }, (_, i) => ({
        code: `M${tag}${i}`,
        companyName: `Many ${i}`,
        creditLimit: i === 599 ? 1799 : 100000,
        currency: 'USD',
      })),
    );
    await many(
      'api::asset.asset',
      Array.from({ length: 600 }, (_, i) => ({
        sku: `M-${tag}-${i}`,
        name: `Many ${i}`,
        listPrice: 1800,
        currency: 'USD',
        allowBackorders: true,
      })),
    );
    const customers = await strapi.db.query('api::customer.customer').findMany({
      where: { code: { $startsWith: `M${tag}` } },
      select: ['documentId', 'code'],
    });
    const assets = await strapi.db.query('api::asset.asset').findMany({
      where: { sku: { $startsWith: `M-${tag}-` } },
      select: ['documentId', 'sku'],
    });
    const customerOf = new Map(customers.map((row) => [row.code, row.documentId as string]));
    const assetOf = new Map(assets.map((row) => [row.sku, row.documentId as string]));
    // Listed backwards, so that the order given is not the id order of anything.
    const drafts = await createDraftOrders(
      Array.from({ length: 600 }, (_, k) => {
        const i = 599 - k;
        return {
          customer: customerOf.get(`M${tag}${i}`) as string,
          orderDate: '2026-12-01',
          lines: [{ asset: assetOf.get(`M-${tag}-${i}`) as string, quantity: 1 }],
        };
      }),
    );
    const requests = drafts.map(({ documentId }) => ({ documentId }));
    // The first order named is for the customer whose limit (17.99) is short of its 18.00.
    const before = await orderSnapshot(strapi);
    await expect(confirmOrders(strapi, requests)).rejects.toMatchObject({
      code: 'credit_limit_exceeded',
      message: `Order ${drafts[0].number}: Confirming would take customer M${tag}599 to 1800, over the credit limit of 1799`,
    });
    expect(await orderSnapshot(strapi)).toEqual(before);
    await confirmOrders(strapi, requests.slice(1));
    const statuses = await statusesOf(drafts.map((draft) => draft.documentId));
    expect([...statuses.values()].filter((status) => status === 'confirmed')).toHaveLength(599);
    const levels = await strapi.db.query('api::asset.asset').findMany({
      where: { sku: { $startsWith: `M-${tag}-` } },
      select: ['sku', 'reserved', 'available'],
    });
    expect(levels.filter((row) => row.reserved === 1 && row.available === -1)).toHaveLength(599);
  });
});

describe('the credit limit', () => {
  it('never counts an order being fulfilled twice in the credit check of a confirmation racing it', async () => {
    for (let round = 0; round < 6; round += 1) {
      const asset = await rest().createAsset({ listPrice: 1000 }, { quantity: 100, unitCost: 100 });
      const customer = await rest().createCustomer({ creditLimit: 10000 });
      const [a, b] = await createDraftOrders(
        [6, 4].map((quantity) => ({
          customer: customer.documentId,
          orderDate: '2026-12-01',
          lines: [{ asset: asset.documentId, quantity }],
        })),
      );
      expect((await rest().post(`/api/orders/${a.documentId}/confirm`)).status).toBe(200);
      // 6,000 confirmed (or receivable once fulfilled) + 4,000 is exactly the limit; counting the
      // 6,000 both as confirmed and as receivable would be 16,000.
      const [fulfil, confirm] = await Promise.all([
        rest().post(`/api/orders/${a.documentId}/fulfil`),
        rest().post(`/api/orders/${b.documentId}/confirm`),
      ]);
      expect([fulfil.status, confirm.status, confirm.body.error?.message]).toEqual([
        200,
        200,
        undefined,
      ]);
    }
  });

  // NOTE: PostgreSQL only: SQLite has no row locks (it serializes writers instead).
  onPostgresIt(
    "makes a fulfilment wait for a credit check holding its order's customer",
    async () => {
      const asset = await rest().createAsset({ listPrice: 1000 }, { quantity: 100, unitCost: 100 });
      const customer = await rest().createCustomer({ creditLimit: 10000 });
      const [order] = await createDraftOrders([
        {
          customer: customer.documentId,
          orderDate: '2026-12-01',
          lines: [{ asset: asset.documentId, quantity: 3 }],
        },
      ]);
      expect((await rest().post(`/api/orders/${order.documentId}/confirm`)).status).toBe(200);
      // The lock a confirmation's credit check takes on the customer, held on a connection of its own.
      const checking = await strapi.db.connection.transaction();
      let fulfilment: Promise<{ status: number }> | undefined;
      try {
        await checking('customers').where({ document_id: customer.documentId }).forNoKeyUpdate();
        fulfilment = Promise.resolve(rest().post(`/api/orders/${order.documentId}/fulfil`));
        await waitForLockWait('customers');
        expect((await statusesOf([order.documentId])).get(order.documentId)).toBe('confirmed');
      } finally {
        await checking.commit();
      }
      expect((await fulfilment).status).toBe(200);
      expect((await statusesOf([order.documentId])).get(order.documentId)).toBe('fulfilled');
    },
  );

  it('counts every other confirmed order of the customer, also when two have the same total', async () => {
    const asset = await rest().createAsset({ listPrice: 1000 }, { quantity: 100, unitCost: 100 });
    const customer = await rest().createCustomer({ creditLimit: 10000 });
    const [a, b, c] = await createDraftOrders(
      [1, 2, 3].map(() => ({
        customer: customer.documentId,
        orderDate: '2026-12-01',
        lines: [{ asset: asset.documentId, quantity: 4 }],
      })),
    );
    expect((await rest().post(`/api/orders/${a.documentId}/confirm`)).status).toBe(200);
    expect((await rest().post(`/api/orders/${b.documentId}/confirm`)).status).toBe(200);
    const before = await orderSnapshot(strapi);
    const refused = await rest().post(`/api/orders/${c.documentId}/confirm`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      `Confirming would take customer ${customer.code} to 12000, over the credit limit of 10000`,
    );
    await expect(confirmOrders(strapi, [{ documentId: c.documentId }])).rejects.toMatchObject({
      code: 'credit_limit_exceeded',
    });
    expect(await orderSnapshot(strapi)).toEqual(before);
  });
});

describe('refused batches', () => {
  it('refuses a fulfilment batch whose later order cannot ship, and changes nothing, invoice counter included', async () => {
    const plenty = await rest().createAsset({}, { quantity: 10, unitCost: 100 });
    const backordered = await rest().createAsset(
      { allowBackorders: true },
      { quantity: 1, unitCost: 100 },
    );
    const customer = await rest().createCustomer();
    const [first, second] = await createDraftOrders([
      {
        customer: customer.documentId,
        orderDate: '2026-12-01',
        lines: [{ asset: plenty.documentId, quantity: 2 }],
      },
      {
        customer: customer.documentId,
        orderDate: '2026-12-01',
        lines: [{ asset: backordered.documentId, quantity: 3 }],
      },
    ]);
    await confirmOrders(strapi, [
      { documentId: first.documentId },
      { documentId: second.documentId },
    ]);
    const before = await orderSnapshot(strapi);
    const counter = await strapi.db
      .query('api::sequence.sequence')
      .findOne({ where: { name: 'invoice' } });
    await expect(
      fulfilOrders(strapi, [{ documentId: first.documentId }, { documentId: second.documentId }]),
    ).rejects.toMatchObject({ kind: 'conflict', code: 'insufficient_on_hand' });
    expect(await orderSnapshot(strapi)).toEqual(before);
    expect(
      await strapi.db.query('api::sequence.sequence').findOne({ where: { name: 'invoice' } }),
    ).toMatchObject({ value: counter.value });
  });

  it('refuses a batch that names an order that does not exist, naming it, and changes nothing', async () => {
    const asset = await rest().createAsset({}, { quantity: 10, unitCost: 100 });
    const [draft] = await createDraftOrders([
      {
        customer: (await rest().createCustomer()).documentId,
        orderDate: '2026-12-01',
        lines: [{ asset: asset.documentId, quantity: 1 }],
      },
    ]);
    const before = await orderSnapshot(strapi);
    await expect(
      confirmOrders(strapi, [
        { documentId: draft.documentId },
        { documentId: 'nosuchorder0000000000000' },
      ]),
    ).rejects.toMatchObject({
      kind: 'not_found',
      message: 'No order nosuchorder0000000000000',
    });
    expect(await orderSnapshot(strapi)).toEqual(before);
  });
});
