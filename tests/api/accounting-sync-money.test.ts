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
});
