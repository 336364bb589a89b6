import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runImport } from '../../src/import/run-import';
import { startTestApp, type TestApp } from '../harness/strapi';

/**
 * The importer creates drafts 100 to a transaction; a batch the order service refuses is
 * created again one order at a time.
 */

const NORTHWIND = path.resolve(__dirname, '..', '..', 'data', 'northwind');

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

/** Northwind's customers and products with `count` one-line orders; `broken` ones overflow. */
function folderWithOrders(count: number, broken: ReadonlySet<number>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-batches-'));
  for (const file of ['customers.csv', 'products.csv', 'categories.csv']) {
    fs.copyFileSync(path.join(NORTHWIND, file), path.join(folder, file));
  }
  const ids = Array.from({ length: count }, (_, index) => 80001 + index);
  fs.writeFileSync(
    path.join(folder, 'orders.csv'),
    [
      'orderID,customerID,employeeID,orderDate,requiredDate,shippedDate,shipVia,freight,shipName,shipAddress,shipCity,shipRegion,shipPostalCode,shipCountry',
      ...ids.map(
        (id) =>
          `${id},ALFKI,1,1997-02-01 00:00:00.000,,,1,1.00,Alfreds,Obere Str. 57,Berlin,,12209,Germany`,
      ),
    ].join('\n') + '\n',
  );
  fs.writeFileSync(
    path.join(folder, 'order-details.csv'),
    [
      'orderID,productID,unitPrice,quantity,discount',
      ...ids.map((id, index) =>
        broken.has(index) ? `${id},1,99999999.00,1000000000,0` : `${id},1,18.00,2,0`,
      ),
    ].join('\n') + '\n',
  );
  return folder;
}

describe('importing orders in batches', () => {
  it('creates every good order of a refused batch, blames the bad one, and numbers them without gaps', async () => {
    const folder = folderWithOrders(250, new Set([150]));
    const summary = await runImport(app.strapi, { folder, preset: 'northwind' });
    expect(summary.orders).toMatchObject({ read: 250, created: 249, failed: 1 });
    expect(summary.problems).toEqual([
      {
        file: 'orders.csv',
        line: 152,
        field: 'lines',
        reason: 'data.lines: line net is beyond ±9007199254740991 minor units',
      },
    ]);
    const orders = await app.strapi.db.query('api::order.order').findMany({
      where: { externalRef: { $startsWith: 'northwind:8' } },
      select: ['number', 'externalRef'],
      orderBy: { number: 'asc' },
    });
    expect(orders).toHaveLength(249);
    const numbers = orders.map((order) => Number(String(order.number).slice(3)));
    expect(numbers).toEqual(numbers.map((_, index) => numbers[0] + index));
    // In file order: the number follows the orderID.
    const refs = orders.map((order) => Number(String(order.externalRef).slice(10)));
    expect(refs).toEqual([...refs].sort((a, b) => a - b));
    expect(refs).not.toContain(80151);

    const again = await runImport(app.strapi, { folder, preset: 'northwind' });
    expect(again.orders).toMatchObject({ created: 0, failed: 1 });
    expect(await app.strapi.db.query('api::order.order').count()).toBe(249);
  });
});
