import type { Core } from '@strapi/strapi';
import {
  amountsOf,
  dateText,
  withinDates,
  type DateRange,
  type SqlQuery,
} from '../../platform/report-sql';

/**
 * The order capability's read-only report queries, for the reports plugin (through the
 * `api::order.order-reports` service): order figures per customer and per line, and per-order
 * totals that reconciliation joins to the ledger's and inventory's.
 * NOTE: assets and customers come back by their numeric id (the order's own links); the plugin
 * names them from the inventory and customer capabilities' own queries.
 */

const ORDER_UID = 'api::order.order';
const LINE_COMPONENT = 'order.line';
const CREDIT_NOTE_UID = 'api::order.credit-note';
/** Orders that were invoiced. */
const INVOICED = ['fulfilled', 'returned'];
/** Orders that count as business with a customer (not drafts, not cancelled). */
const PLACED = ['confirmed', 'fulfilled', 'returned'];

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  on?: Record<string, string>;
}

export interface CustomerOrderStatsRow {
  customerId: number;
  orders: number;
  firstOrder: string | null;
  lastOrder: string | null;
}

export interface LineSalesRow {
  /** The asset's or the customer's numeric id, by what was asked. */
  id: number;
  orders: number;
  quantity: number;
  net: number;
  tax: number;
}

function joinTableOf(strapi: Core.Strapi, uid: string, attribute: string): JoinTable {
  const meta = strapi.db.metadata.get(uid as never) as unknown as {
    attributes: Record<string, { joinTable?: JoinTable }>;
  };
  const joinTable = meta.attributes[attribute]?.joinTable;
  if (!joinTable) {
    throw new Error(`${uid}.${attribute} has no join table`);
  }
  return joinTable;
}

const tableName = (strapi: Core.Strapi, uid: string) =>
  strapi.db.metadata.get(uid as never).tableName;

/** Orders joined to their lines: aliases `o` (orders), `ol` (lines), `la` (line → asset link). */
function ordersWithLines(strapi: Core.Strapi): SqlQuery {
  const knex = strapi.db.connection;
  const lines = joinTableOf(strapi, ORDER_UID, 'lines');
  const asset = joinTableOf(strapi, LINE_COMPONENT, 'asset');
  const query = knex(`${tableName(strapi, ORDER_UID)} as o`)
    .join(`${lines.name} as oc`, `oc.${lines.joinColumn.name}`, 'o.id')
    .join(
      `${tableName(strapi, LINE_COMPONENT)} as ol`,
      'ol.id',
      `oc.${lines.inverseJoinColumn.name}`,
    )
    .leftJoin(`${asset.name} as la`, `la.${asset.joinColumn.name}`, 'ol.id');
  for (const [column, value] of Object.entries(lines.on ?? {})) {
    query.where(`oc.${column}`, value);
  }
  return query;
}

/** Per customer: placed orders and the first and last order dates. */
export async function customerOrderStats(strapi: Core.Strapi): Promise<CustomerOrderStatsRow[]> {
  const customer = joinTableOf(strapi, ORDER_UID, 'customer');
  const rows = (await strapi.db
    .connection(`${tableName(strapi, ORDER_UID)} as o`)
    .join(`${customer.name} as oc`, `oc.${customer.joinColumn.name}`, 'o.id')
    .select({ customer_id: `oc.${customer.inverseJoinColumn.name}` })
    .count({ orders: '*' })
    .min({ first_order: 'o.order_date' })
    .max({ last_order: 'o.order_date' })
    .whereIn('o.order_status', PLACED)
    .groupBy(`oc.${customer.inverseJoinColumn.name}`)) as Record<string, unknown>[];
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    orders: Number(row.orders),
    firstOrder: dateText(row.first_order),
    lastOrder: dateText(row.last_order),
  }));
}

/** Invoiced sales from the order lines, by asset or by customer, over a range of invoice dates. */
export async function lineSales(
  strapi: Core.Strapi,
  by: 'asset' | 'customer',
  range: DateRange,
): Promise<LineSalesRow[]> {
  const knex = strapi.db.connection;
  const asset = joinTableOf(strapi, LINE_COMPONENT, 'asset');
  const customer = joinTableOf(strapi, ORDER_UID, 'customer');
  const query = ordersWithLines(strapi);
  let key: string;
  if (by === 'asset') {
    key = `la.${asset.inverseJoinColumn.name}`;
  } else {
    query.join(`${customer.name} as oc2`, `oc2.${customer.joinColumn.name}`, 'o.id');
    key = `oc2.${customer.inverseJoinColumn.name}`;
  }
  const rows = (await withinDates(
    query
      .select({ id: key })
      .select({
        orders: knex.raw('count(distinct o.id)'),
        quantity: knex.raw('sum(ol.quantity)'),
        net: knex.raw('sum(ol.net)'),
        tax: knex.raw('sum(ol.tax)'),
      })
      .whereIn('o.order_status', INVOICED)
      .whereNotNull(key)
      .groupBy(key),
    'o.invoice_date',
    range,
  )) as Record<string, unknown>[];
  return rows.map((row) => ({
    id: Number(row.id),
    orders: Number(row.orders),
    ...amountsOf(row, ['quantity', 'net', 'tax'] as const),
  }));
}

/**
 * A subquery, one row per order (column `order_document_id`): its status, stored totals, cost,
 * and the Σ net, Σ tax and Σ quantity of its lines.
 */
export function orderTotalsQuery(strapi: Core.Strapi): SqlQuery {
  const knex = strapi.db.connection;
  return ordersWithLines(strapi)
    .select({
      order_document_id: 'o.document_id',
      order_number: 'o.number',
      order_status: 'o.order_status',
      total: 'o.total',
      freight: 'o.freight',
      cost_of_goods: 'o.cost_of_goods',
    })
    .select({
      lines_net: knex.raw('coalesce(sum(ol.net), 0)'),
      lines_tax: knex.raw('coalesce(sum(ol.tax), 0)'),
      lines_quantity: knex.raw('coalesce(sum(ol.quantity), 0)'),
    })
    .groupBy(
      'o.document_id',
      'o.number',
      'o.order_status',
      'o.total',
      'o.freight',
      'o.cost_of_goods',
    );
}

/**
 * What customers owe by the documents: Σ totals of invoiced orders minus Σ credit notes (none
 * until returns exist).
 */
export async function invoicedLessCredited(strapi: Core.Strapi): Promise<number> {
  const knex = strapi.db.connection;
  const [invoiced] = (await knex(tableName(strapi, ORDER_UID))
    .sum({ total: 'total' })
    .whereIn('order_status', INVOICED)) as Record<string, unknown>[];
  let credited = 0;
  // NOTE: credit notes arrive with returns; until their content type exists there are none.
  if (strapi.contentTypes[CREDIT_NOTE_UID as never]) {
    const [row] = (await knex(tableName(strapi, CREDIT_NOTE_UID)).sum({
      total: 'total',
    })) as Record<string, unknown>[];
    credited = amountsOf(row ?? {}, ['total'] as const).total;
  }
  return amountsOf(invoiced ?? {}, ['total'] as const).total - credited;
}
