import type { Core } from '@strapi/strapi';
import { subtractAmounts } from '../../platform/money';
import {
  amountsOf,
  dateText,
  readerOf,
  withinDates,
  type DateRange,
  type Knex,
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
const CREDIT_LINE_COMPONENT = 'order.credit-line';
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

/**
 * Documents of `uid` (alias `doc`) joined to their lines of `component` (alias `line`) and each
 * line's asset link (alias `asset`, left joined).
 */
function withLines(
  strapi: Core.Strapi,
  uid: string,
  component: string,
  alias: { doc: string; line: string; asset: string },
): SqlQuery {
  const lines = joinTableOf(strapi, uid, 'lines');
  const asset = joinTableOf(strapi, component, 'asset');
  const link = `${alias.doc}_lines`;
  const query = strapi.db
    .connection(`${tableName(strapi, uid)} as ${alias.doc}`)
    .join(`${lines.name} as ${link}`, `${link}.${lines.joinColumn.name}`, `${alias.doc}.id`)
    .join(
      `${tableName(strapi, component)} as ${alias.line}`,
      `${alias.line}.id`,
      `${link}.${lines.inverseJoinColumn.name}`,
    )
    .leftJoin(
      `${asset.name} as ${alias.asset}`,
      `${alias.asset}.${asset.joinColumn.name}`,
      `${alias.line}.id`,
    );
  for (const [column, value] of Object.entries(lines.on ?? {})) {
    query.where(`${link}.${column}`, value);
  }
  return query;
}

/** Orders joined to their lines: aliases `o` (orders), `ol` (lines), `la` (line → asset link). */
const ordersWithLines = (strapi: Core.Strapi) =>
  withLines(strapi, ORDER_UID, LINE_COMPONENT, { doc: 'o', line: 'ol', asset: 'la' });

/** Credit notes joined to their lines: aliases `cn`, `cl` (lines), `ca` (line → asset link). */
const creditNotesWithLines = (strapi: Core.Strapi) =>
  withLines(strapi, CREDIT_NOTE_UID, CREDIT_LINE_COMPONENT, { doc: 'cn', line: 'cl', asset: 'ca' });

/**
 * A subquery, one row per document with lines (column `parent_id`, the document's id): the given
 * aggregates over its lines (alias `l`) of a repeatable component.
 */
function lineSums(
  strapi: Core.Strapi,
  uid: string,
  component: string,
  sums: Record<string, ReturnType<Knex['raw']>>,
): SqlQuery {
  const lines = joinTableOf(strapi, uid, 'lines');
  const query = strapi.db
    .connection(`${lines.name} as lc`)
    .join(`${tableName(strapi, component)} as l`, 'l.id', `lc.${lines.inverseJoinColumn.name}`)
    .select({ parent_id: `lc.${lines.joinColumn.name}` })
    .select(sums)
    .groupBy(`lc.${lines.joinColumn.name}`);
  for (const [column, value] of Object.entries(lines.on ?? {})) {
    query.where(`lc.${column}`, value);
  }
  return query;
}

/** Per customer: placed orders and the first and last order dates. */
export async function customerOrderStats(strapi: Core.Strapi): Promise<CustomerOrderStatsRow[]> {
  const customer = joinTableOf(strapi, ORDER_UID, 'customer');
  const knex = await readerOf(strapi);
  const rows = (await knex(`${tableName(strapi, ORDER_UID)} as o`)
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

/**
 * Invoiced sales by asset or by customer, net of returns: the lines of invoiced orders by
 * invoice date, less the credit-note lines by credit date (a return in the range reduces the
 * range's sales even when its invoice lies before it). `orders` counts invoiced orders only.
 */
export async function lineSales(
  strapi: Core.Strapi,
  by: 'asset' | 'customer',
  range: DateRange,
): Promise<LineSalesRow[]> {
  const knex = await readerOf(strapi);
  const asset = joinTableOf(strapi, LINE_COMPONENT, 'asset');
  const customer = joinTableOf(strapi, ORDER_UID, 'customer');
  const sold = ordersWithLines(strapi);
  const returned = creditNotesWithLines(strapi);
  let soldKey: string;
  let returnedKey: string;
  if (by === 'asset') {
    soldKey = `la.${asset.inverseJoinColumn.name}`;
    returnedKey = `ca.${joinTableOf(strapi, CREDIT_LINE_COMPONENT, 'asset').inverseJoinColumn.name}`;
  } else {
    sold.join(`${customer.name} as oc2`, `oc2.${customer.joinColumn.name}`, 'o.id');
    soldKey = `oc2.${customer.inverseJoinColumn.name}`;
    returned
      .join(`${tableName(strapi, ORDER_UID)} as o`, 'o.document_id', 'cn.order_document_id')
      .join(`${customer.name} as oc2`, `oc2.${customer.joinColumn.name}`, 'o.id');
    returnedKey = `oc2.${customer.inverseJoinColumn.name}`;
  }
  withinDates(
    sold
      .select({
        id: soldKey,
        order_id: 'o.id',
        quantity: 'ol.quantity',
        net: 'ol.net',
        tax: 'ol.tax',
      })
      .whereIn('o.order_status', INVOICED)
      .whereNotNull(soldKey),
    'o.invoice_date',
    range,
  );
  withinDates(
    returned
      .select({ id: returnedKey, order_id: knex.raw('null') })
      .select({
        quantity: knex.raw('-cl.quantity'),
        net: knex.raw('-cl.net'),
        tax: knex.raw('-cl.tax'),
      })
      .whereNotNull(returnedKey),
    'cn.credit_date',
    range,
  );
  const rows = (await knex
    // NOTE: unwrapped union members: SQLite refuses a parenthesized SELECT in a compound.
    .from(sold.unionAll([returned]).as('s'))
    .select('s.id')
    .select({
      orders: knex.raw('count(distinct s.order_id)'),
      quantity: knex.raw('sum(s.quantity)'),
      net: knex.raw('sum(s.net)'),
      tax: knex.raw('sum(s.tax)'),
    })
    .groupBy('s.id')) as Record<string, unknown>[];
  return rows.map((row) => ({
    id: Number(row.id),
    orders: Number(row.orders),
    ...amountsOf(row, ['quantity', 'net', 'tax'] as const),
  }));
}

/**
 * A subquery, one row per order (column `order_document_id`): its status, stored totals, cost,
 * and the Σ net, Σ tax and Σ quantity of its lines (0 for an order without lines).
 * NOTE: the lines are summed per order id first and then joined, so that the grouping is on one
 * integer rather than on the order's six columns (which sorted on disk at 100,000 orders).
 */
export function orderTotalsQuery(strapi: Core.Strapi): SqlQuery {
  const knex = strapi.db.connection;
  const perOrder = lineSums(strapi, ORDER_UID, LINE_COMPONENT, {
    net: knex.raw('sum(l.net)'),
    tax: knex.raw('sum(l.tax)'),
    quantity: knex.raw('sum(l.quantity)'),
  });
  return knex(`${tableName(strapi, ORDER_UID)} as o`)
    .leftJoin(perOrder.as('s'), 's.parent_id', 'o.id')
    .select({
      order_document_id: 'o.document_id',
      order_number: 'o.number',
      order_status: 'o.order_status',
      total: 'o.total',
      freight: 'o.freight',
      cost_of_goods: 'o.cost_of_goods',
    })
    .select({
      lines_net: knex.raw('coalesce(s.net, 0)'),
      lines_tax: knex.raw('coalesce(s.tax, 0)'),
      lines_quantity: knex.raw('coalesce(s.quantity, 0)'),
    });
}

/**
 * A subquery, one row per credit note (column `credit_note_number`): its stored totals and the
 * Σ net, Σ tax, and the units and cost of its restocked lines. A freight-only credit note has
 * no lines and sums to 0.
 */
export function creditNoteTotalsQuery(strapi: Core.Strapi): SqlQuery {
  const knex = strapi.db.connection;
  const restocked = (column: string) =>
    knex.raw(`sum(case when l.disposition = 'restock' then l.?? else 0 end)`, [column]);
  const perNote = lineSums(strapi, CREDIT_NOTE_UID, CREDIT_LINE_COMPONENT, {
    net: knex.raw('sum(l.net)'),
    tax: knex.raw('sum(l.tax)'),
    restocked_quantity: restocked('quantity'),
    restocked_cost: restocked('cost'),
  });
  return knex(`${tableName(strapi, CREDIT_NOTE_UID)} as cn`)
    .leftJoin(perNote.as('cs'), 'cs.parent_id', 'cn.id')
    .select({
      credit_note_number: 'cn.number',
      order_number: 'cn.order_number',
      total: 'cn.total',
      subtotal: 'cn.subtotal',
      tax_total: 'cn.tax_total',
      freight: 'cn.freight',
      restock_value: 'cn.restock_value',
    })
    .select({
      lines_net: knex.raw('coalesce(cs.net, 0)'),
      lines_tax: knex.raw('coalesce(cs.tax, 0)'),
      restocked_quantity: knex.raw('coalesce(cs.restocked_quantity, 0)'),
      restocked_cost: knex.raw('coalesce(cs.restocked_cost, 0)'),
    });
}

/**
 * What customers owe by the documents: Σ totals of invoiced orders minus Σ credit notes (none
 * until returns exist).
 */
export async function invoicedLessCredited(strapi: Core.Strapi): Promise<number> {
  const knex = await readerOf(strapi);
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
  return subtractAmounts(
    amountsOf(invoiced ?? {}, ['total'] as const).total,
    credited,
    'invoiced less credited',
  );
}
