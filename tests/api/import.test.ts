import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Big from 'big.js';
import { parse } from 'csv-parse/sync';
import { runImport, type ImportSummary } from '../../src/import/run-import';
import { fromDatabase } from '../../src/platform/money';
import { startTestApp, type TestApp } from '../harness/strapi';

const NORTHWIND = path.resolve(__dirname, '..', '..', 'data', 'northwind');
const ROOT = path.resolve(__dirname, '..', '..');

let app: TestApp;
let first: ImportSummary;

beforeAll(async () => {
  app = await startTestApp();
  first = await runImport(app.strapi, { folder: NORTHWIND, preset: 'northwind' });
});
afterAll(async () => app?.stop());

/** Figures computed here from the CSVs, independently of the app's money module. */
function expectedNorthwindFigures() {
  const read = (file: string) =>
    parse(fs.readFileSync(path.join(NORTHWIND, file)), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
  const details = read('order-details.csv');
  const orders = read('orders.csv');
  const cents = (text: string) => new Big(text).times(100);
  const netPerLine = (row: Record<string, string>, mode: Big.RoundingMode) =>
    cents(row.unitPrice).times(row.quantity).times(new Big(1).minus(row.discount)).round(0, mode);
  const net = details.reduce((sum, row) => sum.plus(netPerLine(row, Big.roundHalfUp)), new Big(0));
  const freight = orders.reduce((sum, row) => sum.plus(cents(row.freight)), new Big(0));
  return {
    orders: orders.length,
    lines: details.length,
    net: Number(net),
    freight: Number(freight),
  };
}

async function sumOrders(column: 'subtotal' | 'freight'): Promise<number> {
  const rows = await app.strapi.db.connection('orders').sum({ total: column });
  return fromDatabase(rows[0].total);
}

async function countAll() {
  const count = (uid: string) => app.strapi.db.query(uid as never).count();
  return {
    customers: await count('api::customer.customer'),
    assets: await count('api::asset.asset'),
    orders: await count('api::order.order'),
    lines: Number(
      (await app.strapi.db.connection('components_order_lines').count({ n: '*' }))[0].n,
    ),
  };
}

describe('the Northwind import', () => {
  it('creates 91 customers, 77 assets, 830 orders and 2,155 lines', async () => {
    expect(first.problems).toEqual([]);
    expect(first.customers).toMatchObject({ read: 91, created: 91, failed: 0 });
    expect(first.assets).toMatchObject({ read: 77, created: 77, failed: 0 });
    expect(first.orders).toMatchObject({ read: 830, created: 830, failed: 0 });
    expect(await countAll()).toEqual({ customers: 91, assets: 77, orders: 830, lines: 2155 });
  });

  it('prices every line once, half away from zero: net totals and freight match the CSVs', async () => {
    const expected = expectedNorthwindFigures();
    expect(expected.net).toBe(126579329); // the README's 1,265,793.29
    expect(expected.freight).toBe(6494269); // 64,942.69
    expect(await sumOrders('subtotal')).toBe(expected.net);
    expect(await sumOrders('freight')).toBe(expected.freight);
    // Rounding once per order instead would give 1,265,793.22; the per-line rule is what we store.
    expect(await sumOrders('subtotal')).not.toBe(126579322);
  });

  it('keeps Northwind keys: NW-<productID> SKUs, customer codes and northwind:<orderID> refs', async () => {
    const order = await app.strapi.documents('api::order.order').findFirst({
      filters: { externalRef: 'northwind:10248' },
      populate: { customer: true, lines: { populate: { asset: true } } },
    });
    expect(order?.customer?.code).toBe('VINET');
    expect(order?.orderStatus).toBe('draft');
    expect(order?.orderDate).toBe('1996-07-04');
    const lines = (order?.lines ?? []) as {
      lineNo: number;
      quantity: number;
      asset?: { sku: string };
    }[];
    expect(lines.map((line) => [line.lineNo, line.asset?.sku, line.quantity])).toEqual([
      [1, 'NW-11', 12],
      [2, 'NW-42', 10],
      [3, 'NW-72', 5],
    ]);
  });

  it('creates and changes nothing when run a second time', async () => {
    const before = await countAll();
    const updatedAt = await app.strapi.db
      .query('api::customer.customer')
      .findMany({ select: ['updatedAt'] });
    const second = await runImport(app.strapi, { folder: NORTHWIND, preset: 'northwind' });
    expect(second.customers).toMatchObject({ created: 0, updated: 0, skipped: 91 });
    expect(second.assets).toMatchObject({ created: 0, updated: 0, skipped: 77 });
    expect(second.orders).toMatchObject({ created: 0, updated: 0, skipped: 830 });
    expect(await countAll()).toEqual(before);
    expect(
      await app.strapi.db.query('api::customer.customer').findMany({ select: ['updatedAt'] }),
    ).toEqual(updatedAt);
  });

  it('reports broken rows line by line and writes no part of a broken order', async () => {
    const folder = brokenFolder();
    const before = await countAll();
    const summary = await runImport(app.strapi, { folder, preset: 'northwind' });
    expect(summary.problems).toEqual(
      expect.arrayContaining([
        {
          file: 'orders.csv',
          line: 3,
          field: '-',
          reason: 'wrong number of columns: expected 14, found 15',
        },
        { file: 'order-details.csv', line: 4, field: 'productID', reason: 'unknown product 999' },
        {
          file: 'order-details.csv',
          line: 5,
          field: 'quantity',
          reason: '"abc" is not a positive whole number',
        },
        { file: 'order-details.csv', line: 6, field: 'unitPrice', reason: '"-3.00" is negative' },
        {
          file: 'orders.csv',
          line: 6,
          field: 'orderDate',
          reason: '"1997-02-30 00:00:00.000" is not a date',
        },
        // Refused by the order service, not by the CSV checks: its batch is retried one order
        // at a time, so the refusal lands on this order and 90001 is still created.
        {
          file: 'orders.csv',
          line: 8,
          field: 'lines',
          reason: 'data.lines: line net is beyond ±9007199254740991 minor units',
        },
      ]),
    );
    expect(summary.orders).toMatchObject({ read: 7, created: 1, failed: 6 });
    expect(summary.customers).toMatchObject({ read: 92, skipped: 91, failed: 1 });
    const written = await app.strapi.db.query('api::order.order').findMany({
      where: {
        externalRef: {
          $in: [90002, 90003, 90004, 90005, 90006, 90007].map((id) => `northwind:${id}`),
        },
      },
    });
    expect(written).toEqual([]);
    const after = await countAll();
    expect(after).toEqual({ ...before, orders: before.orders + 1, lines: before.lines + 1 });
  });

  it('runs from the command line, with a progress bar and a summary, and a dry run writes nothing', async () => {
    const before = await countAll();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        path.join(ROOT, 'dist', 'scripts', 'import.js'),
        NORTHWIND,
        '--preset',
        'northwind',
        '--dry-run',
      ],
      { cwd: ROOT, env: process.env },
    );
    expect(stdout).toContain('Dry run: nothing was written.');
    expect(stdout).toMatch(/orders\s+830\s+0\s+0\s+830\s+0/);
    expect(await countAll()).toEqual(before);
  });
});

/** A copy of Northwind's customers and products with five new orders, four of them broken. */
function brokenFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-broken-'));
  for (const file of ['customers.csv', 'products.csv', 'categories.csv']) {
    fs.copyFileSync(path.join(NORTHWIND, file), path.join(folder, file));
  }
  // A second ALFKI row, at line 93.
  fs.appendFileSync(
    path.join(folder, 'customers.csv'),
    'ALFKI,Alfreds Again,Maria Anders,Owner,Obere Str. 57,Berlin,,12209,Germany,030-0074321,\n',
  );
  const header =
    'orderID,customerID,employeeID,orderDate,requiredDate,shippedDate,shipVia,freight,shipName,shipAddress,shipCity,shipRegion,shipPostalCode,shipCountry';
  const order = (id: number, date = '1997-02-01 00:00:00.000') =>
    `${id},ALFKI,1,${date},,,1,1.00,Alfreds,Obere Str. 57,Berlin,,12209,Germany`;
  fs.writeFileSync(
    path.join(folder, 'orders.csv'),
    [
      header,
      order(90001),
      `${order(90002)},extra`,
      order(90003),
      order(90004),
      order(90005, '1997-02-30 00:00:00.000'),
      order(90006),
      order(90007),
    ].join('\n') + '\n',
  );
  fs.writeFileSync(
    path.join(folder, 'order-details.csv'),
    [
      'orderID,productID,unitPrice,quantity,discount',
      '90001,1,18.00,2,0',
      '90002,1,18.00,1,0',
      '90003,999,1.00,1,0',
      '90004,1,18.00,abc,0',
      '90004,2,-3.00,1,0',
      '90005,1,18.00,1,0',
      '90006,1,18.00,2000000000,0',
      '90007,1,99999999.00,1000000000,0',
    ].join('\n') + '\n',
  );
  return folder;
}
