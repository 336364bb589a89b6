import type { Core } from '@strapi/strapi';
import type { Capabilities } from '../capabilities';
import { toAmount } from '../domain/figures';
import { findDiffering } from './differing';
import { readerOf } from './snapshot';

/**
 * The per-document checks of reconciliation: for each order and each credit note, that what its
 * lines say agrees with its journal entries and its stock movements. Each kind of document is
 * one SQL join of the capabilities' subqueries that returns only the documents that disagree.
 */

export type DocumentMismatchKind =
  | 'order-total'
  | 'order-invoice'
  | 'order-cost'
  | 'order-stock'
  | 'credit-note-total'
  | 'credit-note-entry'
  | 'credit-note-cost'
  | 'credit-note-stock';

export interface DocumentMismatch {
  [column: string]: string | number;
  kind: DocumentMismatchKind;
  id: string;
  expected: number;
  actual: number;
  reason: string;
}

/** One check: the expected and actual SQL (fixed, no input), its kind and what a difference means. */
interface Check {
  /** Lower case: PostgreSQL folds the unquoted column names built from it. */
  name: string;
  kind: DocumentMismatchKind;
  expected: string;
  actual: string;
  reason: string;
}

const INVOICED = "o.order_status in ('fulfilled', 'returned')";

/**
 * Per order (`o` its lines' totals, `p` its invoice entry, `k` its cost entry, `m` its stock
 * movements).
 */
const ORDER_CHECKS: readonly Check[] = [
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
    actual: 'coalesce(k.cost_of_goods, 0)',
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
];

/** Per credit note (`o` its lines' totals, `p` its postings, `m` its restock movements). */
const CREDIT_NOTE_CHECKS: readonly Check[] = [
  {
    name: 'total',
    kind: 'credit-note-total',
    expected: 'o.lines_net + o.lines_tax + o.freight',
    actual: 'o.total',
    reason: 'the credit note total is not Σ net + Σ tax of its lines + freight',
  },
  {
    name: 'receivable',
    kind: 'credit-note-entry',
    expected: 'o.total',
    actual: 'coalesce(p.credited_receivable, 0)',
    reason: 'the credit-note entry on accounts receivable differs from the credit note total',
  },
  {
    name: 'sales',
    kind: 'credit-note-entry',
    expected: 'o.lines_net',
    actual: 'coalesce(p.credited_sales, 0)',
    reason: 'the credit-note entry on sales revenue differs from Σ net of its lines',
  },
  {
    name: 'tax',
    kind: 'credit-note-entry',
    expected: 'o.lines_tax',
    actual: 'coalesce(p.credited_tax, 0)',
    reason: 'the credit-note entry on sales tax differs from Σ tax of its lines',
  },
  {
    name: 'freight',
    kind: 'credit-note-entry',
    expected: 'o.freight',
    actual: 'coalesce(p.credited_freight, 0)',
    reason: 'the credit-note entry on freight income differs from the freight it credits',
  },
  {
    name: 'stored_restock',
    kind: 'credit-note-cost',
    expected: 'o.restocked_cost',
    actual: 'o.restock_value',
    reason: "the credit note's restock value differs from the cost of its restocked lines",
  },
  {
    name: 'inventory',
    kind: 'credit-note-cost',
    expected: 'o.restocked_cost',
    actual: 'coalesce(p.restocked_inventory, 0)',
    reason: 'the return-stock entry on inventory differs from the cost of the restocked lines',
  },
  {
    name: 'cost',
    kind: 'credit-note-cost',
    expected: 'o.restocked_cost',
    actual: 'coalesce(p.restocked_cost, 0)',
    reason:
      'the return-stock entry on cost of goods sold differs from the cost of the restocked lines',
  },
  {
    name: 'units',
    kind: 'credit-note-stock',
    expected: 'o.restocked_quantity',
    actual: 'coalesce(m.restocked_units, 0)',
    reason: 'the units its restock movements put back differ from its restocked lines',
  },
  {
    name: 'value',
    kind: 'credit-note-stock',
    expected: 'o.restocked_cost',
    actual: 'coalesce(m.restocked_value, 0)',
    reason: 'the value its restock movements put back differs from the cost of its restocked lines',
  },
];

type SqlQuery = ReturnType<Core.Strapi['db']['connection']>;

/**
 * A kind of document: its totals (alias `o`), the subqueries left-joined to them on `column`
 * (each under its alias), and its checks.
 */
interface DocumentKind {
  /** The column naming the document in every subquery. */
  column: string;
  /** The column of the totals listed as the document's id. */
  label: string;
  totals: SqlQuery;
  joined: Record<string, SqlQuery>;
  checks: readonly Check[];
}

export interface DocumentCheckResult {
  checked: number;
  count: number;
  mismatches: DocumentMismatch[];
}

/**
 * Per kind of document: how many were checked and disagree, and the first `limit` that disagree
 * (by the id column), from one join of the capabilities' subqueries (see findDiffering).
 */
async function documentMismatches(
  strapi: Core.Strapi,
  kind: DocumentKind,
  limit: number,
): Promise<DocumentCheckResult> {
  const knex = await readerOf(strapi);
  const joined = knex.from(kind.totals.as('o')).select({ document_label: `o.${kind.label}` });
  for (const [alias, query] of Object.entries(kind.joined)) {
    joined.leftJoin(query.as(alias), `${alias}.${kind.column}`, `o.${kind.column}`);
  }
  for (const check of kind.checks) {
    joined.select(
      knex.raw(`${check.expected} as ??`, [`expected_${check.name}`]),
      knex.raw(`${check.actual} as ??`, [`actual_${check.name}`]),
    );
  }
  const differs = kind.checks
    .map((check) => `c.expected_${check.name} <> c.actual_${check.name}`)
    .join(' or ');
  const found = await findDiffering(knex, joined, differs, 'document_label', limit);
  const mismatches: DocumentMismatch[] = [];
  for (const row of found.rows) {
    const id = String(row.document_label);
    for (const check of kind.checks) {
      const expected = toAmount(row[`expected_${check.name}`], `expected ${check.name}`);
      const actual = toAmount(row[`actual_${check.name}`], `actual ${check.name}`);
      if (expected !== actual) {
        mismatches.push({ kind: check.kind, id, expected, actual, reason: check.reason });
      }
    }
  }
  return { count: found.count, checked: found.checked, mismatches };
}

/** Orders: their lines against their invoice and cost entries and fulfilment movements. */
export function orderMismatches(strapi: Core.Strapi, found: Capabilities, limit: number) {
  return documentMismatches(
    strapi,
    {
      column: 'order_document_id',
      label: 'order_number',
      totals: found.orders.orderTotalsQuery(),
      joined: {
        p: found.ledger.orderInvoicePostingsQuery(),
        k: found.ledger.orderCostPostingsQuery(),
        m: found.stock.orderMovementsQuery(),
      },
      checks: ORDER_CHECKS,
    },
    limit,
  );
}

/** Credit notes: their lines against their credit-note and return-stock entries and restocks. */
export function creditNoteMismatches(strapi: Core.Strapi, found: Capabilities, limit: number) {
  return documentMismatches(
    strapi,
    {
      column: 'credit_note_number',
      label: 'credit_note_number',
      totals: found.orders.creditNoteTotalsQuery(),
      joined: {
        p: found.ledger.creditNotePostingsQuery(),
        m: found.stock.returnMovementsQuery(),
      },
      checks: CREDIT_NOTE_CHECKS,
    },
    limit,
  );
}
