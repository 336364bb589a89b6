import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import type { FakeBooksServer } from '../../tools/fake-books/src';
import {
  ID_MAP_UID,
  OUTBOX_UID,
  connectTo,
  startSyncBooks,
  syncOf,
} from '../harness/accounting-sync';
import { api, fullAccessToken } from '../harness/builders';
import { orderClient, type OrderClient } from '../harness/orders';
import { startTestApp, type TestApp } from '../harness/strapi';

/**
 * Reconciliation of the documents the accounting connector mirrored to the fake Zoho Books: what
 * it recorded of each synced invoice and credit note against ours, the mismatches a corrupted
 * record shows, and reconciliation unchanged while the connector has mirrored nothing.
 */

const LIMITS = { requestsPerWindow: 100, windowMs: 2000 };
const ID_MAP_TABLE = 'accounting_sync_id_map';

type Json = Response['body'];

let app: TestApp;
let strapi: Core.Strapi;
let books: FakeBooksServer;
let auth: string;
let orders: OrderClient;

const sync = () => syncOf(strapi);

beforeAll(async () => {
  books = await startSyncBooks(LIMITS);
  app = await startTestApp();
  strapi = app.strapi;
  await sync().stopPolling();
  auth = await fullAccessToken(strapi);
  orders = orderClient(strapi, auth);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await books?.close();
});

async function reconcile(): Promise<Json> {
  const res = await api(strapi).get('/api/reports/reconciliation').set('Authorization', auth);
  expect(res.status).toBe(200);
  return res.body.data;
}

/** A fulfilled order of `quantity` units of 10.00 at `taxRate`. */
async function fulfilledOrder(taxRate: string, quantity = 2) {
  const asset = await orders.createAsset({ listPrice: 1000 }, { quantity: 10, unitCost: 400 });
  const order = await orders.createOrder([{ asset: asset.documentId, quantity, taxRate }], {
    freight: 250,
  });
  expect((await orders.post(`/api/orders/${order.documentId}/confirm`)).status).toBe(200);
  const fulfilled = await orders.post(`/api/orders/${order.documentId}/fulfil`);
  expect(fulfilled.status).toBe(200);
  return fulfilled.body.data as { documentId: string; invoiceNumber: string; total: number };
}

const mirrorCounts = (counts: Record<string, number>) => ({
  mirrored: 0,
  unrecorded: 0,
  adjusted: 0,
  adjustment: 0,
  pending: 0,
  dead: 0,
  mismatching: 0,
  ...counts,
});

describe('reconciliation of mirrored documents', () => {
  let invoiced: Awaited<ReturnType<typeof fulfilledOrder>>;
  let creditNote: { number: string; total: number };

  it('is as before while the connector is off and its tables are empty', async () => {
    invoiced = await fulfilledOrder('0.08875');
    expect(await strapi.db.query(OUTBOX_UID).count({})).toBe(0);
    expect(await strapi.db.query(ID_MAP_UID).count({})).toBe(0);
    const data = await reconcile();
    expect(data).toEqual({
      tiedOut: true,
      counts: {
        orders: 1,
        creditNotes: 0,
        entries: 3, // the receipt, the invoice and its cost
        assets: 1,
        ordersMismatching: 0,
        creditNotesMismatching: 0,
        entriesUnbalanced: 0,
        assetsMismatching: 0,
        mismatches: 0,
      },
      mismatches: [],
    });
  });

  it('ties out after mirroring, counting what was mirrored and adjusted', async () => {
    await connectTo(strapi, books, LIMITS);
    const queued = await (
      sync() as unknown as { mirrorExisting(): Promise<Record<string, number>> }
    ).mirrorExisting();
    expect(queued).toMatchObject({ invoice: 1 });
    const returned = await orders.post(`/api/orders/${invoiced.documentId}/returns`, {
      lines: [{ lineNo: 1, quantity: 1, disposition: 'restock' }],
    });
    expect(returned.status).toBe(201);
    creditNote = returned.body.data.creditNote;
    // 1.00 at 12.5 % is a tax of 12.5 cents: we round it to 0.13, the fake (half-even) to 0.12.
    books.admin.configure({ rounding: 'half-even' });
    try {
      const asset = await orders.createAsset({ listPrice: 100 }, { quantity: 5, unitCost: 40 });
      const order = await orders.createOrder([
        { asset: asset.documentId, quantity: 1, taxRate: '0.125' },
      ]);
      await orders.post(`/api/orders/${order.documentId}/confirm`);
      expect((await orders.post(`/api/orders/${order.documentId}/fulfil`)).status).toBe(200);
      expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });
    } finally {
      books.admin.configure({ rounding: 'half-up' });
    }

    const data = await reconcile();
    expect(data.tiedOut).toBe(true);
    expect(data.mismatches).toEqual([]);
    expect(data.counts).toMatchObject({ orders: 2, creditNotes: 1, mismatches: 0 });
    expect(data.counts.mirror).toEqual({
      invoices: mirrorCounts({ mirrored: 2, adjusted: 1, adjustment: 1 }),
      creditNotes: mirrorCounts({ mirrored: 1 }),
    });
  });

  it('counts invoices waiting or dead-lettered without calling them mismatches', async () => {
    await fulfilledOrder('1.5'); // 150 %: a tax the fake refuses, so the invoice is dead
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 1 });
    await fulfilledOrder('0.08875'); // queued, not sent yet
    const data = await reconcile();
    expect(data.tiedOut).toBe(true);
    expect(data.counts.mirror.invoices).toEqual(
      mirrorCounts({ mirrored: 2, adjusted: 1, adjustment: 1, pending: 1, dead: 1 }),
    );
    expect(data.mismatches).toEqual([]);
    // Sent, the waiting one is mirrored; the dead one stays dead.
    expect(await sync().drain()).toMatchObject({ pending: 0, dead: 0 });
    expect((await reconcile()).counts.mirror.invoices).toEqual(
      mirrorCounts({ mirrored: 3, adjusted: 1, adjustment: 1, dead: 1 }),
    );
  });

  /**
   * Changes what the connector recorded of one mirrored document, directly in its table;
   * reconciles; puts the record back and checks that it ties out again.
   */
  async function reconcileWithRecord(
    kind: 'invoice' | 'creditNote',
    localKey: string,
    change: Record<string, unknown>,
    restore: Record<string, unknown>,
  ): Promise<Json> {
    const record = (key: unknown) =>
      strapi.db.connection(ID_MAP_TABLE).where({ kind, local_key: key });
    expect(await record(localKey).update(change)).toBe(1);
    try {
      return await reconcile();
    } finally {
      expect(await record(change.local_key ?? localKey).update(restore)).toBe(1);
      expect((await reconcile()).tiedOut).toBe(true);
    }
  }

  it('shows a corrupted remote invoice total as invoice-mirror, with ours and the recorded one', async () => {
    const data = await reconcileWithRecord(
      'invoice',
      invoiced.documentId,
      { remote_total: invoiced.total + 5 },
      { remote_total: invoiced.total },
    );
    expect(data.tiedOut).toBe(false);
    expect(data.mismatches).toEqual([
      {
        kind: 'invoice-mirror',
        id: invoiced.invoiceNumber,
        expected: invoiced.total,
        actual: invoiced.total + 5,
        reason: "the provider's invoice total differs from the order total",
      },
    ]);
    expect(data.counts.mirror.invoices.mismatching).toBe(1);
    expect(data.counts.mismatches).toBe(1);
  });

  it('shows a corrupted remote credit-note total as credit-note-mirror', async () => {
    const data = await reconcileWithRecord(
      'creditNote',
      creditNote.number,
      { remote_total: 1 },
      { remote_total: creditNote.total },
    );
    expect(data.tiedOut).toBe(false);
    expect(data.mismatches).toEqual([
      {
        kind: 'credit-note-mirror',
        id: creditNote.number,
        expected: creditNote.total,
        actual: 1,
        reason: "the provider's credit note total differs from the credit note total",
      },
    ]);
    expect(data.counts.mirror.creditNotes.mismatching).toBe(1);
  });

  it('shows a mirrored invoice whose order is not here as invoice-mirror', async () => {
    const data = await reconcileWithRecord(
      'invoice',
      invoiced.documentId,
      { local_key: 'no-such-order' },
      { local_key: invoiced.documentId },
    );
    expect(data.tiedOut).toBe(false);
    expect(data.mismatches).toEqual([
      {
        kind: 'invoice-mirror',
        id: invoiced.invoiceNumber,
        expected: 0,
        actual: invoiced.total,
        reason: 'the mirrored invoice has no order here any more, or the order no invoice',
      },
    ]);
  });

  it('counts, and does not compare, an invoice mirrored before remote totals were recorded', async () => {
    const data = await reconcileWithRecord(
      'invoice',
      invoiced.documentId,
      { remote_total: null, remote_adjustment: null },
      { remote_total: invoiced.total, remote_adjustment: 0 },
    );
    expect(data.tiedOut).toBe(true);
    expect(data.mismatches).toEqual([]);
    expect(data.counts.mirror.invoices).toMatchObject({ mirrored: 3, unrecorded: 1 });
  });
});
