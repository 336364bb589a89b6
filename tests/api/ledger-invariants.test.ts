import type { Core } from '@strapi/strapi';
import fc from 'fast-check';
import { fromDatabase } from '../../src/platform/money';
import { api, buildAsset, buildCustomer, fullAccessToken } from '../harness/builders';
import { startTestApp, type TestApp } from '../harness/strapi';

let app: TestApp;
let strapi: Core.Strapi;
let auth: string;

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
  auth = await fullAccessToken(strapi);
});
afterAll(async () => app?.stop());

const send = (method: 'post' | 'put', path: string, data?: unknown) =>
  api(strapi)
    [method](path)
    .set('Authorization', auth)
    .send(data === undefined ? {} : { data });

type Step =
  | { kind: 'receive'; asset: number; quantity: number; unitCost: number }
  | { kind: 'adjust'; asset: number; change: number; unitCost: number }
  | { kind: 'confirm' | 'fulfil' | 'cancel'; order: number }
  | { kind: 'pay' | 'refund'; order: number; amount: number };

const ASSETS = 3;
const ORDERS = 4;

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('receive' as const),
    asset: fc.nat(ASSETS - 1),
    quantity: fc.integer({ min: 1, max: 8 }),
    unitCost: fc.integer({ min: 0, max: 999 }),
  }),
  fc.record({
    kind: fc.constant('adjust' as const),
    asset: fc.nat(ASSETS - 1),
    change: fc.integer({ min: -4, max: 4 }).filter((n) => n !== 0),
    unitCost: fc.integer({ min: 1, max: 999 }),
  }),
  fc.record({
    kind: fc.constantFrom('confirm' as const, 'fulfil' as const, 'cancel' as const),
    order: fc.nat(ORDERS - 1),
  }),
  fc.record({
    kind: fc.constantFrom('pay' as const, 'refund' as const),
    order: fc.nat(ORDERS - 1),
    amount: fc.integer({ min: 1, max: 6000 }),
  }),
);

/** Sets up a few assets (one allowing backorders) and draft orders for one run. */
async function world() {
  const customer = (await send('post', '/api/customers', buildCustomer())).body.data.documentId;
  const assets: string[] = [];
  for (let i = 0; i < ASSETS; i += 1) {
    const res = await send(
      'post',
      '/api/assets',
      buildAsset({ listPrice: 700 + i * 333, allowBackorders: i === 2 }),
    );
    assets.push(res.body.data.documentId);
  }
  const orders: string[] = [];
  for (let i = 0; i < ORDERS; i += 1) {
    const res = await send('post', '/api/orders', {
      customer,
      orderDate: '2026-12-01',
      freight: 125 * i,
      lines: [
        { asset: assets[i % ASSETS], quantity: 1 + (i % 3), taxRate: '0.0825', discount: '0.05' },
        { asset: assets[(i + 1) % ASSETS], quantity: 2 },
      ],
    });
    orders.push(res.body.data.documentId);
  }
  return { assets, orders };
}

async function run(stepToRun: Step, ids: { assets: string[]; orders: string[] }) {
  switch (stepToRun.kind) {
    case 'receive':
      return send('post', `/api/assets/${ids.assets[stepToRun.asset]}/receipts`, {
        quantity: stepToRun.quantity,
        unitCost: stepToRun.unitCost,
        date: '2026-12-01',
      });
    case 'adjust':
      return send('post', `/api/assets/${ids.assets[stepToRun.asset]}/adjustments`, {
        change: stepToRun.change,
        unitCost: stepToRun.unitCost,
        reason: 'count',
        date: '2026-12-01',
      });
    case 'pay':
    case 'refund':
      return send(
        'post',
        `/api/orders/${ids.orders[stepToRun.order]}/${stepToRun.kind === 'pay' ? 'payments' : 'refunds'}`,
        {
          amount: stepToRun.amount,
          method: 'cash',
        },
      );
    default:
      return send('post', `/api/orders/${ids.orders[stepToRun.order]}/${stepToRun.kind}`);
  }
}

const sum = async (
  table: string,
  columns: Record<string, string>,
  where: Record<string, unknown> = {},
) => {
  const [row] = await strapi.db.connection(table).where(where).sum(columns);
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, fromDatabase(value)]));
};

/** The invariants of the brief, read straight from the tables. */
async function checkInvariants() {
  const unbalanced = await strapi.db
    .connection('journal_lines')
    .select('entry_key')
    .groupBy('entry_key')
    .havingRaw('sum(debit) <> sum(credit)');
  expect(unbalanced).toEqual([]);

  const inventory = await sum(
    'journal_lines',
    { debit: 'debit', credit: 'credit' },
    { account_code: '1200' },
  );
  const stock = await sum('assets', { value: 'stock_value' });
  expect(inventory.debit - inventory.credit).toBe(stock.value);

  const assets = await strapi.db
    .connection('assets')
    .select('document_id', 'on_hand', 'reserved', 'available', 'stock_value', 'allow_backorders');
  for (const asset of assets) {
    const moved = await sum(
      'stock_movements',
      { onHand: 'on_hand_change', reserved: 'reserved_change', value: 'value_change' },
      { asset_document_id: asset.document_id },
    );
    expect([asset.on_hand, asset.reserved, fromDatabase(asset.stock_value)]).toEqual([
      moved.onHand,
      moved.reserved,
      moved.value,
    ]);
    expect(asset.on_hand).toBeGreaterThanOrEqual(0);
    expect(asset.available).toBe(asset.on_hand - asset.reserved);
    if (!asset.allow_backorders) {
      expect(asset.available).toBeGreaterThanOrEqual(0);
    }
  }

  const receivable = await sum(
    'journal_lines',
    { debit: 'debit', credit: 'credit' },
    { account_code: '1100' },
  );
  const invoiced = await sum('orders', { total: 'total' }, { order_status: 'fulfilled' });
  const paid = await sum('payments', { total: 'amount' }, { kind: 'payment' });
  const refunded = await sum('payments', { total: 'amount' }, { kind: 'refund' });
  expect(receivable.debit - receivable.credit).toBe(invoiced.total - paid.total + refunded.total);
}

it('keeps the ledger and the stock consistent after every step of random histories', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 18 }), async (steps) => {
      const ids = await world();
      for (const stepToRun of steps) {
        const res = await run(stepToRun, ids);
        // A refusal is a legitimate answer; a server error never is.
        expect([200, 201, 400, 409]).toContain(res.status);
        await checkInvariants();
      }
    }),
    { numRuns: 12, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 100000) },
  );
});
