import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { FakeBooksServer } from '../../tools/fake-books/src';
import type * as Replay from '../../src/import/replay';
import type * as Import from '../../src/import/run-import';
import { OUTBOX_UID, connectTo, startSyncBooks, syncOf } from '../harness/accounting-sync';
import { startTestApp, testDatabase, type TestApp } from '../harness/strapi';

/**
 * The Northwind replay mirrored to the fake Zoho Books at "100 requests per 2 s", while the fake
 * drops the answer to about one create in ten after performing it, answers a burst of 429s,
 * expires every access token mid-run and refuses connections for a while. Counted from the
 * fake's documents and request log: one contact per customer with invoices, one item per asset
 * sold (plus freight), one invoice per fulfilled order with our total to the cent, nothing lost
 * and nothing twice.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const NORTHWIND = path.join(ROOT, 'data', 'northwind');
const OUTBOX = OUTBOX_UID;
const compiled = <T>(...parts: string[]) =>
  import(path.join(ROOT, 'dist', 'src', ...parts)) as Promise<T>;

let app: TestApp;
let strapi: Core.Strapi;
let books: FakeBooksServer;
let mirrorMs = 0;

const LIMITS = { requestsPerWindow: 100, windowMs: 2000 };
const sync = () => syncOf(strapi);
const pendingRows = () => strapi.db.query(OUTBOX).count({ where: { state: 'pending' } });

/**
 * NOTE: SQLite only. On PostgreSQL the replay alone takes about five minutes on a 2-core machine
 * and slowed the other Northwind suites running beside it past their hook timeouts; what
 * PostgreSQL adds (concurrent workers, row claims, the shared limiter) is what
 * accounting-sync-instances.test.ts tests there.
 */
const onSqlite = testDatabase() === 'sqlite' ? describe : describe.skip;

beforeAll(async () => {
  if (testDatabase() !== 'sqlite') {
    return;
  }
  books = await startSyncBooks(LIMITS);
  app = await startTestApp();
  strapi = app.strapi;
  await sync().stopPolling();
  await connectTo(strapi, books, LIMITS);
  const { runImport } = await compiled<typeof Import>('import', 'run-import');
  await runImport(strapi, { folder: NORTHWIND, preset: 'northwind' });
  const { replayNorthwind } = await compiled<typeof Replay>('import', 'replay');
  await replayNorthwind(strapi, { folder: NORTHWIND, unitCostRatio: '0.60' });

  // Mirror in slices, with the fake misbehaving between them.
  const started = Date.now();
  const deadline = started + 240_000;
  for (let slice = 0; (await pendingRows()) > 0 && Date.now() < deadline; slice += 1) {
    books.admin.injectFault({
      kind: 'commit-then-drop',
      method: 'POST',
      path: '/books/v3/',
      count: 4,
    });
    if (slice === 3) {
      books.admin.injectFault({ kind: 'rate-limit', path: '/books/v3/', count: 3 });
    }
    if (slice === 5) {
      books.admin.expireAccessTokens();
    }
    if (slice === 7) {
      books.admin.injectFault({ kind: 'reset', path: '/books/v3/', count: 30 });
    }
    await sync().drain(2_000);
  }
  books.admin.clearFaults();
  await sync().drain(60_000);
  mirrorMs = Date.now() - started;
}, 600_000);

afterAll(async () => {
  await app?.stop();
  await books?.close();
});

type Doc = Record<string, unknown>;
const cents = (value: unknown) => Math.round(Number(value) * 100);

onSqlite('Northwind mirrored to Zoho Books through faults', () => {
  it('leaves nothing pending or dead', async () => {
    const states = await strapi.db.query(OUTBOX).findMany({
      select: ['kind', 'state', 'lastError'],
    });
    expect(states.filter((row) => row.state !== 'synced')).toEqual([]);
    // Each invoice queued its missing contact and items as rows of their own, once each; the
    // freight item is the connector's own and is created inline.
    const rowsOf = (kind: string) => states.filter((row) => row.kind === kind).length;
    expect(rowsOf('invoice')).toBe(809);
    expect(rowsOf('contact')).toBe(books.admin.documents('contacts').length);
    expect(rowsOf('item')).toBe(books.admin.documents('items').length - 1);
    expect(states).toHaveLength(rowsOf('invoice') + rowsOf('contact') + rowsOf('item'));
    // NOTE: how long the mirroring took at 100 requests per 2 s, for the resolving note.
    const requests = books.admin.requestLog().filter((entry) => entry.path.startsWith('/books/v3'));
    console.log(`[northwind sync] mirrored in ${mirrorMs} ms with ${requests.length} API requests`);
  });

  it('has one invoice per fulfilled order, each with our total to the cent', async () => {
    const orders = await strapi.db.query('api::order.order').findMany({
      where: { orderStatus: 'fulfilled' },
      select: ['invoiceNumber', 'total'],
    });
    const invoices = books.admin.documents('invoices') as Doc[];
    expect(invoices).toHaveLength(orders.length);
    const remote = new Map(
      invoices.map((invoice) => [invoice.invoice_number, cents(invoice.total)]),
    );
    const differing = orders.filter(
      (order) => remote.get(order.invoiceNumber) !== Number(order.total),
    );
    expect(differing).toEqual([]);
  });

  it('has one contact per customer with invoices and one item per asset sold, plus freight', async () => {
    const orders = await strapi.db.query('api::order.order').findMany({
      where: { orderStatus: 'fulfilled' },
      populate: {
        customer: { select: ['code'] },
        lines: { populate: { asset: { select: ['sku'] } } },
      },
    });
    const customers = new Set(orders.map((order) => order.customer.code));
    const skus = new Set(
      orders.flatMap((order) =>
        order.lines.map((line: { asset: { sku: string } }) => line.asset.sku),
      ),
    );
    const contacts = books.admin.documents('contacts') as Doc[];
    const items = books.admin.documents('items') as Doc[];
    expect(contacts).toHaveLength(customers.size);
    expect(new Set(items.map((item) => item.sku))).toEqual(new Set([...skus, 'MP-FREIGHT']));
    expect(items).toHaveLength(skus.size + 1);
  });

  it('created each document once, counted from the request log', () => {
    const log = books.admin.requestLog();
    for (const resource of ['contacts', 'items', 'invoices']) {
      const performed = log.filter(
        (entry) =>
          entry.method === 'POST' &&
          entry.path === `/books/v3/${resource}` &&
          (entry.status === 201 ||
            entry.fault === 'commit-then-drop' ||
            entry.fault === 'commit-then-error'),
      );
      const refusedAsDuplicate = log.filter(
        (entry) =>
          entry.method === 'POST' && entry.path === `/books/v3/${resource}` && entry.code === 1001,
      );
      expect(refusedAsDuplicate).toEqual([]);
      expect(performed.length).toBe(books.admin.documents(resource as 'contacts').length);
    }
    expect(log.filter((entry) => entry.fault === 'commit-then-drop').length).toBeGreaterThan(20);
  });

  it('stayed under the rate limit: every 429 was an injected one', () => {
    const log = books.admin.requestLog();
    const throttled = log.filter((entry) => entry.status === 429 && entry.fault !== 'rate-limit');
    expect(throttled).toEqual([]);
  });
});
