import type { Core } from '@strapi/strapi';
import { capabilities, type Capabilities } from '../capabilities';
import { toAmount } from '../domain/figures';
import { defineReport } from './report';

/**
 * Reconciliation: per order, that its lines, its stock movements and its journal lines agree;
 * globally, that the inventory account equals the stock values, the receivable account equals
 * what the documents say is owed, every entry balances and every level equals its movements.
 * The per-order check is one SQL join of the three capabilities' subqueries that returns only
 * the orders that disagree.
 */

export type MismatchKind =
  | 'order-total'
  | 'order-invoice'
  | 'order-cost'
  | 'order-stock'
  | 'entry-unbalanced'
  | 'stock-level'
  | 'inventory-account'
  | 'receivables';

export interface Mismatch {
  [column: string]: string | number;
  kind: MismatchKind;
  id: string;
  expected: number;
  actual: number;
  reason: string;
}

export interface ReconciliationData {
  tiedOut: boolean;
  counts: {
    orders: number;
    entries: number;
    assets: number;
    ordersMismatching: number;
    entriesUnbalanced: number;
    assetsMismatching: number;
    mismatches: number;
  };
  mismatches: Mismatch[];
}

/** At most this many mismatches are listed; the counts say how many there are. */
export const MISMATCH_LIMIT = 500;

const INVOICED = "o.order_status in ('fulfilled', 'returned')";

/** Each per-order check: the expected and actual SQL, its kind and what a difference means. */
const ORDER_CHECKS = [
  {
    name: 'total',
    kind: 'order-total',
    expected: 'o.lines_net + o.lines_tax + o.freight',
    actual: 'o.total',
    reason: 'the order total is not Σ net + Σ tax of its lines + freight',
  },
  {
    name: 'receivable',
    kind: 'order-invoice',
    expected: `case when ${INVOICED} then o.total else 0 end`,
    actual: 'coalesce(p.invoice_receivable, 0)',
    reason: 'the invoice entry on accounts receivable differs from the order total',
  },
  {
    name: 'sales',
    kind: 'order-invoice',
    expected: `case when ${INVOICED} then o.lines_net else 0 end`,
    actual: 'coalesce(p.invoice_sales, 0)',
    reason: 'the invoice entry on sales revenue differs from Σ net of the lines',
  },
  {
    name: 'tax',
    kind: 'order-invoice',
    expected: `case when ${INVOICED} then o.lines_tax else 0 end`,
    actual: 'coalesce(p.invoice_tax, 0)',
    reason: 'the invoice entry on sales tax differs from Σ tax of the lines',
  },
  {
    name: 'freight',
    kind: 'order-invoice',
    expected: `case when ${INVOICED} then o.freight else 0 end`,
    actual: 'coalesce(p.invoice_freight, 0)',
    reason: 'the invoice entry on freight income differs from the order freight',
  },
  {
    name: 'cost',
    kind: 'order-cost',
    expected: 'coalesce(m.fulfilled_cost, 0)',
    actual: 'coalesce(p.cost_of_goods, 0)',
    reason: 'the cost entry on cost of goods sold differs from the cost its stock left with',
  },
  {
    name: 'stored_cost',
    kind: 'order-cost',
    expected: 'coalesce(m.fulfilled_cost, 0)',
    actual: `case when ${INVOICED} then coalesce(o.cost_of_goods, 0) else 0 end`,
    reason: "the order's cost of goods differs from the cost its stock left with",
  },
  {
    name: 'fulfilled',
    kind: 'order-stock',
    expected: `case when ${INVOICED} then o.lines_quantity else 0 end`,
    actual: 'coalesce(m.fulfilled_units, 0)',
    reason: 'the units taken off by fulfilment differ from the units on the lines',
  },
  {
    name: 'reserved',
    kind: 'order-stock',
    expected: "case when o.order_status = 'confirmed' then o.lines_quantity else 0 end",
    actual: 'coalesce(m.reserved_units, 0)',
    reason: 'the units the order holds reserved differ from what its status calls for',
  },
] as const;

function orderChecksQuery(strapi: Core.Strapi, { ledger, stock, orders }: Capabilities) {
  const knex = strapi.db.connection;
  const checks = knex
    .from(orders.orderTotalsQuery().as('o'))
    .leftJoin(ledger.orderPostingsQuery().as('p'), 'p.order_document_id', 'o.order_document_id')
    .leftJoin(stock.orderMovementsQuery().as('m'), 'm.order_document_id', 'o.order_document_id')
    .select('o.order_document_id', 'o.order_number');
  for (const check of ORDER_CHECKS) {
    checks.select(
      knex.raw(`${check.expected} as ??`, [`expected_${check.name}`]),
      knex.raw(`${check.actual} as ??`, [`actual_${check.name}`]),
    );
  }
  return checks;
}

/**
 * Where an order disagrees: any check whose expected and actual differ (fixed SQL, no input;
 * check names are lower case, since PostgreSQL folds these unquoted names).
 */
const ORDER_MISMATCH = ORDER_CHECKS.map(
  (check) => `c.expected_${check.name} <> c.actual_${check.name}`,
).join(' or ');

/**
 * One statement for the per-order checks: how many orders were checked and disagree, and the
 * first MISMATCH_LIMIT that disagree (by order number). NOTE: the joins run in a materialized
 * CTE, planned whole: with ORDER BY … LIMIT on top, PostgreSQL otherwise picks nested loops
 * that expect to stop early and, with no mismatch to find, scan orders × postings (minutes at
 * 100,000 orders). The totals are left-joined to the listed rows so that they come back even
 * when nothing disagrees.
 */
async function orderMismatches(strapi: Core.Strapi, found: Capabilities) {
  const knex = strapi.db.connection;
  const totals = knex.from('c').select({
    checked: knex.raw('count(*)'),
    mismatching: knex.raw(`coalesce(sum(case when ${ORDER_MISMATCH} then 1 else 0 end), 0)`),
  });
  const listed = knex
    .from('c')
    .select('c.*')
    .whereRaw(ORDER_MISMATCH)
    .orderBy('c.order_number')
    .limit(MISMATCH_LIMIT);
  const rows = (await knex
    .withMaterialized('c', orderChecksQuery(strapi, found))
    .from(totals.as('t'))
    .leftJoin(listed.as('b'), (join) => join.on(knex.raw('1 = 1')))
    .select('t.checked', 't.mismatching', 'b.*')
    .orderBy('b.order_number')) as Record<string, unknown>[];
  const mismatches: Mismatch[] = [];
  for (const row of rows.filter((candidate) => candidate.order_document_id != null)) {
    const id = String(row.order_number ?? row.order_document_id);
    for (const check of ORDER_CHECKS) {
      const expected = toAmount(row[`expected_${check.name}`], `expected ${check.name}`);
      const actual = toAmount(row[`actual_${check.name}`], `actual ${check.name}`);
      if (expected !== actual) {
        mismatches.push({ kind: check.kind, id, expected, actual, reason: check.reason });
      }
    }
  }
  return {
    count: Number(rows[0]?.mismatching ?? 0),
    checked: Number(rows[0]?.checked ?? 0),
    mismatches,
  };
}

export const reconciliation = defineReport<ReconciliationData>({
  params: [],
  async run(strapi) {
    const found = capabilities(strapi);
    const { ledger, stock, orders } = found;
    const [ordersChecked, entries, levels, inventoryAccount, stockValue, receivable, owed, paid] =
      await Promise.all([
        orderMismatches(strapi, found),
        ledger.unbalancedEntries(MISMATCH_LIMIT),
        stock.levelMismatches(MISMATCH_LIMIT),
        ledger.accountTotal('inventory'),
        stock.totalStockValue(),
        ledger.accountTotal('receivable'),
        orders.invoicedLessCredited(),
        ledger.netCustomerPayments(),
      ]);
    const mismatches: Mismatch[] = [...ordersChecked.mismatches];
    for (const entry of entries.rows) {
      mismatches.push({
        kind: 'entry-unbalanced',
        id: entry.entryKey,
        expected: entry.debit,
        actual: entry.credit,
        reason:
          'the entry does not balance (expected: Σ debit, actual: Σ credit), or its lines differ from its totals',
      });
    }
    for (const level of levels.rows) {
      mismatches.push({
        kind: 'stock-level',
        id: level.sku,
        expected: level.expected,
        actual: level.actual,
        reason: `${level.field} differs from the sum of the asset's stock movements`,
      });
    }
    if (inventoryAccount.balance !== stockValue) {
      mismatches.push({
        kind: 'inventory-account',
        id: inventoryAccount.code,
        expected: stockValue,
        actual: inventoryAccount.balance,
        reason: `account ${inventoryAccount.code} differs from the sum of the assets' stock values`,
      });
    }
    if (receivable.balance !== owed - paid) {
      mismatches.push({
        kind: 'receivables',
        id: receivable.code,
        expected: owed - paid,
        actual: receivable.balance,
        reason: `account ${receivable.code} differs from invoices − credit notes − payments + refunds`,
      });
    }
    const counts = {
      orders: ordersChecked.checked,
      entries: entries.checked,
      assets: levels.checked,
      ordersMismatching: ordersChecked.count,
      entriesUnbalanced: entries.count,
      assetsMismatching: levels.count,
      mismatches: mismatches.length,
    };
    const tiedOut =
      mismatches.length === 0 &&
      counts.ordersMismatching === 0 &&
      counts.entriesUnbalanced === 0 &&
      counts.assetsMismatching === 0;
    return {
      data: { tiedOut, counts, mismatches },
      meta: { currency: ledger.baseCurrency(), listedAtMost: MISMATCH_LIMIT },
    };
  },
  table: (result) => ({
    columns: ['kind', 'id', 'expected', 'actual', 'reason'],
    rows: result.data.mismatches,
  }),
});
