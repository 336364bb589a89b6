import type { Core } from '@strapi/strapi';
import { receiveOpeningStock } from '../api/asset/inventory/stock-documents';
import { confirmOrders, fulfilOrders } from '../api/order/lifecycle/order-lifecycle';
import { groupBy } from '../platform/batches';
import { fromDatabase, parseRate, scaleAmount } from '../platform/money';
import { readCsvTable } from './csv-source';

export interface ReplayOptions {
  folder: string;
  /** Opening stock's unit cost as a share of the list price ("0.60"). */
  unitCostRatio?: string;
  /** The day before the first order. */
  openingDate?: string;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface ReplaySummary {
  openingStock: number;
  confirmed: number;
  fulfilled: number;
  skipped: number;
}

interface ReplayEvent {
  date: string;
  kind: 'confirm' | 'fulfil';
  orderId: number;
  externalRef: string;
}

/**
 * Replays Northwind's history through the real order lifecycle: opening stock for every product
 * (units in stock plus every unit ever ordered, at the list price × the cost ratio), then every
 * order confirmed on its order date and fulfilled on its shipped date, in date order, on one day
 * confirmations first, each by orderID. Orders must have been imported as drafts first. A day's
 * confirmations are one transaction (a batch, in orderID order), and so are its fulfilments;
 * every step is keyed, and orders already past a step are left alone, so a second replay
 * changes nothing.
 */
export async function replayNorthwind(
  strapi: Core.Strapi,
  options: ReplayOptions,
): Promise<ReplaySummary> {
  const ratio = parseRate(options.unitCostRatio ?? '0.60', 'unit cost ratio', 1);
  const openingDate = options.openingDate ?? '1996-07-03';
  const progress = options.onProgress ?? (() => undefined);
  const summary: ReplaySummary = { openingStock: 0, confirmed: 0, fulfilled: 0, skipped: 0 };

  const products = readCsvTable(options.folder, 'products.csv').rows;
  const details = readCsvTable(options.folder, 'order-details.csv').rows;
  const ordered = new Map<string, number>();
  for (const row of details) {
    ordered.set(
      row.values.productID,
      (ordered.get(row.values.productID) ?? 0) + Number(row.values.quantity),
    );
  }
  const assets = await strapi.db
    .query('api::asset.asset')
    .findMany({ select: ['documentId', 'sku', 'listPrice'] });
  const assetBySku = new Map(assets.map((asset) => [asset.sku as string, asset]));
  let done = 0;
  for (const product of products) {
    progress('opening stock', ++done, products.length);
    const asset = assetBySku.get(`NW-${product.values.productID}`);
    if (!asset) {
      continue;
    }
    const quantity =
      Number(product.values.unitsInStock) + (ordered.get(product.values.productID) ?? 0);
    if (quantity > 0) {
      await receiveOpeningStock(strapi, asset.documentId, {
        key: `opening:${asset.sku}`,
        quantity,
        unitCost: scaleAmount(fromDatabase(asset.listPrice), ratio, `unit cost of ${asset.sku}`),
        date: openingDate,
      });
      summary.openingStock += 1;
    }
  }

  const events = historyOf(
    readCsvTable(options.folder, 'orders.csv').rows.map((row) => row.values),
  );
  const orders = await strapi.db.query('api::order.order').findMany({
    where: { externalRef: { $startsWith: 'northwind:' } },
    select: ['documentId', 'externalRef', 'orderStatus'],
  });
  const byRef = new Map(orders.map((order) => [order.externalRef as string, order]));
  done = 0;
  for (const day of groupBy(events, (event) => `${event.date} ${event.kind}`).values()) {
    const { date, kind } = day[0];
    const due = day.flatMap((event) => {
      const order = byRef.get(event.externalRef);
      const status = order?.orderStatus as string | undefined;
      const isDue =
        (kind === 'confirm' && status === 'draft') || (kind === 'fulfil' && status === 'confirmed');
      return order && isDue ? [order] : [];
    });
    summary.skipped += day.length - due.length;
    done += day.length;
    progress('history', done, events.length);
    if (due.length === 0) {
      continue;
    }
    const requests = due.map((order) => ({ documentId: order.documentId as string, date }));
    if (kind === 'confirm') {
      await confirmOrders(strapi, requests);
      summary.confirmed += due.length;
    } else {
      await fulfilOrders(strapi, requests);
      summary.fulfilled += due.length;
    }
    for (const order of due) {
      order.orderStatus = kind === 'confirm' ? 'confirmed' : 'fulfilled';
    }
  }
  return summary;
}

/** Confirm and fulfil events in date order; on one day confirmations first, each by orderID. */
export function historyOf(orders: readonly Record<string, string>[]): ReplayEvent[] {
  const events: ReplayEvent[] = [];
  for (const order of orders) {
    const base = { orderId: Number(order.orderID), externalRef: `northwind:${order.orderID}` };
    events.push({ ...base, kind: 'confirm', date: order.orderDate.slice(0, 10) });
    if (order.shippedDate) {
      events.push({ ...base, kind: 'fulfil', date: order.shippedDate.slice(0, 10) });
    }
  }
  const rank = { confirm: 0, fulfil: 1 };
  return events.sort(
    (a, b) => a.date.localeCompare(b.date) || rank[a.kind] - rank[b.kind] || a.orderId - b.orderId,
  );
}
