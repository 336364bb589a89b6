import fs from 'node:fs';
import path from 'node:path';
import Big from 'big.js';
import { parse } from 'csv-parse/sync';
import type * as Replay from '../../src/import/replay';
import type * as Import from '../../src/import/run-import';
import type { TestApp } from './strapi';

/**
 * The Northwind sample for tests: loading it through the importer and the replay, and the
 * figures a test computes from the CSVs with big.js, independently of the app.
 */

const ROOT = path.resolve(__dirname, '..', '..');
export const NORTHWIND = path.join(ROOT, 'data', 'northwind');
export const UNIT_COST_RATIO = '0.60';
/**
 * A hook that loads Northwind needs longer than Jest's default: the replay takes about two
 * minutes on SQLite and over five on PostgreSQL while another replay runs beside it.
 */
export const REPLAY_TIMEOUT_MS = 900_000;

// NOTE: the compiled modules Strapi runs, so their writer context is the one its guards read.
const compiled = <T>(...parts: string[]) =>
  import(path.join(ROOT, 'dist', 'src', ...parts)) as Promise<T>;

/** Imports the Northwind CSVs and replays their history through the order lifecycle. */
export async function loadNorthwind(app: TestApp): Promise<typeof Replay.replayNorthwind> {
  const { runImport } = await compiled<typeof Import>('import', 'run-import');
  await runImport(app.strapi, { folder: NORTHWIND, preset: 'northwind' });
  const { replayNorthwind } = await compiled<typeof Replay>('import', 'replay');
  await replayNorthwind(app.strapi, { folder: NORTHWIND, unitCostRatio: UNIT_COST_RATIO });
  return replayNorthwind;
}

export type CsvRow = Record<string, string>;

export const readNorthwind = (file: string) =>
  parse(fs.readFileSync(path.join(NORTHWIND, file)), { columns: true, bom: true }) as CsvRow[];

/** A price in dollars as text ("18.00") in cents, exactly. */
export const cents = (text: string) => new Big(text).times(100);

/** A line's net in cents: quantity × unit price × (1 − discount), half away from zero. */
export const lineNet = (line: CsvRow) =>
  Number(
    cents(line.unitPrice)
      .times(line.quantity)
      .times(new Big(1).minus(line.discount))
      .round(0, Big.roundHalfUp),
  );

/** Each product's replay unit cost in cents: round(list price × the cost ratio). */
export function unitCosts(products: readonly CsvRow[]): Map<string, number> {
  return new Map(
    products.map((p) => [
      p.productID,
      Number(cents(p.unitPrice).times(UNIT_COST_RATIO).round(0, Big.roundHalfUp)),
    ]),
  );
}

/** One Northwind order as the replay leaves it, computed from the CSVs. */
export interface NorthwindOrder {
  orderID: string;
  customerID: string;
  orderDate: string;
  /** The invoice date: the shipped date, or null for the 21 orders left confirmed. */
  shippedDate: string | null;
  net: number;
  freight: number;
  cost: number;
  units: number;
}

/** Every order with its net, freight, cost of goods (single opening cost) and units. */
export function northwindOrders(): NorthwindOrder[] {
  const costs = unitCosts(readNorthwind('products.csv'));
  const details = readNorthwind('order-details.csv');
  const linesOf = new Map<string, CsvRow[]>();
  for (const line of details) {
    linesOf.set(line.orderID, [...(linesOf.get(line.orderID) ?? []), line]);
  }
  return readNorthwind('orders.csv').map((order) => {
    const lines = linesOf.get(order.orderID) ?? [];
    return {
      orderID: order.orderID,
      customerID: order.customerID,
      orderDate: order.orderDate.slice(0, 10),
      shippedDate: order.shippedDate ? order.shippedDate.slice(0, 10) : null,
      net: lines.reduce((sum, line) => sum + lineNet(line), 0),
      freight: Number(cents(order.freight)),
      cost: lines.reduce(
        (sum, line) => sum + Number(line.quantity) * (costs.get(line.productID) as number),
        0,
      ),
      units: lines.reduce((sum, line) => sum + Number(line.quantity), 0),
    };
  });
}
