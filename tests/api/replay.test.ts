import { fromDatabase } from '../../src/platform/money';
import {
  cents,
  lineNet,
  loadNorthwind,
  NORTHWIND,
  readNorthwind as read,
  REPLAY_TIMEOUT_MS,
  unitCosts,
} from '../harness/northwind';
import { startTestApp, type TestApp } from '../harness/strapi';

let app: TestApp;
let replayNorthwind: Awaited<ReturnType<typeof loadNorthwind>>;

beforeAll(async () => {
  app = await startTestApp();
  replayNorthwind = await loadNorthwind(app);
}, REPLAY_TIMEOUT_MS);
afterAll(async () => app?.stop());

/** The README's figures, computed here from the CSVs with big.js, independently of the app. */
function expectedFigures() {
  const products = read('products.csv');
  const orders = read('orders.csv');
  const details = read('order-details.csv');
  const shipped = new Set(orders.filter((o) => o.shippedDate).map((o) => o.orderID));
  const unitCost = unitCosts(products);
  let net = 0;
  let cost = 0;
  const orderedUnits = new Map<string, number>();
  const unshippedUnits = new Map<string, number>();
  for (const line of details) {
    const quantity = Number(line.quantity);
    orderedUnits.set(line.productID, (orderedUnits.get(line.productID) ?? 0) + quantity);
    if (shipped.has(line.orderID)) {
      net += lineNet(line);
      // A single opening receipt at one unit cost: every issue costs quantity × that cost.
      cost += quantity * (unitCost.get(line.productID) as number);
    } else {
      unshippedUnits.set(line.productID, (unshippedUnits.get(line.productID) ?? 0) + quantity);
    }
  }
  const freight = orders
    .filter((o) => o.shippedDate)
    .reduce((sum, o) => sum + Number(cents(o.freight)), 0);
  const opening = products.reduce(
    (sum, p) =>
      sum +
      (Number(p.unitsInStock) + (orderedUnits.get(p.productID) ?? 0)) *
        (unitCost.get(p.productID) as number),
    0,
  );
  return {
    products,
    shipped: shipped.size,
    unshipped: orders.length - shipped.size,
    net,
    cost,
    freight,
    opening,
    unshippedUnits,
  };
}

async function balance(code: string): Promise<number> {
  const [row] = await app.strapi.db
    .connection('journal_lines')
    .where({ account_code: code })
    .sum({ debit: 'debit', credit: 'credit' });
  return fromDatabase(row.debit) - fromDatabase(row.credit);
}

async function state() {
  const statuses: { order_status: string; n: unknown }[] = await app.strapi.db
    .connection('orders')
    .select('order_status')
    .count({ n: '*' })
    .groupBy('order_status');
  const accounts = Object.fromEntries(
    await Promise.all(
      ['1100', '1200', '3000', '4000', '4100', '5000'].map(async (c) => [c, await balance(c)]),
    ),
  );
  const assets = await app.strapi.db.query('api::asset.asset').findMany({
    select: ['sku', 'onHand', 'reserved', 'available', 'stockValue'],
    orderBy: { sku: 'asc' },
  });
  const movements = await app.strapi.db.query('api::asset.stock-movement').count();
  return { statuses, accounts, assets, movements };
}

describe('the Northwind replay', () => {
  it('ends where Northwind ends: every figure of data/northwind/README.md', async () => {
    const expected = expectedFigures();
    const { statuses, accounts, assets } = await state();
    const count = (status: string) =>
      Number(statuses.find((row) => row.order_status === status)?.n ?? 0);
    expect([count('fulfilled'), count('confirmed')]).toEqual([
      expected.shipped,
      expected.unshipped,
    ]);
    expect([expected.shipped, expected.unshipped]).toEqual([809, 21]);
    expect(-accounts['4000']).toBe(expected.net);
    expect(expected.net).toBe(123985585);
    expect(-accounts['4100']).toBe(expected.freight);
    expect(expected.freight).toBe(6395502);
    expect(accounts['1100']).toBe(expected.net + expected.freight);
    expect(accounts['1100']).toBe(130381087);
    expect(-accounts['3000']).toBe(expected.opening);
    expect(expected.opening).toBe(91404696);
    expect(accounts['5000']).toBe(expected.cost);
    expect(expected.cost).toBe(85315022);
    expect(accounts['1200']).toBe(expected.opening - expected.cost);
    expect(accounts['1200']).toBe(6089674);
    const stockValues = assets.reduce((sum, asset) => sum + fromDatabase(asset.stockValue), 0);
    expect(stockValues).toBe(accounts['1200']);
    expect(assets.reduce((sum, asset) => sum + asset.onHand, 0)).toBe(4317);
  });

  it('leaves each product with available = unitsInStock and reserved = its unshipped units', async () => {
    const expected = expectedFigures();
    const { assets } = await state();
    const bySku = new Map(assets.map((asset) => [asset.sku, asset]));
    expect(expected.products).toHaveLength(77);
    for (const product of expected.products) {
      const asset = bySku.get(`NW-${product.productID}`);
      expect([product.productID, asset?.available, asset?.reserved]).toEqual([
        product.productID,
        Number(product.unitsInStock),
        expected.unshippedUnits.get(product.productID) ?? 0,
      ]);
    }
  });

  it('changes nothing when replayed a second time', async () => {
    const before = await state();
    const summary = await replayNorthwind(app.strapi, { folder: NORTHWIND });
    expect(summary).toMatchObject({ confirmed: 0, fulfilled: 0, skipped: 830 + 809 });
    expect(await state()).toEqual(before);
  });
});
