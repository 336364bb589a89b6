import Big from 'big.js';
import { parse } from 'csv-parse/sync';
import type { Response } from 'supertest';
import { api, fullAccessToken } from '../harness/builders';
import {
  loadNorthwind,
  northwindOrders,
  REPLAY_TIMEOUT_MS,
  readNorthwind,
  unitCosts,
  type NorthwindOrder,
} from '../harness/northwind';
import { startTestApp, type TestApp } from '../harness/strapi';

/**
 * The reports after the Northwind replay, against figures computed here from the CSVs.
 * NOTE: one replay for the whole file (about two minutes on SQLite); every test only reads.
 */

let app: TestApp;
let auth: string;

beforeAll(async () => {
  app = await startTestApp();
  await loadNorthwind(app);
  auth = await fullAccessToken(app.strapi);
}, REPLAY_TIMEOUT_MS);
afterAll(async () => app?.stop());

type Json = Response['body'];

async function report(name: string, query: Record<string, string> = {}): Promise<Json> {
  const res = await api(app.strapi)
    .get(`/api/reports/${name}`)
    .query(query)
    .set('Authorization', auth);
  expect([name, res.status]).toEqual([name, 200]);
  return res.body;
}

async function csvOf(name: string, query: Record<string, string> = {}) {
  const res = await api(app.strapi)
    .get(`/api/reports/${name}`)
    .query({ ...query, format: 'csv' })
    .set('Authorization', auth)
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => done(null, text));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}.csv"`);
  return parse(res.body as string, { columns: true }) as Record<string, string>[];
}

/** A JSON row as the CSV writes it: every value as text, null as an empty cell. */
const asCsvRow = (row: Record<string, unknown>, columns: readonly string[]) =>
  Object.fromEntries(
    columns.map((column) => [column, row[column] === null ? '' : String(row[column])]),
  );

const shipped = (orders: NorthwindOrder[]) => orders.filter((order) => order.shippedDate !== null);
const groupSum = <T>(rows: readonly T[], key: (row: T) => string, value: (row: T) => number) => {
  const sums = new Map<string, number>();
  for (const row of rows) {
    sums.set(key(row), (sums.get(key(row)) ?? 0) + value(row));
  }
  return sums;
};
/** A percentage with 2 places, half away from zero (the brief's rule for ratios). */
const percent = (part: number, whole: number) =>
  new Big(part).times(100).div(whole).round(2, Big.roundHalfUp).toFixed(2);
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);

describe('the trial balance after the Northwind replay', () => {
  it("holds the README's figures and balances", async () => {
    const body = await report('trial-balance');
    const account = (code: string) => body.data.find((row: Json) => row.code === code);
    expect(account('4000')).toMatchObject({ name: 'Sales revenue', debit: 0, credit: 123985585 });
    expect(account('4100')).toMatchObject({ debit: 0, credit: 6395502, balance: -6395502 });
    expect(account('1100')).toMatchObject({ debit: 130381087, credit: 0, balance: 130381087 });
    expect(account('1200').balance).toBe(6089674);
    const debits = body.data.reduce((sum: number, row: Json) => sum + row.debit, 0);
    const credits = body.data.reduce((sum: number, row: Json) => sum + row.credit, 0);
    expect(debits).toBe(credits);
    expect(body.meta).toMatchObject({
      currency: 'USD',
      totals: { debit: debits, credit: credits },
      balanced: true,
    });
  });

  it('counts only the lines within from and to', async () => {
    const orders = shipped(northwindOrders()).filter(
      (order) =>
        (order.shippedDate as string) >= '1997-01-01' &&
        (order.shippedDate as string) <= '1997-12-31',
    );
    const body = await report('trial-balance', { from: '1997-01-01', to: '1997-12-31' });
    const account = (code: string) => body.data.find((row: Json) => row.code === code);
    expect(account('4000').credit).toBe(orders.reduce((sum, order) => sum + order.net, 0));
    expect(account('5000').debit).toBe(orders.reduce((sum, order) => sum + order.cost, 0));
    expect(account('3000').credit).toBe(0);
  });
});

describe('the profit and loss after the Northwind replay', () => {
  it('has one row per month of shipments, each equal to the CSVs, summing to the ledger', async () => {
    const orders = shipped(northwindOrders());
    const month = (order: NorthwindOrder) => (order.shippedDate as string).slice(0, 7);
    const revenue = groupSum(orders, month, (order) => order.net);
    const freight = groupSum(orders, month, (order) => order.freight);
    const cost = groupSum(orders, month, (order) => order.cost);
    const body = await report('profit-and-loss');
    expect(body.data.map((row: Json) => row.month)).toEqual([...revenue.keys()].sort());
    for (const row of body.data) {
      const margin = revenue.get(row.month)! + freight.get(row.month)! - cost.get(row.month)!;
      expect(row).toEqual({
        month: row.month,
        revenue: revenue.get(row.month),
        freight: freight.get(row.month),
        costOfGoods: cost.get(row.month),
        grossMargin: margin,
        marginPercent: percent(margin, revenue.get(row.month)! + freight.get(row.month)!),
      });
    }
    expect(body.meta.totals).toMatchObject({
      revenue: 123985585,
      freight: 6395502,
      costOfGoods: 85315022,
      grossMargin: 123985585 + 6395502 - 85315022,
    });
  });
});

describe('reconciliation after the Northwind replay', () => {
  it('ties out', async () => {
    const body = await report('reconciliation');
    expect(body.data).toEqual({
      tiedOut: true,
      counts: {
        orders: 830,
        creditNotes: 0,
        entries: 77 + 809 * 2,
        assets: 77,
        ordersMismatching: 0,
        creditNotesMismatching: 0,
        entriesUnbalanced: 0,
        assetsMismatching: 0,
        mismatches: 0,
      },
      mismatches: [],
    });
  });
});

describe('the stock report after the Northwind replay', () => {
  it("gives each product's levels, value, average cost and reorder flag as the CSVs do", async () => {
    const products = readNorthwind('products.csv');
    const costs = unitCosts(products);
    const orders = northwindOrders();
    const open = new Set(orders.filter((o) => o.shippedDate === null).map((o) => o.orderID));
    const reserved = groupSum(
      readNorthwind('order-details.csv').filter((line) => open.has(line.orderID)),
      (line) => line.productID,
      (line) => Number(line.quantity),
    );
    const body = await report('stock');
    expect(body.data).toHaveLength(77);
    for (const product of products) {
      const row = body.data.find((r: Json) => r.sku === `NW-${product.productID}`);
      const held = reserved.get(product.productID) ?? 0;
      const onHand = Number(product.unitsInStock) + held;
      const unitCost = costs.get(product.productID) as number;
      expect(row).toMatchObject({
        sku: `NW-${product.productID}`,
        onHand,
        reserved: held,
        available: Number(product.unitsInStock),
        stockValue: onHand * unitCost,
        averageCost: onHand === 0 ? null : unitCost.toFixed(2),
        reorderLevel: Number(product.reorderLevel),
        belowReorderLevel: Number(product.unitsInStock) < Number(product.reorderLevel),
      });
    }
    expect(body.meta.totals).toMatchObject({ onHand: 4317, stockValue: 6089674 });
    const below = await report('stock', { belowReorderLevel: 'true' });
    expect(below.data.map((row: Json) => row.sku)).toEqual(
      body.data.filter((row: Json) => row.belowReorderLevel).map((row: Json) => row.sku),
    );
    expect(below.data.length).toBeGreaterThan(0);
  });
});

describe('receivables after the Northwind replay', () => {
  it('ages each customer by invoice date as of asOf, as the CSVs say', async () => {
    const asOf = '1998-03-31';
    const invoiced = shipped(northwindOrders()).filter((o) => (o.shippedDate as string) <= asOf);
    const bucketOf = (order: NorthwindOrder) => {
      const days = daysBetween(order.shippedDate as string, asOf);
      return days <= 30
        ? 'days0to30'
        : days <= 60
          ? 'days31to60'
          : days <= 90
            ? 'days61to90'
            : 'over90';
    };
    const owed = (order: NorthwindOrder) => order.net + order.freight;
    const body = await report('receivables', { asOf });
    expect(body.meta.asOf).toBe(asOf);
    const byCustomer = groupSum(invoiced, (o) => o.customerID, owed);
    expect(body.data).toHaveLength(byCustomer.size);
    for (const row of body.data) {
      const mine = invoiced.filter((o) => o.customerID === row.code);
      const buckets = groupSum(mine, bucketOf, owed);
      expect(row).toMatchObject({
        code: row.code,
        invoiced: byCustomer.get(row.code),
        paid: 0,
        credited: 0,
        outstanding: byCustomer.get(row.code),
        days0to30: buckets.get('days0to30') ?? 0,
        days31to60: buckets.get('days31to60') ?? 0,
        days61to90: buckets.get('days61to90') ?? 0,
        over90: buckets.get('over90') ?? 0,
        prepaid: 0,
      });
    }
    const allTime = await report('receivables');
    expect(allTime.meta.totals.outstanding).toBe(130381087);
  });
});

describe('customer value after the Northwind replay', () => {
  it("ranks customers by margin with each one's figures from the CSVs", async () => {
    const orders = northwindOrders();
    const invoiced = shipped(orders);
    const body = await report('customer-value');
    expect(body.data).toHaveLength(91);
    const margins = body.data.map((row: Json) => row.grossMargin);
    expect(margins).toEqual([...margins].sort((a, b) => b - a));
    expect(body.data.map((row: Json) => row.rank)).toEqual(
      body.data.map((_: Json, i: number) => i + 1),
    );
    for (const row of body.data) {
      const mine = invoiced.filter((o) => o.customerID === row.code);
      const placed = orders
        .filter((o) => o.customerID === row.code)
        .map((o) => o.orderDate)
        .sort();
      const revenue = mine.reduce((sum, o) => sum + o.net, 0);
      const cost = mine.reduce((sum, o) => sum + o.cost, 0);
      expect(row).toMatchObject({
        code: row.code,
        orders: mine.length,
        revenue,
        cost,
        grossMargin: revenue - cost,
        marginPercent: revenue === 0 ? null : percent(revenue - cost, revenue),
        averageOrderValue: mine.length === 0 ? 0 : Math.round(revenue / mine.length),
        outstanding: mine.reduce((sum, o) => sum + o.net + o.freight, 0),
        firstOrder: placed[0] ?? null,
        lastOrder: placed[placed.length - 1] ?? null,
      });
    }
    expect(
      body.data
        .filter((row: Json) => row.orders === 0)
        .map((row: Json) => row.code)
        .sort(),
    ).toEqual(['FISSA', 'PARIS']);
  });
});

describe('sales after the Northwind replay', () => {
  it('sums the shipped lines by product and by country as the CSVs do', async () => {
    const orders = northwindOrders();
    const shippedIds = new Set(shipped(orders).map((o) => o.orderID));
    const lines = readNorthwind('order-details.csv').filter((line) => shippedIds.has(line.orderID));
    const country = new Map(readNorthwind('customers.csv').map((c) => [c.customerID, c.country]));
    const customerOf = new Map(orders.map((o) => [o.orderID, o.customerID]));
    const netOf = new Map(orders.map((o) => [o.orderID, o.net]));
    const body = await report('sales');
    const byProduct = groupSum(
      lines,
      (line) => `NW-${line.productID}`,
      (line) => Number(line.quantity),
    );
    expect(body.data.byProduct).toHaveLength(byProduct.size);
    for (const row of body.data.byProduct) {
      expect([row.sku, row.quantity]).toEqual([row.sku, byProduct.get(row.sku)]);
    }
    const byCountry = groupSum(
      shipped(orders),
      (o) => country.get(customerOf.get(o.orderID)!)!,
      (o) => netOf.get(o.orderID)!,
    );
    expect(
      Object.fromEntries(body.data.byCountry.map((row: Json) => [row.country, row.net])),
    ).toEqual(Object.fromEntries(byCountry));
    expect(body.meta.totals.net).toBe(123985585);
  });
});

describe('CSV downloads after the Northwind replay', () => {
  const flat = [
    ['trial-balance', ['code', 'name', 'debit', 'credit', 'balance']],
    [
      'profit-and-loss',
      ['month', 'revenue', 'freight', 'costOfGoods', 'grossMargin', 'marginPercent'],
    ],
    [
      'receivables',
      [
        'customerDocumentId',
        'code',
        'companyName',
        'invoiced',
        'paid',
        'credited',
        'outstanding',
        'days0to30',
        'days31to60',
        'days61to90',
        'over90',
        'prepaid',
      ],
    ],
    [
      'customer-value',
      [
        'rank',
        'customerDocumentId',
        'code',
        'companyName',
        'orders',
        'revenue',
        'cost',
        'grossMargin',
        'marginPercent',
        'averageOrderValue',
        'outstanding',
        'firstOrder',
        'lastOrder',
      ],
    ],
    [
      'stock',
      [
        'assetDocumentId',
        'sku',
        'name',
        'assetStatus',
        'onHand',
        'reserved',
        'available',
        'stockValue',
        'averageCost',
        'reorderLevel',
        'belowReorderLevel',
      ],
    ],
  ] as const;

  it.each(flat)('%s parses back to the JSON figures', async (name, columns) => {
    const json = await report(name);
    const csv = await csvOf(name);
    expect(Object.keys(csv[0])).toEqual([...columns]);
    expect(csv).toEqual(json.data.map((row: Json) => asCsvRow(row, columns)));
  });

  it('sales parses back by product and by country', async () => {
    const json = await report('sales');
    const products = await csvOf('sales');
    const countries = await csvOf('sales', { by: 'country' });
    const productColumns = ['sku', 'name', 'orders', 'quantity', 'net', 'tax'];
    const countryColumns = ['country', 'customers', 'orders', 'quantity', 'net', 'tax'];
    expect(products).toEqual(json.data.byProduct.map((row: Json) => asCsvRow(row, productColumns)));
    expect(countries).toEqual(
      json.data.byCountry.map((row: Json) => asCsvRow(row, countryColumns)),
    );
    // Names with accents and commas survive the round trip.
    expect(products.some((row) => row.name === 'Côte de Blaye')).toBe(true);
  });

  it('reconciliation parses back to its (empty) list of mismatches', async () => {
    const csv = await csvOf('reconciliation');
    expect(csv).toEqual([]);
  });
});
