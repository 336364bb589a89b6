import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import type { FakeBooksServer } from '../../tools/fake-books/src';
import { fullAccessToken } from '../harness/builders';
import { orderClient } from '../harness/orders';
import {
  OUTBOX_UID,
  connectTo,
  startSyncBooks,
  syncOf,
  type DrainReport,
} from '../harness/accounting-sync';
import { startTestApp, testDatabase, type TestApp } from '../harness/strapi';

/**
 * Two Strapi instances on one PostgreSQL draining one outbox at once: no remote document (nor
 * tax) is created twice, and the rate limit holds across both. PostgreSQL only: SQLite serializes
 * writers and would hide the races this is about.
 */

const OUTBOX = OUTBOX_UID;

const sync = syncOf;
const LIMITS = { requestsPerWindow: 20, windowMs: 1000 };

const onPostgres = testDatabase() === 'postgres' ? describe : describe.skip;

let app: TestApp;
let second: ChildProcess | undefined;
let books: FakeBooksServer;
const ORDERS = 24;
/** Two distinct rates (and untaxed lines): both instances need the same two taxes at once. */
const TAX_RATES = ['0.08875', '0.0725', '0'];

beforeAll(async () => {
  if (testDatabase() !== 'postgres') {
    return;
  }
  books = await startSyncBooks(LIMITS);
  app = await startTestApp();
  await sync(app.strapi).stopPolling();
  // NOTE: the second instance is another process on the first one's database (the harness
  // left its URL in the environment); it serves no HTTP, it only runs the worker.
  second = fork(path.join(__dirname, 'accounting-sync-second-instance.js'), [], {
    env: process.env,
    stdio: 'inherit',
  });
  await new Promise<void>((resolve, reject) => {
    second?.once('message', (message) => (message === 'ready' ? resolve() : reject(message)));
    second?.once('exit', (code) => reject(new Error(`the second instance exited with ${code}`)));
  });
  await connectTo(app.strapi, books, LIMITS);
  const orders = orderClient(app.strapi, await fullAccessToken(app.strapi));
  const assets = [];
  for (let i = 0; i < 4; i += 1) {
    assets.push(await orders.createAsset({}, { quantity: 500, unitCost: 300 }));
  }
  const customers = [];
  for (let i = 0; i < 6; i += 1) {
    customers.push(await orders.createCustomer());
  }
  for (let i = 0; i < ORDERS; i += 1) {
    const order = await orders.createOrder(
      [
        { asset: assets[i % 4]!.documentId, quantity: 1 + (i % 3), taxRate: TAX_RATES[i % 3] },
        { asset: assets[(i + 1) % 4]!.documentId, quantity: 2, taxRate: '0.0725' },
      ],
      { customer: customers[i % 6]!.documentId, freight: 100 + i },
    );
    await orders.post(`/api/orders/${order.documentId}/confirm`);
    expect((await orders.post(`/api/orders/${order.documentId}/fulfil`)).status).toBe(200);
  }
}, 300_000);

afterAll(async () => {
  if (second && second.exitCode === null) {
    second.kill();
  }
  await app?.stop();
  await books?.close();
});

onPostgres('two instances draining one outbox', () => {
  it('create every document once and stay under the shared rate limit', async () => {
    const otherReport = new Promise<DrainReport>((resolve, reject) => {
      second?.once('message', (message: { report?: DrainReport; error?: string }) =>
        message.report ? resolve(message.report) : reject(new Error(message.error)),
      );
    });
    second?.send('drain');
    const [a, b] = await Promise.all([sync(app.strapi).drain(), otherReport]);
    console.log(`[two instances] first ${JSON.stringify(a)}, second ${JSON.stringify(b)}`);
    expect(a.pending + b.pending).toBe(0);
    expect(a.dead + b.dead).toBe(0);
    // Every row was sent by one instance: the invoices and the contacts and items they queued.
    const rowKinds = await app.strapi.db.query(OUTBOX).findMany({ select: ['kind'] });
    expect(a.synced + b.synced).toBe(rowKinds.length);
    expect(rowKinds.filter((row) => row.kind === 'invoice')).toHaveLength(ORDERS);

    expect(books.admin.documents('invoices')).toHaveLength(ORDERS);
    expect(books.admin.documents('contacts')).toHaveLength(6);
    expect(books.admin.documents('items')).toHaveLength(5); // four assets and freight
    expect(books.admin.documents('taxes').map((tax) => tax.tax_percentage)).toEqual(
      expect.arrayContaining([8.875, 7.25]),
    );
    expect(books.admin.documents('taxes')).toHaveLength(2);
    const log = books.admin.requestLog();
    const creates = log.filter((entry) => entry.method === 'POST' && entry.status === 201);
    expect(creates).toHaveLength(ORDERS + 6 + 5 + 2);
    const fulfilled = await app.strapi.db.query('api::order.order').findMany({
      select: ['invoiceNumber', 'taxTotal', 'total'],
    });
    const remote = new Map(
      books.admin.documents('invoices').map((doc) => [doc.invoice_number, doc]),
    );
    const cents = (value: unknown) => Math.round(Number(value) * 100);
    expect(
      fulfilled.filter(
        (order) =>
          cents(remote.get(order.invoiceNumber)?.total) !== Number(order.total) ||
          cents(remote.get(order.invoiceNumber)?.tax_total) !== Number(order.taxTotal),
      ),
    ).toEqual([]);
    // One token refresh for both: the lease lets one instance refresh, the other uses its token.
    expect(log.filter((entry) => entry.path === '/oauth/v2/token')).toHaveLength(1);
    expect(log.filter((entry) => entry.code === 1001)).toEqual([]);
    expect(log.filter((entry) => entry.status === 429)).toEqual([]);
    const states = await app.strapi.db.query(OUTBOX).findMany({ select: ['state'] });
    expect(states.every((row) => row.state === 'synced')).toBe(true);
  });
});
