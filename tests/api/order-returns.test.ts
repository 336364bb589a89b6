import type { Core } from '@strapi/strapi';
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
import { startTestApp, type TestApp } from '../harness/strapi';

let app: TestApp;
let strapi: Core.Strapi;
let rest: OrderClient;
let auth: string;

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
  auth = await fullAccessToken(strapi);
  rest = orderClient(strapi, auth);
});
afterAll(async () => app?.stop());

type Disposition = 'restock' | 'writeOff';

/**
 * A fulfilled order of 7 units at 13.57 with 8% tax and 4.00 freight, from stock received at
 * 10.00 a unit: line net 9499, tax 760, cost 7000.
 */
async function fulfilledOrder(quantity = 7) {
  const asset = await rest.createAsset({ listPrice: 1357 }, { quantity: 20, unitCost: 1000 });
  const order = await rest.createOrder([{ asset: asset.documentId, quantity, taxRate: '0.08' }], {
    freight: 400,
  });
  for (const action of ['confirm', 'fulfil']) {
    const res = await rest.post(`/api/orders/${order.documentId}/${action}`, {
      date: '2026-12-02',
    });
    expect(res.status).toBe(200);
  }
  return { asset, order };
}

const returnOf = (
  orderId: string,
  lines: { lineNo: number; quantity: number; disposition: Disposition }[],
  extra: Record<string, unknown> = {},
  key?: string,
) => rest.post(`/api/orders/${orderId}/returns`, { lines, date: '2026-12-05', ...extra }, key);

async function entryLines(key: string) {
  const rows = await strapi.db
    .connection('journal_lines')
    .where({ entry_key: key })
    .orderBy('account_code')
    .select('account_code', 'debit', 'credit');
  return rows.map((row: { account_code: string; debit: unknown; credit: unknown }) => ({
    account: row.account_code,
    debit: fromDatabase(row.debit),
    credit: fromDatabase(row.credit),
  }));
}

const orderRow = (documentId: string) =>
  strapi.db
    .query('api::order.order')
    .findOne({ where: { documentId }, select: ['orderStatus', 'paymentStatus', 'total'] });

describe('returns and credit notes', () => {
  it('credits 3 of 7 then 4 of 7 units to exactly the line, restocking and writing off', async () => {
    const { asset, order } = await fulfilledOrder();
    const line = (await rest.get(`/api/orders/${order.documentId}?populate=lines`)).body.data
      .lines[0];
    expect({ net: line.net, tax: line.tax }).toEqual({ net: 9499, tax: 760 });
    const before = await stockLevels(strapi, asset.documentId);

    const first = await returnOf(order.documentId, [
      { lineNo: 1, quantity: 3, disposition: 'restock' },
    ]);
    expect(first.status).toBe(201);
    const note1 = first.body.data.creditNote;
    expect(note1.number).toMatch(/^CN-\d{6}$/);
    // 9499 × 3/7 = 4071, 760 × 3/7 = 326, cost 7000 × 3/7 = 3000
    expect(note1).toMatchObject({ subtotal: 4071, taxTotal: 326, freight: 0, total: 4397 });
    expect(note1.lines[0]).toMatchObject({ lineNo: 1, quantity: 3, net: 4071, tax: 326 });
    expect(note1.restockValue).toBe(3000);
    expect(first.body.data.order.orderStatus).toBe('fulfilled');
    expect(await entryLines(`credit-note:${note1.number}`)).toEqual([
      { account: '1100', debit: 0, credit: 4397 },
      { account: '2200', debit: 326, credit: 0 },
      { account: '4000', debit: 4071, credit: 0 },
    ]);
    expect(await entryLines(`return-stock:${note1.number}`)).toEqual([
      { account: '1200', debit: 3000, credit: 0 },
      { account: '5000', debit: 0, credit: 3000 },
    ]);
    expect(await stockLevels(strapi, asset.documentId)).toEqual({
      ...before,
      onHand: before.onHand + 3,
      available: before.available + 3,
      stockValue: before.stockValue + 3000,
    });

    const second = await returnOf(
      order.documentId,
      [{ lineNo: 1, quantity: 4, disposition: 'writeOff' }],
      { freight: 400 },
    );
    expect(second.status).toBe(201);
    const note2 = second.body.data.creditNote;
    expect(note2).toMatchObject({ subtotal: 9499 - 4071, taxTotal: 760 - 326, freight: 400 });
    expect(note2.restockValue).toBe(0);
    expect(Number(note2.number.slice(3))).toBe(Number(note1.number.slice(3)) + 1);
    expect(note1.subtotal + note2.subtotal).toBe(line.net);
    expect(note1.taxTotal + note2.taxTotal).toBe(line.tax);
    expect(note1.total + note2.total).toBe(order.total);
    // Written-off units move no stock and post no reversed cost.
    expect(await entryLines(`return-stock:${note2.number}`)).toEqual([]);
    expect((await stockLevels(strapi, asset.documentId)).onHand).toBe(before.onHand + 3);
    expect(second.body.data.order.orderStatus).toBe('returned');

    const listed = await rest.get(`/api/orders/${order.documentId}/credit-notes`);
    expect(listed.body.data.map((note: { number: string }) => note.number)).toEqual([
      note1.number,
      note2.number,
    ]);
    const movements = await rest.get(`/api/orders/${order.documentId}/movements`);
    expect(movements.body.data.map((m: { reason: string }) => m.reason)).toEqual([
      'reserve',
      'fulfil',
      'restock',
    ]);
  });

  it('refuses an eighth unit, a return on an unfulfilled order and bad input, changing nothing', async () => {
    const { order } = await fulfilledOrder();
    expect(
      (await returnOf(order.documentId, [{ lineNo: 1, quantity: 7, disposition: 'restock' }]))
        .status,
    ).toBe(201);
    const before = await orderSnapshot(strapi);

    expectRefusal(
      await returnOf(order.documentId, [{ lineNo: 1, quantity: 1, disposition: 'restock' }]),
      409,
      'ConflictError',
      `Order ${order.number} is returned: every fulfilled unit is already back`,
    );

    const partly = await fulfilledOrder();
    const snapshotBefore = await orderSnapshot(strapi);
    expectRefusal(
      await returnOf(partly.order.documentId, [{ lineNo: 1, quantity: 8, disposition: 'restock' }]),
      409,
      'ConflictError',
      `Returning 8 of line 1 on order ${partly.order.number} exceeds the 7 fulfilled and not yet returned`,
    );
    expectRefusal(
      await returnOf(
        partly.order.documentId,
        [{ lineNo: 1, quantity: 1, disposition: 'restock' }],
        {
          freight: 401,
        },
      ),
      409,
      'ConflictError',
      `Crediting 401 of freight on order ${partly.order.number} exceeds the 400 not yet credited`,
    );
    expect(await orderSnapshot(strapi)).toEqual(snapshotBefore);

    const asset = await rest.createAsset({}, { quantity: 5, unitCost: 100 });
    const draft = await rest.createOrder([{ asset: asset.documentId, quantity: 1 }]);
    const draftBefore = await orderSnapshot(strapi);
    expectRefusal(
      await returnOf(draft.documentId, [{ lineNo: 1, quantity: 1, disposition: 'restock' }]),
      409,
      'ConflictError',
      `Order ${draft.number} is draft: only a fulfilled order can take returns`,
    );
    expectRefusal(
      await returnOf(partly.order.documentId, [{ lineNo: 1, quantity: 0, disposition: 'restock' }]),
      400,
      'ValidationError',
      'data.lines[0].quantity: must be a positive whole number',
    );
    expectRefusal(
      await returnOf(partly.order.documentId, [
        { lineNo: 1, quantity: 1, disposition: 'lost' as Disposition },
      ]),
      400,
      'ValidationError',
      'data.lines[0].disposition: must be restock (back on the shelf) or writeOff (not resaleable)',
    );
    expectRefusal(
      await returnOf(partly.order.documentId, [{ lineNo: 2, quantity: 1, disposition: 'restock' }]),
      400,
      'ValidationError',
      `data.lines[0].lineNo: order ${partly.order.number} has no line 2`,
    );
    expectRefusal(
      await rest.post('/api/orders/zzzzzzzzzzzzzzzzzzzzzzzz/returns', {
        lines: [{ lineNo: 1, quantity: 1, disposition: 'restock' }],
      }),
      404,
      'NotFoundError',
      'No order zzzzzzzzzzzzzzzzzzzzzzzz',
    );
    expect(await orderSnapshot(strapi)).toEqual(draftBefore);
    expect(before.creditNotes).toBe(draftBefore.creditNotes);
  });

  it('lets one of two concurrent returns through when together they exceed what was fulfilled', async () => {
    const { order } = await fulfilledOrder();
    const results = await Promise.all(
      [4, 4].map((quantity) =>
        returnOf(order.documentId, [{ lineNo: 1, quantity, disposition: 'restock' }]),
      ),
    );
    expect(results.map((res) => res.status).sort()).toEqual([201, 409]);
    const refused = results.find((res) => res.status === 409) as (typeof results)[number];
    expectRefusal(
      refused,
      409,
      'ConflictError',
      `Returning 4 of line 1 on order ${order.number} exceeds the 3 fulfilled and not yet returned`,
    );
    const notes = await strapi.db
      .query('api::order.credit-note')
      .findMany({ where: { orderDocumentId: order.documentId }, populate: { lines: true } });
    expect(
      notes.flatMap((note) => note.lines.map((l: { quantity: number }) => l.quantity)),
    ).toEqual([4]);
  });

  it('has its effect once when repeated with the same Idempotency-Key', async () => {
    const { asset, order } = await fulfilledOrder();
    const lines = [{ lineNo: 1, quantity: 2, disposition: 'restock' as const }];
    const before = await stockLevels(strapi, asset.documentId);
    const first = await returnOf(order.documentId, lines, {}, `return-${order.documentId}`);
    const again = await returnOf(order.documentId, lines, {}, `return-${order.documentId}`);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await stockLevels(strapi, asset.documentId)).onHand).toBe(before.onHand + 2);
    expect(again.body.data.creditNote.number).toBe(first.body.data.creditNote.number);
    expect(
      await strapi.db
        .query('api::order.credit-note')
        .count({ where: { orderDocumentId: order.documentId } }),
    ).toBe(1);
  });

  it('follows payments, returns and refunds through the payment statuses of the brief', async () => {
    const { order } = await fulfilledOrder();
    const pay = (amount: number, kind: 'payments' | 'refunds' = 'payments') =>
      rest.post(`/api/orders/${order.documentId}/${kind}`, { amount, method: 'bank-transfer' });
    const status = async () => (await orderRow(order.documentId)).paymentStatus;

    expect(await status()).toBe('unpaid');
    expect((await pay(order.total)).status).toBe(201);
    expect(await status()).toBe('paid');

    const first = await returnOf(order.documentId, [
      { lineNo: 1, quantity: 3, disposition: 'restock' },
    ]);
    const credited = first.body.data.creditNote.total;
    expect(await status()).toBe('credit_due');
    expectRefusal(
      await pay(1),
      409,
      'ConflictError',
      `Payment of 1 on order ${order.number} exceeds the 0 still owed`,
    );
    expect((await pay(credited, 'refunds')).status).toBe(201);
    expect(await status()).toBe('paid');

    const rest4 = await returnOf(
      order.documentId,
      [{ lineNo: 1, quantity: 4, disposition: 'restock' }],
      { freight: 400 },
    );
    expect(rest4.status).toBe(201);
    expect(await orderRow(order.documentId)).toMatchObject({
      orderStatus: 'returned',
      paymentStatus: 'credit_due',
    });
    expectRefusal(
      await pay(1),
      409,
      'ConflictError',
      `Order ${order.number} is returned: payments are taken on confirmed or fulfilled orders`,
    );
    expect((await pay(order.total - credited, 'refunds')).status).toBe(201);
    expect(await status()).toBe('refunded');
    // The customer owes nothing and holds nothing: the receivable is back to zero.
    const customerId = (
      await strapi.db
        .query('api::order.order')
        .findOne({ where: { documentId: order.documentId }, populate: { customer: true } })
    ).customer.documentId;
    const receivable = await strapi.db
      .connection('journal_lines')
      .join('journal_entries', 'journal_entries.entry_key', 'journal_lines.entry_key')
      .where('journal_lines.account_code', '1100')
      .andWhere('journal_entries.customer_document_id', customerId)
      .sum({ debit: 'journal_lines.debit', credit: 'journal_lines.credit' });
    expect(fromDatabase(receivable[0].debit) - fromDatabase(receivable[0].credit)).toBe(0);
  });

  it('leaves a partly returned, unpaid order owing the invoice minus the credit', async () => {
    const { order } = await fulfilledOrder();
    const res = await returnOf(order.documentId, [
      { lineNo: 1, quantity: 1, disposition: 'writeOff' },
    ]);
    const owed = order.total - res.body.data.creditNote.total;
    expect(await orderRow(order.documentId)).toMatchObject({ paymentStatus: 'unpaid' });
    expectRefusal(
      await rest.post(`/api/orders/${order.documentId}/payments`, {
        amount: owed + 1,
        method: 'cash',
      }),
      409,
      'ConflictError',
      `Payment of ${owed + 1} on order ${order.number} exceeds the ${owed} still owed`,
    );
    expect(
      (
        await rest.post(`/api/orders/${order.documentId}/payments`, {
          amount: owed,
          method: 'cash',
        })
      ).status,
    ).toBe(201);
    expect((await orderRow(order.documentId)).paymentStatus).toBe('paid');
  });

  it('emits the return in its transaction: a failing listener leaves nothing behind', async () => {
    const { order } = await fulfilledOrder();
    const seen: unknown[] = [];
    const stopSeeing = strapi.eventHub.on('middlepath.return.recorded', async (payload) => {
      seen.push(payload);
    });
    const ok = await returnOf(order.documentId, [
      { lineNo: 1, quantity: 1, disposition: 'restock' },
    ]);
    stopSeeing();
    expect(seen).toEqual([
      {
        orderDocumentId: order.documentId,
        customerDocumentId: expect.any(String),
        creditNoteNumber: ok.body.data.creditNote.number,
      },
    ]);

    const before = await orderSnapshot(strapi);
    const before1200 = await ledgerBalance(strapi, '1200');
    const stopFailing = strapi.eventHub.on('middlepath.return.recorded', async () => {
      throw new Error('listener failed');
    });
    try {
      const failed = await returnOf(order.documentId, [
        { lineNo: 1, quantity: 1, disposition: 'restock' },
      ]);
      expect(failed.status).toBe(500);
    } finally {
      stopFailing();
    }
    expect(await orderSnapshot(strapi)).toEqual(before);
    expect(await ledgerBalance(strapi, '1200')).toBe(before1200);
  });

  it('refuses edits and deletes of credit notes, and a create that names no order', async () => {
    const { order } = await fulfilledOrder();
    const recorded = await returnOf(order.documentId, [
      { lineNo: 1, quantity: 1, disposition: 'restock' },
    ]);
    const documentId = recorded.body.data.creditNote.documentId as string;
    const before = await orderSnapshot(strapi);
    const notes = strapi.documents('api::order.credit-note');
    const refused =
      'Credit notes are issued by returns and are never edited or deleted; record another return instead';
    await expect(notes.update({ documentId, data: { total: 1 } as never })).rejects.toMatchObject({
      message: refused,
    });
    await expect(notes.delete({ documentId })).rejects.toMatchObject({ message: refused });
    await expect(
      notes.create({ data: { number: 'CN-FAKE', total: 1 } as never }),
    ).rejects.toMatchObject({
      message: 'order: choose the fulfilled order the goods come back from',
    });
    expect(await orderSnapshot(strapi)).toEqual(before);
    const stored = await strapi.db
      .query('api::order.credit-note')
      .findOne({ where: { documentId } });
    expect(fromDatabase(stored.total)).toBe(recorded.body.data.creditNote.total);
  });
});

describe('what an adversarial review of returns found', () => {
  it('credits freight left over once every unit is back, and nothing more', async () => {
    const { order } = await fulfilledOrder();
    const all = await returnOf(order.documentId, [
      { lineNo: 1, quantity: 7, disposition: 'restock' },
    ]);
    expect(all.body.data.order.orderStatus).toBe('returned');
    const freightOnly = await returnOf(order.documentId, [], { freight: 400 });
    expect(freightOnly.status).toBe(201);
    expect(freightOnly.body.data.creditNote).toMatchObject({ freight: 400, total: 400 });
    expect(freightOnly.body.data.order.orderStatus).toBe('returned');
    expect(await entryLines(`credit-note:${freightOnly.body.data.creditNote.number}`)).toEqual([
      { account: '1100', debit: 0, credit: 400 },
      { account: '4100', debit: 400, credit: 0 },
    ]);
    const before = await orderSnapshot(strapi);
    expectRefusal(
      await returnOf(order.documentId, [], { freight: 1 }),
      409,
      'ConflictError',
      `Crediting 1 of freight on order ${order.number} exceeds the 0 not yet credited`,
    );
    expectRefusal(
      await returnOf(order.documentId, []),
      400,
      'ValidationError',
      'data.lines: a return needs at least one line, or freight to credit',
    );
    expect(await orderSnapshot(strapi)).toEqual(before);
  });

  it('refuses a return dated before the invoice, and a body with more than its data', async () => {
    const { order } = await fulfilledOrder();
    const before = await orderSnapshot(strapi);
    expectRefusal(
      await returnOf(order.documentId, [{ lineNo: 1, quantity: 1, disposition: 'restock' }], {
        date: '2026-12-01',
      }),
      400,
      'ValidationError',
      `data.date: must not be before the invoice date 2026-12-02 of order ${order.number}`,
    );
    const extra = await api(strapi)
      .post(`/api/orders/${order.documentId}/returns`)
      .set('Authorization', auth)
      .send({ data: { lines: [{ lineNo: 1, quantity: 1, disposition: 'restock' }] }, extra: 1 });
    expectRefusal(
      extra,
      400,
      'ValidationError',
      'extra: unknown field; the request body must be { "data": { … } }',
    );
    expect(await orderSnapshot(strapi)).toEqual(before);
  });

  it('pages through an order journal longer than one page', async () => {
    const { order } = await fulfilledOrder();
    const journal = (query = '') => rest.get(`/api/orders/${order.documentId}/journal${query}`);
    const all = await journal();
    expect(all.body.data).toHaveLength(2);
    const first = await journal('?pagination[pageSize]=1');
    const second = await journal('?pagination[pageSize]=1&pagination[page]=2');
    expect(first.body.meta.pagination).toMatchObject({ page: 1, pageSize: 1, pageCount: 2 });
    expect([first.body.data[0].entryKey, second.body.data[0].entryKey].sort()).toEqual(
      all.body.data.map((entry: { entryKey: string }) => entry.entryKey).sort(),
    );
  });

  it('invoices an order given away whole at 0 without a journal entry', async () => {
    const asset = await rest.createAsset({ listPrice: 500 }, { quantity: 3, unitCost: 200 });
    const order = await rest.createOrder([{ asset: asset.documentId, quantity: 2, discount: '1' }]);
    expect(order.total).toBe(0);
    for (const action of ['confirm', 'fulfil']) {
      const res = await rest.post(`/api/orders/${order.documentId}/${action}`, {
        date: '2026-12-02',
      });
      expect([action, res.status]).toEqual([action, 200]);
    }
    const fulfilled = await rest.get(`/api/orders/${order.documentId}`);
    expect(fulfilled.body.data.invoiceNumber).toMatch(/^INV-\d{6}$/);
    expect(await entryLines(`invoice:${order.documentId}`)).toEqual([]);
    // The goods still left the shelf at their cost.
    expect(await entryLines(`cost:${order.documentId}`)).toEqual([
      { account: '1200', debit: 0, credit: 400 },
      { account: '5000', debit: 400, credit: 0 },
    ]);
  });
});

describe('domain events', () => {
  it('tells listeners about saved customers and assets, fulfilments, payments and refunds', async () => {
    const seen: { name: string; payload: Record<string, unknown> }[] = [];
    const names = [
      'middlepath.customer.saved',
      'middlepath.asset.saved',
      'middlepath.order.fulfilled',
      'middlepath.payment.recorded',
      'middlepath.refund.recorded',
    ];
    const stops = names.map((name) =>
      strapi.eventHub.on(name, async (payload: Record<string, unknown>) => {
        seen.push({ name, payload });
      }),
    );
    try {
      const { asset, order } = await fulfilledOrder();
      await rest.post(`/api/orders/${order.documentId}/payments`, { amount: 100, method: 'cash' });
      await rest.post(`/api/orders/${order.documentId}/refunds`, { amount: 40, method: 'cash' });
      const invoiceNumber = (
        await strapi.db
          .query('api::order.order')
          .findOne({ where: { documentId: order.documentId }, select: ['invoiceNumber'] })
      ).invoiceNumber;
      expect(seen.map((event) => event.name)).toEqual([
        'middlepath.asset.saved',
        'middlepath.customer.saved',
        'middlepath.order.fulfilled',
        'middlepath.payment.recorded',
        'middlepath.refund.recorded',
      ]);
      expect(seen[0].payload).toEqual({ assetDocumentId: asset.documentId });
      expect(seen[2].payload).toEqual({
        orderDocumentId: order.documentId,
        customerDocumentId: seen[1].payload.customerDocumentId,
        invoiceNumber,
      });
      expect(seen[3].payload).toMatchObject({ orderDocumentId: order.documentId, amount: 100 });
      expect(seen[4].payload).toMatchObject({ amount: 40, paymentKey: expect.any(String) });
    } finally {
      stops.forEach((stop) => stop());
    }
  });
});
