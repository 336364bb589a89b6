import type { Core } from '@strapi/strapi';
import type { FakeBooksServer } from '../../tools/fake-books/src';
import { OUTBOX_UID, connectTo, startSyncBooks, syncOf } from '../harness/accounting-sync';
import { fullAccessToken } from '../harness/builders';
import { orderClient, type OrderClient } from '../harness/orders';
import { startTestApp, type TestApp } from '../harness/strapi';

/**
 * Money mirrored to the fake Zoho Books: a payment applied to its invoice (waiting for it when
 * it came first), a return as a credit note against the invoice and its refund, and money paid
 * on an order cancelled before fulfilment as an unapplied payment with its refund.
 */

const LIMITS = { requestsPerWindow: 100, windowMs: 2000 };

let app: TestApp;
let strapi: Core.Strapi;
let books: FakeBooksServer;
let orders: OrderClient;

const sync = () => syncOf(strapi);
const cents = (value: unknown) => Math.round(Number(value) * 100);

beforeAll(async () => {
  books = await startSyncBooks(LIMITS);
  app = await startTestApp();
  strapi = app.strapi;
  await sync().stopPolling();
  orders = orderClient(strapi, await fullAccessToken(strapi));
  await connectTo(strapi, books, LIMITS);
});

afterAll(async () => {
  await app?.stop();
  await books?.close();
});

async function confirmedOrder() {
  const asset = await orders.createAsset({ listPrice: 2000 }, { quantity: 20, unitCost: 800 });
  const order = await orders.createOrder([{ asset: asset.documentId, quantity: 3 }]);
  expect((await orders.post(`/api/orders/${order.documentId}/confirm`)).status).toBe(200);
  return order;
}

const pay = (documentId: string, kind: 'payments' | 'refunds', amount: number) =>
  orders.post(`/api/orders/${documentId}/${kind}`, { amount, method: 'bank-transfer' });

describe('accounting sync of payments, refunds and credit notes', () => {
  it('applies a prepayment to the invoice once the order is fulfilled and mirrored', async () => {
    const order = await confirmedOrder();
    expect((await pay(order.documentId, 'payments', 6000)).status).toBe(201);
    const early = await sync().drain(3_000);
    expect(early.pending).toBe(1); // the payment waits for its invoice
    expect(books.admin.documents('customerpayments')).toEqual([]);

    expect((await orders.post(`/api/orders/${order.documentId}/fulfil`)).status).toBe(200);
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });
    const [payment] = books.admin.documents('customerpayments');
    const [invoice] = books.admin.documents('invoices');
    expect(cents(payment?.amount)).toBe(6000);
    expect(payment?.invoices).toEqual([
      expect.objectContaining({ invoice_id: invoice?.invoice_id, amount_applied: 60 }),
    ]);
    expect(invoice?.status).toBe('paid');
  });

  it('mirrors a return as a credit note against the invoice, and its refund from it', async () => {
    const before = books.admin.documents('creditnotes').length;
    const order = await confirmedOrder();
    expect((await orders.post(`/api/orders/${order.documentId}/fulfil`)).status).toBe(200);
    expect((await pay(order.documentId, 'payments', 6000)).status).toBe(201);
    const returned = await orders.post(`/api/orders/${order.documentId}/returns`, {
      lines: [{ lineNo: 1, quantity: 1, disposition: 'restock' }],
    });
    expect(returned.status).toBe(201);
    expect((await pay(order.documentId, 'refunds', 2000)).status).toBe(201);
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });

    const notes = books.admin.documents('creditnotes');
    expect(notes).toHaveLength(before + 1);
    const note = notes.at(-1);
    const invoice = books.admin
      .documents('invoices')
      .find((doc) => doc.reference_number === order.number);
    expect(note).toMatchObject({ invoice_id: invoice?.invoice_id });
    expect(cents(note?.total)).toBe(2000);
    expect(note).toMatchObject({ balance: 0 }); // refunded in full
    const outbox = await strapi.db.query(OUTBOX_UID).findMany({
      where: { orderDocumentId: order.documentId },
      orderBy: { id: 'asc' },
    });
    expect(outbox.map((row) => [row.kind, row.state])).toEqual([
      ['invoice', 'synced'],
      ['payment', 'synced'],
      ['creditNote', 'synced'],
      ['refund', 'synced'],
    ]);
  });

  it('sends money paid on an order cancelled before fulfilment as an unapplied payment and its refund', async () => {
    const order = await confirmedOrder();
    const paid = await pay(order.documentId, 'payments', 1500);
    expect(paid.status).toBe(201);
    expect((await pay(order.documentId, 'refunds', 1500)).status).toBe(201);
    expect((await orders.post(`/api/orders/${order.documentId}/cancel`)).status).toBe(200);
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });

    const payment = books.admin
      .documents('customerpayments')
      .find((doc) => cents(doc.amount) === 1500);
    expect(payment).toMatchObject({ invoices: [], unused_amount: 0, amount_refunded: 15 });
  });

  it('refunds money applied to an invoice without a return by freeing it from the invoice first', async () => {
    const order = await confirmedOrder();
    expect((await orders.post(`/api/orders/${order.documentId}/fulfil`)).status).toBe(200);
    expect((await pay(order.documentId, 'payments', 6000)).status).toBe(201);
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });
    const invoiceOf = () =>
      books.admin.documents('invoices').find((doc) => doc.reference_number === order.number);
    expect(invoiceOf()).toMatchObject({ status: 'paid', balance: 0 });

    // Zoho refunds only a payment's unused part: the payment is applied in full here.
    expect((await pay(order.documentId, 'refunds', 2000)).status).toBe(201);
    expect((await pay(order.documentId, 'refunds', 500)).status).toBe(201);
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });

    const invoice = invoiceOf();
    const payment = books.admin
      .documents('customerpayments')
      .find(
        (doc) => doc.invoices && JSON.stringify(doc.invoices).includes(String(invoice?.invoice_id)),
      );
    expect(payment).toMatchObject({
      amount: 60,
      unused_amount: 0,
      amount_refunded: 25,
      invoices: [expect.objectContaining({ invoice_id: invoice?.invoice_id, amount_applied: 35 })],
    });
    // What is owed again matches our books: 60.00 invoiced, 35.00 net paid.
    expect(invoice).toMatchObject({ status: 'partially_paid', balance: 25 });
    const refunds = await strapi.db.query(OUTBOX_UID).findMany({
      where: { orderDocumentId: order.documentId, kind: 'refund' },
    });
    expect(refunds.map((row: { state: string }) => row.state)).toEqual(['synced', 'synced']);
  });

  it("dead-letters such a refund when the order was paid in several payments, naming Zoho's refusal", async () => {
    const order = await confirmedOrder();
    expect((await orders.post(`/api/orders/${order.documentId}/fulfil`)).status).toBe(200);
    expect((await pay(order.documentId, 'payments', 3000)).status).toBe(201);
    expect((await pay(order.documentId, 'payments', 3000)).status).toBe(201);
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });
    expect((await pay(order.documentId, 'refunds', 1000)).status).toBe(201);
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 1 });
    const [refund] = await strapi.db.query(OUTBOX_UID).findMany({
      where: { orderDocumentId: order.documentId, kind: 'refund' },
    });
    expect(refund).toMatchObject({
      state: 'dead',
      lastError: expect.stringMatching(
        /^POST \/customerpayments\/:id\/refunds: The refund amount 10 is more than the unused amount 0 of payment \d+\.$/,
      ),
    });
  });

  /**
   * A fulfilled order of three units, mirrored while the fake keeps rates as sent; then the fake
   * rounds rates to `pricePrecision` places (Zoho's organization price precision) and two of the
   * units come back, so the credit note's rate (its credit / 2) is shortened remotely.
   */
  async function creditNoteUnderPricePrecision(line: { unitPrice: number; discount?: string }) {
    const asset = await orders.createAsset(
      { listPrice: line.unitPrice },
      { quantity: 9, unitCost: 100 },
    );
    const order = await orders.createOrder([{ asset: asset.documentId, quantity: 3, ...line }]);
    expect((await orders.post(`/api/orders/${order.documentId}/confirm`)).status).toBe(200);
    expect((await orders.post(`/api/orders/${order.documentId}/fulfil`)).status).toBe(200);
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });
    return order as { documentId: string };
  }

  const returnTwo = (documentId: string) =>
    orders.post(`/api/orders/${documentId}/returns`, {
      lines: [{ lineNo: 1, quantity: 2, disposition: 'restock' }],
    });

  const creditNoteRow = async (documentId: string) =>
    (await strapi.db.query(OUTBOX_UID).findMany({
      where: { orderDocumentId: documentId, kind: 'creditNote' },
    })) as {
      state: string;
      isFlagged: boolean;
      flagReason: string | null;
      lastError: string | null;
    }[];

  it("books a credit note's remote rounding difference of a cent per line as an adjustment, and flags it", async () => {
    // 10.01 × 3 × (1 − 0.5) = 15.015 → 15.02; two of three credit round(15.02 × 2/3) = 10.01,
    // sent at 5.005 a unit; at 2 places the fake takes 5.01 and totals 10.02.
    const order = await creditNoteUnderPricePrecision({ unitPrice: 1001, discount: '0.5' });
    books.admin.configure({ pricePrecision: 2 });
    try {
      const returned = await returnTwo(order.documentId);
      expect(returned.status).toBe(201);
      expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });
    } finally {
      books.admin.configure({ pricePrecision: 6 });
    }
    const note = books.admin.documents('creditnotes').at(-1);
    expect(note).toMatchObject({ sub_total: 10.02, adjustment: -0.01, total: 10.01 });
    expect(await creditNoteRow(order.documentId)).toEqual([
      expect.objectContaining({
        state: 'synced',
        isFlagged: true,
        flagReason: 'Adjusted by -0.01 to match the CRM total',
      }),
    ]);
  });

  it('dead-letters a credit note whose remote total is off by more than a cent per line', async () => {
    // Two units of 10.49 credit 20.98; at 0 places the fake takes 10 a unit and totals 20.00.
    const order = await creditNoteUnderPricePrecision({ unitPrice: 1049 });
    const notesBefore = books.admin.documents('creditnotes').length;
    books.admin.configure({ pricePrecision: 0 });
    try {
      const returned = await returnTwo(order.documentId);
      expect(returned.status).toBe(201);
      expect(await sync().drain()).toMatchObject({ pending: 0, dead: 1 });
    } finally {
      books.admin.configure({ pricePrecision: 6 });
    }
    const [row] = await creditNoteRow(order.documentId);
    expect(row).toMatchObject({
      state: 'dead',
      lastError: expect.stringMatching(
        /^Credit note CN-\d+: the provider's total 20\.00 differs from ours 20\.98$/,
      ),
    });
    // The remote note stays as the provider made it: no adjustment was booked on it.
    const notes = books.admin.documents('creditnotes');
    expect(notes).toHaveLength(notesBefore + 1);
    expect(notes.at(-1)).toMatchObject({ total: 20, adjustment: 0 });
  });
});
