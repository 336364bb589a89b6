import type { Core } from '@strapi/strapi';
import { fromDatabase } from '../../src/platform/money';
import { fullAccessToken } from '../harness/builders';
import { orderClient, type OrderClient } from '../harness/orders';
import { startTestApp, type TestApp } from '../harness/strapi';

/**
 * The rows the ledger and inventory write in bulk (journal lines, stock movements) and the
 * relation links beside them, under concurrent actions on shared assets and orders.
 */

let app: TestApp;
let strapi: Core.Strapi;
let auth: string;
let client: OrderClient;

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
  auth = await fullAccessToken(strapi);
  client = orderClient(strapi, auth);
});
afterAll(async () => app?.stop());

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  inverseOrderColumnName?: string;
}

const joinTableOf = (uid: string, field: string) =>
  (strapi.db.metadata.get(uid as never).attributes[field] as { joinTable: JoinTable }).joinTable;

/** What every bulk write must leave: one link per row, none dangling, each to the right target. */
async function integrity() {
  const knex = strapi.db.connection;
  const lineLinks = joinTableOf('api::ledger.journal-line', 'entry');
  const movementLinks = joinTableOf('api::asset.stock-movement', 'asset');
  const count = async (table: string) => Number((await knex(table).count({ n: '*' }))[0].n);
  const orphanLinks = async (link: JoinTable, rows: string, targets: string) =>
    Number(
      (
        await knex(link.name)
          .leftJoin(rows, `${rows}.id`, `${link.name}.${link.joinColumn.name}`)
          .leftJoin(targets, `${targets}.id`, `${link.name}.${link.inverseJoinColumn.name}`)
          .where((q) => q.whereNull(`${rows}.id`).orWhereNull(`${targets}.id`))
          .count({ n: '*' })
      )[0].n,
    );
  // Links whose target is not the one the row names by key (document id or entry key).
  const misLinked = async (link: JoinTable, rows: string, targets: string, match: string) =>
    Number(
      (
        await knex(`${rows} as r`)
          .join(`${link.name} as l`, `l.${link.joinColumn.name}`, 'r.id')
          .join(`${targets} as t`, 't.id', `l.${link.inverseJoinColumn.name}`)
          .whereRaw(match)
          .count({ n: '*' })
      )[0].n,
    );
  const misLinkedMovements = await misLinked(
    movementLinks,
    'stock_movements',
    'assets',
    't.document_id <> r.asset_document_id',
  );
  const misLinkedLines = await misLinked(
    lineLinks,
    'journal_lines',
    'journal_entries',
    't.entry_key <> r.entry_key',
  );
  // Each entry's lines numbered 1..n in id order.
  const ords = (await knex(lineLinks.name)
    .select(
      `${lineLinks.inverseJoinColumn.name} as entry`,
      `${lineLinks.joinColumn.name} as line`,
      `${lineLinks.inverseOrderColumnName} as ord`,
    )
    .orderBy([`${lineLinks.inverseJoinColumn.name}`, `${lineLinks.joinColumn.name}`])) as {
    entry: number;
    line: number;
    ord: number;
  }[];
  let badOrds = 0;
  let previous = -1;
  let expected = 0;
  for (const row of ords) {
    expected = row.entry === previous ? expected + 1 : 1;
    previous = row.entry;
    if (Number(row.ord) !== expected) {
      badOrds += 1;
    }
  }
  const unbalanced = (await knex('journal_lines')
    .select('entry_key')
    .sum({ d: 'debit', c: 'credit' })
    .groupBy('entry_key')) as { entry_key: string; d: unknown; c: unknown }[];
  const levels = (await knex('assets as a')
    .leftJoin('stock_movements as m', 'm.asset_document_id', 'a.document_id')
    .select('a.document_id', 'a.on_hand', 'a.reserved', 'a.available', 'a.stock_value')
    .sum({ oh: 'm.on_hand_change', rs: 'm.reserved_change', v: 'm.value_change' })
    .groupBy('a.document_id', 'a.on_hand', 'a.reserved', 'a.available', 'a.stock_value')) as Record<
    string,
    unknown
  >[];
  const badLevels = levels.filter(
    (row) =>
      Number(row.on_hand) !== Number(row.oh ?? 0) ||
      Number(row.reserved) !== Number(row.rs ?? 0) ||
      Number(row.available) !== Number(row.on_hand) - Number(row.reserved) ||
      fromDatabase(row.stock_value) !== fromDatabase(row.v ?? 0),
  );
  const unstamped = async (table: string) =>
    Number(
      (
        await knex(table)
          .where((q) =>
            q
              .whereNull('document_id')
              .orWhereNull('created_at')
              .orWhereNull('updated_at')
              .orWhereNull('published_at'),
          )
          .count({ n: '*' })
      )[0].n,
    );
  return {
    unstampedRows:
      (await unstamped('journal_lines')) +
      (await unstamped('stock_movements')) +
      (await unstamped('journal_entries')) +
      (await unstamped('payments')),
    lines: await count('journal_lines'),
    lineLinks: await count(lineLinks.name),
    movements: await count('stock_movements'),
    movementLinks: await count(movementLinks.name),
    orphanLineLinks: await orphanLinks(lineLinks, 'journal_lines', 'journal_entries'),
    orphanMovementLinks: await orphanLinks(movementLinks, 'stock_movements', 'assets'),
    misLinkedMovements,
    misLinkedLines,
    badOrds,
    unbalanced: unbalanced.filter((row) => fromDatabase(row.d) !== fromDatabase(row.c)).length,
    badLevels: badLevels.length,
  };
}

function expectIntact(state: Awaited<ReturnType<typeof integrity>>) {
  expect(state).toEqual({
    ...state,
    unstampedRows: 0,
    lineLinks: state.lines,
    movementLinks: state.movements,
    orphanLineLinks: 0,
    orphanMovementLinks: 0,
    misLinkedMovements: 0,
    misLinkedLines: 0,
    badOrds: 0,
    unbalanced: 0,
    badLevels: 0,
  });
}

async function reconciliation() {
  const res = await client.get('/api/reports/reconciliation');
  expect(res.status).toBe(200);
  return res.body.data as { tiedOut: boolean; mismatches: unknown[] };
}

describe('bulk-written rows and their links', () => {
  it('links each movement to its own asset when one order moves several assets, one twice', async () => {
    const a = await client.createAsset({}, { quantity: 50, unitCost: 300 });
    const b = await client.createAsset({}, { quantity: 50, unitCost: 700 });
    const order = await client.createOrder([
      { asset: a.documentId, quantity: 2 },
      { asset: b.documentId, quantity: 3 },
      { asset: a.documentId, quantity: 4 },
    ]);
    const stamp = async (uid: string, documentId: string) =>
      new Date(
        (
          await strapi.db
            .query(uid as never)
            .findOne({ where: { documentId }, select: ['updatedAt'] })
        ).updatedAt,
      ).getTime();
    const assetStamp = await stamp('api::asset.asset', a.documentId);
    const orderStamp = await stamp('api::order.order', order.documentId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await client.post(`/api/orders/${order.documentId}/confirm`)).status).toBe(200);
    expect((await client.post(`/api/orders/${order.documentId}/fulfil`)).status).toBe(200);
    expect(await stamp('api::asset.asset', a.documentId)).toBeGreaterThan(assetStamp);
    expect(await stamp('api::order.order', order.documentId)).toBeGreaterThan(orderStamp);
    const pay = await client.post(`/api/orders/${order.documentId}/payments`, {
      amount: 100,
      method: 'cash',
    });
    expect(pay.status).toBe(201);
    expectIntact(await integrity());
    expect((await reconciliation()).tiedOut).toBe(true);

    const journal = await client.get(`/api/orders/${order.documentId}/journal`);
    expect(journal.status).toBe(200);
    for (const entry of journal.body.data as { documentId: string; lines: unknown[] }[]) {
      const one = await client.get(`/api/journal-entries/${entry.documentId}`);
      expect(one.status).toBe(200);
      expect(one.body.data.lines).toEqual(entry.lines);
    }
  });

  it('confirms and fulfils an order of 600 lines, one stock movement and link per line', async () => {
    const a = await client.createAsset({}, { quantity: 1000, unitCost: 250 });
    const b = await client.createAsset({}, { quantity: 1000, unitCost: 410 });
    const lines = Array.from({ length: 600 }, (_, i) => ({
      asset: (i % 2 === 0 ? a : b).documentId,
      quantity: 1,
    }));
    const order = await client.createOrder(lines);
    const before = await integrity();

    const confirm = await client.post(`/api/orders/${order.documentId}/confirm`);
    expect(confirm.status).toBe(200);
    const fulfil = await client.post(`/api/orders/${order.documentId}/fulfil`);
    expect(fulfil.status).toBe(200);

    const after = await integrity();
    expectIntact(after);
    expect(after.movements - before.movements).toBe(1200);
    const levels = await strapi.db.query('api::asset.asset').findMany({
      where: { documentId: { $in: [a.documentId, b.documentId] } },
      select: ['onHand', 'reserved'],
    });
    expect(levels.map((row: { onHand: number }) => row.onHand)).toEqual([700, 700]);
    expect((await reconciliation()).tiedOut).toBe(true);
  });

  it('keeps every invariant under concurrent confirms, fulfils, payments and returns', async () => {
    const assets = [
      await client.createAsset({}, { quantity: 200, unitCost: 333 }),
      await client.createAsset({}, { quantity: 200, unitCost: 517 }),
      await client.createAsset({ allowBackorders: true }, { quantity: 200, unitCost: 91 }),
    ];
    const customer = (await client.createCustomer()).documentId;
    const orders = [];
    for (let i = 0; i < 8; i += 1) {
      orders.push(
        await client.createOrder(
          [
            { asset: assets[i % 3].documentId, quantity: 1 + (i % 4) },
            { asset: assets[(i + 1) % 3].documentId, quantity: 2 },
            { asset: assets[i % 3].documentId, quantity: 3 },
          ],
          { customer, freight: 100 * i },
        ),
      );
    }
    const all = async (requests: Promise<{ status: number }>[]) =>
      (await Promise.all(requests)).map((res) => res.status);
    const confirms = await all(
      orders.flatMap((order) => [
        client.post(`/api/orders/${order.documentId}/confirm`),
        client.post(`/api/orders/${order.documentId}/confirm`),
      ]),
    );
    expect(confirms.filter((s) => s >= 500)).toEqual([]);
    expect(confirms.filter((s) => s === 200)).toHaveLength(orders.length);
    expectIntact(await integrity());

    const mixed = await all(
      orders.flatMap((order, i) => [
        client.post(`/api/orders/${order.documentId}/fulfil`),
        client.post(`/api/orders/${order.documentId}/payments`, { amount: 50 + i, method: 'cash' }),
        client.post(`/api/orders/${order.documentId}/payments`, { amount: 70, method: 'card' }),
        client.post(`/api/orders/${order.documentId}/fulfil`),
      ]),
    );
    expect(mixed.filter((s) => s >= 500)).toEqual([]);
    expectIntact(await integrity());

    const returns = await all(
      orders.flatMap((order) => [
        client.post(`/api/orders/${order.documentId}/returns`, {
          lines: [{ lineNo: 1, quantity: 1, disposition: 'restock' }],
        }),
        client.post(`/api/orders/${order.documentId}/returns`, {
          lines: [{ lineNo: 3, quantity: 1, disposition: 'restock' }],
        }),
        client.post(`/api/orders/${order.documentId}/refunds`, { amount: 20, method: 'cash' }),
      ]),
    );
    expect(returns.filter((s) => s >= 500)).toEqual([]);
    expectIntact(await integrity());
    // Each order's payment status is the one its payments, refunds and credit notes give.
    for (const order of orders) {
      const row = await strapi.db.query('api::order.order').findOne({
        where: { documentId: order.documentId },
        select: ['orderStatus', 'paymentStatus', 'total'],
      });
      const payments = await strapi.db.query('api::ledger.payment').findMany({
        where: { orderDocumentId: order.documentId },
        select: ['kind', 'amount'],
      });
      const sum = (kind: string) =>
        payments
          .filter((p: { kind: string }) => p.kind === kind)
          .reduce((acc: number, p: { amount: unknown }) => acc + fromDatabase(p.amount), 0);
      const credited = (
        await strapi.db.query('api::order.credit-note').findMany({
          where: { orderDocumentId: order.documentId },
          select: ['total'],
        })
      ).reduce((acc: number, c: { total: unknown }) => acc + fromDatabase(c.total), 0);
      const owed =
        row.orderStatus === 'confirmed'
          ? fromDatabase(row.total)
          : fromDatabase(row.total) - credited;
      const netPaid = sum('payment') - sum('refund');
      const expected =
        netPaid > owed
          ? 'credit_due'
          : sum('refund') > 0 && netPaid === 0
            ? 'refunded'
            : netPaid === owed && owed > 0
              ? 'paid'
              : netPaid > 0
                ? 'partially_paid'
                : 'unpaid';
      expect({ order: order.number, status: row.paymentStatus }).toEqual({
        order: order.number,
        status: expected,
      });
    }
    const recon = await reconciliation();
    expect(recon.mismatches).toEqual([]);
    expect(recon.tiedOut).toBe(true);
  });
});
