import type { Core } from '@strapi/strapi';
import { fromDatabase, subtractAmounts } from '../../platform/money';
import {
  amountsOf,
  findDiffering,
  monthOf,
  readerOf,
  withinDates,
  type DateRange,
  type SqlQuery,
} from '../../platform/report-sql';
import { ledgerChart } from './chart-of-accounts';
import { ENTRY_UID, LINE_UID, PAYMENT_UID } from './ledger.uids';

/**
 * The ledger's read-only report queries: SQL aggregates over journal lines, for the reports
 * plugin (through the `api::ledger.ledger-reports` service). Amounts come back as JSON integers.
 * NOTE: credit notes are recognised by their entry key (`credit-note:<number>`), so the
 * receivables read the same before and after returns exist.
 */

const CREDIT_NOTE_KEYS = 'credit-note:%';
const INVOICE_KEYS = 'invoice:%';
const RETURN_STOCK_KEYS = 'return-stock:%';

export interface TrialBalanceRow {
  code: string;
  name: string;
  debit: number;
  credit: number;
}

export interface MonthlyResultRow {
  month: string;
  revenue: number;
  freight: number;
  costOfGoods: number;
}

export interface CustomerReceivableRow {
  customerDocumentId: string;
  invoiced: number;
  paid: number;
  credited: number;
  outstanding: number;
  /** The outstanding balance by the age of the invoice (orders not yet invoiced: `prepaid`). */
  aging: { days0to30: number; days31to60: number; days61to90: number; over90: number };
  prepaid: number;
}

export interface AgingBoundaries {
  /** Invoices dated on or after this are 0–30 days old as of the report date. */
  days30: string;
  days60: string;
  days90: string;
}

export interface CustomerResultRow {
  customerDocumentId: string;
  invoices: number;
  revenue: number;
  freight: number;
  costOfGoods: number;
  outstanding: number;
}

export interface UnbalancedEntryRow {
  entryKey: string;
  debit: number;
  credit: number;
}

const lines = (strapi: Core.Strapi) => tableName(strapi, LINE_UID);
const entries = (strapi: Core.Strapi) => tableName(strapi, ENTRY_UID);

function tableName(strapi: Core.Strapi, uid: string): string {
  return strapi.db.metadata.get(uid as never).tableName;
}

function accountCodes() {
  const byRole = new Map(ledgerChart().map((account) => [account.role, account.code]));
  const code = (role: string) => byRole.get(role as never) as string;
  return {
    receivable: code('receivable'),
    inventory: code('inventory'),
    salesTax: code('salesTax'),
    sales: code('sales'),
    freightIncome: code('freightIncome'),
    costOfGoods: code('costOfGoods'),
  };
}

/** Σ debit and Σ credit per account over the date range, every account of the chart listed. */
export async function trialBalance(
  strapi: Core.Strapi,
  range: DateRange,
): Promise<TrialBalanceRow[]> {
  const knex = await readerOf(strapi);
  const rows = (await withinDates(
    knex(lines(strapi))
      .select('account_code')
      .sum({ debit: 'debit', credit: 'credit' })
      .groupBy('account_code'),
    'date',
    range,
  )) as Record<string, unknown>[];
  const sums = new Map(rows.map((row) => [String(row.account_code), row]));
  const chart = ledgerChart();
  const known = new Set(chart.map((account) => account.code));
  const unknown = [...sums.keys()].filter((code) => !known.has(code));
  return [
    ...chart.map((account) => ({ code: account.code, name: account.name })),
    // NOTE: a line on a code the chart no longer has still shows, so debits keep equal credits.
    ...unknown.map((code) => ({ code, name: '(not in the chart)' })),
  ]
    .map(({ code, name }) => ({
      code,
      name,
      ...amountsOf(sums.get(code) ?? {}, ['debit', 'credit'] as const),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** Revenue, freight income and cost of goods sold per month of the lines' business dates. */
export async function monthlyResults(
  strapi: Core.Strapi,
  range: DateRange,
): Promise<MonthlyResultRow[]> {
  const codes = accountCodes();
  const knex = await readerOf(strapi);
  const net = (code: string, side: 'credit' | 'debit') =>
    knex.raw(
      side === 'credit'
        ? 'sum(case when account_code = ? then credit - debit else 0 end)'
        : 'sum(case when account_code = ? then debit - credit else 0 end)',
      [code],
    );
  const rows = (await withinDates(
    knex(lines(strapi))
      .select({ month: monthOf(strapi, 'date') })
      .select({
        revenue: net(codes.sales, 'credit'),
        freight: net(codes.freightIncome, 'credit'),
        costOfGoods: net(codes.costOfGoods, 'debit'),
      })
      .whereIn('account_code', [codes.sales, codes.freightIncome, codes.costOfGoods])
      .groupBy('month')
      .orderBy('month'),
    'date',
    range,
  )) as Record<string, unknown>[];
  return rows.map((row) => ({
    month: String(row.month),
    ...amountsOf(row, ['revenue', 'freight', 'costOfGoods'] as const),
  }));
}

/**
 * Per customer, the receivable as of a date: invoiced, credited (credit notes), paid (payments
 * net of refunds) and outstanding, aged by the invoice date of each order's balance.
 */
export async function receivablesByCustomer(
  strapi: Core.Strapi,
  asOf: string,
  boundaries: AgingBoundaries,
): Promise<CustomerReceivableRow[]> {
  const { receivable } = accountCodes();
  const knex = await readerOf(strapi);
  // Per order: its receivable balance, what was invoiced and credited, and the invoice date.
  const perOrder = knex(`${lines(strapi)} as l`)
    .join(`${entries(strapi)} as e`, 'e.entry_key', 'l.entry_key')
    .select('e.customer_document_id', 'e.order_document_id')
    .select({
      balance: knex.raw('sum(l.debit - l.credit)'),
      invoiced: knex.raw('sum(case when l.entry_key like ? then l.debit - l.credit else 0 end)', [
        INVOICE_KEYS,
      ]),
      credited: knex.raw('sum(case when l.entry_key like ? then l.credit - l.debit else 0 end)', [
        CREDIT_NOTE_KEYS,
      ]),
      invoice_date: knex.raw('min(case when l.entry_key like ? then l.date end)', [INVOICE_KEYS]),
    })
    .where('l.account_code', receivable)
    .where('l.date', '<=', asOf)
    .whereNotNull('e.customer_document_id')
    .groupBy('e.customer_document_id', 'e.order_document_id');
  const bucket = (condition: string, bindings: string[]) =>
    knex.raw(`sum(case when ${condition} then o.balance else 0 end)`, bindings);
  const rows = (await knex
    .from(perOrder.as('o'))
    .select('o.customer_document_id')
    .select({
      invoiced: knex.raw('sum(o.invoiced)'),
      credited: knex.raw('sum(o.credited)'),
      outstanding: knex.raw('sum(o.balance)'),
      days0to30: bucket('o.invoice_date >= ?', [boundaries.days30]),
      days31to60: bucket('o.invoice_date < ? and o.invoice_date >= ?', [
        boundaries.days30,
        boundaries.days60,
      ]),
      days61to90: bucket('o.invoice_date < ? and o.invoice_date >= ?', [
        boundaries.days60,
        boundaries.days90,
      ]),
      over90: bucket('o.invoice_date < ?', [boundaries.days90]),
      prepaid: bucket('o.invoice_date is null', []),
    })
    .groupBy('o.customer_document_id')) as Record<string, unknown>[];
  return rows.map((row) => {
    const sums = amountsOf(row, [
      'invoiced',
      'credited',
      'outstanding',
      'days0to30',
      'days31to60',
      'days61to90',
      'over90',
      'prepaid',
    ] as const);
    return {
      customerDocumentId: String(row.customer_document_id),
      invoiced: sums.invoiced,
      // What is neither invoice nor credit note on the receivable: payments net of refunds.
      paid: subtractAmounts(subtractAmounts(sums.invoiced, sums.credited), sums.outstanding),
      credited: sums.credited,
      outstanding: sums.outstanding,
      aging: {
        days0to30: sums.days0to30,
        days31to60: sums.days31to60,
        days61to90: sums.days61to90,
        over90: sums.over90,
      },
      prepaid: -sums.prepaid,
    };
  });
}

/**
 * Per customer: invoices issued, net revenue, freight and cost of goods over a date range, and
 * the receivable balance as of a date. NOTE: one pass over the lines of the four accounts, the
 * range and the date applied per account inside the sums; the invoices are counted from the
 * entries (one per invoice), not as distinct keys over the lines, which cost a sort.
 */
export async function resultsByCustomer(
  strapi: Core.Strapi,
  range: DateRange,
  asOf: string,
): Promise<CustomerResultRow[]> {
  const codes = accountCodes();
  const knex = await readerOf(strapi);
  const bounds = [
    ...(range.from === undefined ? [] : [{ sql: ' and l.date >= ?', value: range.from }]),
    ...(range.to === undefined ? [] : [{ sql: ' and l.date <= ?', value: range.to }]),
  ];
  const inRange = (code: string, amount: string) =>
    knex.raw(
      `sum(case when l.account_code = ?${bounds.map((b) => b.sql).join('')} then ${amount} else 0 end)`,
      [code, ...bounds.map((b) => b.value)],
    );
  // NOTE: one after the other: in a report's read snapshot both run on one connection.
  const sums = (await knex(`${lines(strapi)} as l`)
    .join(`${entries(strapi)} as e`, 'e.entry_key', 'l.entry_key')
    .select('e.customer_document_id')
    .select({
      revenue: inRange(codes.sales, 'l.credit - l.debit'),
      freight: inRange(codes.freightIncome, 'l.credit - l.debit'),
      costOfGoods: inRange(codes.costOfGoods, 'l.debit - l.credit'),
      outstanding: knex.raw(
        'sum(case when l.account_code = ? and l.date <= ? then l.debit - l.credit else 0 end)',
        [codes.receivable, asOf],
      ),
    })
    .whereIn('l.account_code', [
      codes.receivable,
      codes.sales,
      codes.freightIncome,
      codes.costOfGoods,
    ])
    .whereNotNull('e.customer_document_id')
    .groupBy('e.customer_document_id')) as Record<string, unknown>[];
  const invoices = (await withinDates(
    knex(entries(strapi))
      .select('customer_document_id')
      .count({ invoices: '*' })
      .where('entry_key', 'like', INVOICE_KEYS)
      .whereNotNull('customer_document_id')
      .groupBy('customer_document_id'),
    'date',
    range,
  )) as Record<string, unknown>[];
  const invoicesOf = new Map(
    invoices.map((row) => [String(row.customer_document_id), Number(row.invoices)]),
  );
  return sums.map((row) => ({
    customerDocumentId: String(row.customer_document_id),
    invoices: invoicesOf.get(String(row.customer_document_id)) ?? 0,
    ...amountsOf(row, ['revenue', 'freight', 'costOfGoods', 'outstanding'] as const),
  }));
}

/** Σ debit − Σ credit of one account over every line (all time). */
export async function accountTotal(strapi: Core.Strapi, role: 'receivable' | 'inventory') {
  const code = accountCodes()[role];
  const knex = await readerOf(strapi);
  const [row] = (await knex(lines(strapi))
    .sum({ debit: 'debit', credit: 'credit' })
    .where('account_code', code)) as Record<string, unknown>[];
  const { debit, credit } = amountsOf(row ?? {}, ['debit', 'credit'] as const);
  return { code, balance: subtractAmounts(debit, credit, `balance of ${code}`) };
}

/**
 * Entries whose lines do not balance, or disagree with the totals stored on the entry.
 * NOTE: the indexes journal_lines_entry_sums_idx and journal_entries_entry_totals_idx hold
 * every column read here, so PostgreSQL merges the two in key order without a sort.
 */
export async function unbalancedEntries(
  strapi: Core.Strapi,
  limit: number,
): Promise<{ count: number; checked: number; rows: UnbalancedEntryRow[] }> {
  const knex = await readerOf(strapi);
  const sums = knex(lines(strapi))
    .select('entry_key')
    .sum({ debit: 'debit', credit: 'credit' })
    .groupBy('entry_key');
  const joined = knex
    .from(`${entries(strapi)} as e`)
    .leftJoin(sums.as('s'), 's.entry_key', 'e.entry_key')
    .select('e.entry_key', 'e.total_debit', 'e.total_credit')
    .select({
      debit: knex.raw('coalesce(s.debit, 0)'),
      credit: knex.raw('coalesce(s.credit, 0)'),
    });
  const found = await findDiffering(
    knex,
    joined,
    'c.debit <> c.credit or c.debit <> c.total_debit or c.credit <> c.total_credit',
    'entry_key',
    limit,
  );
  return {
    count: found.count,
    checked: found.checked,
    rows: found.rows.map((row) => ({
      entryKey: String(row.entry_key),
      ...amountsOf(row, ['debit', 'credit'] as const),
    })),
  };
}

/** Σ customer payments minus Σ refunds, as recorded by the payment documents. */
export async function netCustomerPayments(strapi: Core.Strapi): Promise<number> {
  const knex = await readerOf(strapi);
  const rows = (await knex(tableName(strapi, PAYMENT_UID))
    .select('kind')
    .sum({ total: 'amount' })
    .whereIn('kind', ['payment', 'refund'])
    .groupBy('kind')) as Record<string, unknown>[];
  const total = (kind: string) =>
    fromDatabase(rows.find((row) => row.kind === kind)?.total ?? 0, `${kind} total`);
  return subtractAmounts(total('payment'), total('refund'), 'payments less refunds');
}

/**
 * A subquery, one row per order with an entry under `<prefix><order documentId>` (column
 * `order_document_id`): the named sums over that entry's lines. NOTE: the order lifecycle posts
 * an order's invoice and cost under exactly these keys, and entry keys are unique; reading the
 * order from the key groups the lines by entry key alone, which PostgreSQL streams from
 * journal_lines_entry_sums_idx without a join or a sort. (Joined to the entries and grouped by
 * their order, the postings took about 1.4 s of the reconciliation at 100,000 orders; keyed,
 * 0.12-0.23 s each in psql.)
 */
function postingsByOrderKey(
  strapi: Core.Strapi,
  prefix: 'invoice:' | 'cost:',
  sums: Record<string, { code: string; side: 'debit' | 'credit' }>,
): SqlQuery {
  const knex = strapi.db.connection;
  const query = knex(lines(strapi))
    .select({ order_document_id: knex.raw('substr(entry_key, ?)', [prefix.length + 1]) })
    .where('entry_key', 'like', `${prefix}%`)
    .groupBy('entry_key');
  for (const [name, { code, side }] of Object.entries(sums)) {
    const amount = side === 'debit' ? 'debit - credit' : 'credit - debit';
    query.select(
      knex.raw(`sum(case when account_code = ? then ${amount} else 0 end) as ??`, [code, name]),
    );
  }
  return query;
}

/**
 * A subquery, one row per invoiced order (column `order_document_id`): what its invoice entry
 * put on the receivable, sales, tax and freight accounts. Reports join it to the order and
 * inventory capabilities' subqueries.
 */
export function orderInvoicePostingsQuery(strapi: Core.Strapi): SqlQuery {
  const codes = accountCodes();
  return postingsByOrderKey(strapi, 'invoice:', {
    invoice_receivable: { code: codes.receivable, side: 'debit' },
    invoice_sales: { code: codes.sales, side: 'credit' },
    invoice_tax: { code: codes.salesTax, side: 'credit' },
    invoice_freight: { code: codes.freightIncome, side: 'credit' },
  });
}

/** A subquery, one row per order with a cost entry: what it put on cost of goods sold. */
export function orderCostPostingsQuery(strapi: Core.Strapi): SqlQuery {
  return postingsByOrderKey(strapi, 'cost:', {
    cost_of_goods: { code: accountCodes().costOfGoods, side: 'debit' },
  });
}

/**
 * A subquery, one row per credit note with postings (column `credit_note_number`): what its
 * credit-note entry took off the receivable, sales, tax and freight accounts, and what its
 * return-stock entry put back on inventory and took off cost of goods.
 */
export function creditNotePostingsQuery(strapi: Core.Strapi): SqlQuery {
  const codes = accountCodes();
  const knex = strapi.db.connection;
  const sumOf = (keys: string, code: string, side: 'debit' | 'credit') =>
    knex.raw(
      `coalesce(sum(case when l.entry_key like ? and l.account_code = ? then ${
        side === 'debit' ? 'l.debit - l.credit' : 'l.credit - l.debit'
      } else 0 end), 0)`,
      [keys, code],
    );
  return knex(`${entries(strapi)} as e`)
    .join(`${lines(strapi)} as l`, 'l.entry_key', 'e.entry_key')
    .select({ credit_note_number: 'e.source_id' })
    .select({
      credited_receivable: sumOf(CREDIT_NOTE_KEYS, codes.receivable, 'credit'),
      credited_sales: sumOf(CREDIT_NOTE_KEYS, codes.sales, 'debit'),
      credited_tax: sumOf(CREDIT_NOTE_KEYS, codes.salesTax, 'debit'),
      credited_freight: sumOf(CREDIT_NOTE_KEYS, codes.freightIncome, 'debit'),
      restocked_inventory: sumOf(RETURN_STOCK_KEYS, codes.inventory, 'debit'),
      restocked_cost: sumOf(RETURN_STOCK_KEYS, codes.costOfGoods, 'credit'),
    })
    .where('e.source_type', 'credit-note')
    .groupBy('e.source_id');
}
