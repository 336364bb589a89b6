import type { Core } from '@strapi/strapi';
import { distinct, readInChunks } from '../../platform/batches';
import type { Row } from '../../platform/documents';
import { fromDatabase, subtractAmounts } from '../../platform/money';
import { resolveAccountCode } from './chart-of-accounts';
import { readWithSql, tableOf } from './ledger.transactions';
import { ACCOUNT_UID, ENTRY_UID, LINE_UID, PAYMENT_UID } from './ledger.uids';
import {
  presentAccount,
  presentEntry,
  presentPayment,
  type AccountView,
  type JournalEntryView,
  type PaymentView,
} from './ledger.views';

/**
 * The ledger's read-only queries, for its routes and for other capabilities (orders, reports).
 * Each joins the caller's transaction when there is one.
 */

export interface JournalEntryFilter {
  /** Entries with a line on this account, named by role or code. */
  account?: string;
  from?: string;
  to?: string;
  sourceType?: string;
  sourceId?: string;
  orderDocumentId?: string;
  customerDocumentId?: string;
}

export interface PaymentFilter {
  kind?: string;
  orderDocumentId?: string;
  customerDocumentId?: string;
  from?: string;
  to?: string;
}

export interface PageRequest {
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  data: T[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

const DEFAULT_PAGE_SIZE = 25;
const LINE_FIELDS = ['accountCode', 'debit', 'credit'];

/** Journal entries with their lines, oldest business date first. */
export async function findJournalEntries(
  strapi: Core.Strapi,
  filter: JournalEntryFilter = {},
  request: PageRequest = {},
): Promise<Page<JournalEntryView>> {
  const filters: Row = {
    ...dateFilter(filter),
    ...pick(filter, ['sourceType', 'sourceId', 'orderDocumentId', 'customerDocumentId']),
  };
  if (filter.account !== undefined) {
    filters.lines = { accountCode: resolveAccountCode(filter.account) };
  }
  return findPage(strapi, ENTRY_UID, filters, request, {
    populate: { lines: { fields: LINE_FIELDS, sort: ['id:asc'] } },
    present: (row) => presentEntry(row, (row.lines as Row[] | undefined) ?? []),
  });
}

export async function findJournalEntry(
  strapi: Core.Strapi,
  documentId: string,
): Promise<JournalEntryView | null> {
  const row = (await strapi.documents(ENTRY_UID).findOne({
    documentId,
    populate: { lines: { fields: LINE_FIELDS, sort: ['id:asc'] } } as never,
  })) as Row | null;
  return row ? presentEntry(row, (row.lines as Row[] | undefined) ?? []) : null;
}

/** Payments, refunds and supplier payments, oldest first. */
export async function findPayments(
  strapi: Core.Strapi,
  filter: PaymentFilter = {},
  request: PageRequest = {},
): Promise<Page<PaymentView>> {
  const filters: Row = {
    ...dateFilter(filter),
    ...pick(filter, ['kind', 'orderDocumentId', 'customerDocumentId']),
  };
  return findPage(strapi, PAYMENT_UID, filters, request, { present: presentPayment });
}

export async function findPayment(
  strapi: Core.Strapi,
  documentId: string,
): Promise<PaymentView | null> {
  const row = (await strapi.documents(PAYMENT_UID).findOne({ documentId })) as Row | null;
  return row ? presentPayment(row) : null;
}

/** The chart of accounts, by code. */
export async function listAccounts(strapi: Core.Strapi): Promise<AccountView[]> {
  const rows = (await strapi.documents(ACCOUNT_UID).findMany({ sort: ['code:asc'] })) as Row[];
  return rows.map(presentAccount);
}

export async function findAccount(
  strapi: Core.Strapi,
  documentId: string,
): Promise<AccountView | null> {
  const row = (await strapi.documents(ACCOUNT_UID).findOne({ documentId })) as Row | null;
  return row ? presentAccount(row) : null;
}

/** Σ payments and Σ refunds recorded against an order, in minor units. */
export async function sumPaymentsForOrder(
  strapi: Core.Strapi,
  orderDocumentId: string,
): Promise<PaymentSums> {
  return (await sumPaymentsForOrders(strapi, [orderDocumentId])).get(
    orderDocumentId,
  ) as PaymentSums;
}

export interface PaymentSums {
  paid: number;
  refunded: number;
}

/** Σ payments and Σ refunds of each order named, in minor units (0 for an order with none). */
export async function sumPaymentsForOrders(
  strapi: Core.Strapi,
  orderDocumentIds: readonly string[],
): Promise<Map<string, PaymentSums>> {
  const ids = distinct(orderDocumentIds);
  const rows = await readWithSql(strapi, (from) =>
    readInChunks(
      ids,
      (chunk) =>
        from(tableOf(strapi, PAYMENT_UID))
          .select('order_document_id', 'kind')
          .sum({ total: 'amount' })
          .whereIn('order_document_id', chunk)
          .whereIn('kind', ['payment', 'refund'])
          .groupBy('order_document_id', 'kind') as Promise<
          { order_document_id: string; kind: string; total: unknown }[]
        >,
    ),
  );
  const sums = new Map<string, PaymentSums>(ids.map((id) => [id, { paid: 0, refunded: 0 }]));
  for (const row of rows) {
    const side = row.kind === 'payment' ? 'paid' : 'refunded';
    (sums.get(row.order_document_id) as PaymentSums)[side] = fromDatabase(
      row.total,
      `${row.kind} total of order ${row.order_document_id}`,
    );
  }
  return sums;
}

/** Σ of the payments of one kind that carry a reference (a supplier's payments of a receipt). */
export async function sumPaymentsByReference(
  strapi: Core.Strapi,
  kind: 'payment' | 'refund' | 'supplier-payment',
  reference: string,
): Promise<number> {
  const rows = (await readWithSql(strapi, (from) =>
    from(tableOf(strapi, PAYMENT_UID)).sum({ total: 'amount' }).where({ kind, reference }),
  )) as { total: unknown }[];
  return fromDatabase(rows[0]?.total ?? 0, `${kind} total for ${reference}`);
}

/**
 * What a customer owes (positive) or has paid ahead (negative): Σ debit − Σ credit on the
 * receivable account over the entries carrying that customer.
 */
export async function receivableBalance(
  strapi: Core.Strapi,
  customerDocumentId: string,
): Promise<number> {
  const receivable = resolveAccountCode('receivable');
  return readWithSql(strapi, async (from) => {
    const entryKeys = from(tableOf(strapi, ENTRY_UID))
      .select('entry_key')
      .where({ customer_document_id: customerDocumentId });
    const rows = await from(tableOf(strapi, LINE_UID))
      .sum({ debit: 'debit', credit: 'credit' })
      .where({ account_code: receivable })
      .whereIn('entry_key', entryKeys);
    return debitMinusCredit(rows[0], `receivable of customer ${customerDocumentId}`);
  });
}

/** An account's balance as Σ debit − Σ credit (credit-side accounts come out negative). */
export async function accountBalance(strapi: Core.Strapi, account: string): Promise<number> {
  const code = resolveAccountCode(account);
  return readWithSql(strapi, async (from) => {
    const rows = await from(tableOf(strapi, LINE_UID))
      .sum({ debit: 'debit', credit: 'credit' })
      .where({ account_code: code });
    return debitMinusCredit(rows[0], `balance of account ${code}`);
  });
}

function debitMinusCredit(row: Row | undefined, label: string): number {
  return subtractAmounts(
    fromDatabase(row?.debit ?? 0, `${label} (debits)`),
    fromDatabase(row?.credit ?? 0, `${label} (credits)`),
    label,
  );
}

function dateFilter(filter: { from?: string; to?: string }): Row {
  if (filter.from === undefined && filter.to === undefined) {
    return {};
  }
  return {
    date: {
      ...(filter.from !== undefined && { $gte: filter.from }),
      ...(filter.to !== undefined && { $lte: filter.to }),
    },
  };
}

function pick<T extends object>(source: T, keys: readonly (keyof T & string)[]): Row {
  const result: Row = {};
  for (const key of keys) {
    if (source[key] !== undefined) {
      result[key] = source[key];
    }
  }
  return result;
}

async function findPage<T>(
  strapi: Core.Strapi,
  uid: string,
  filters: Row,
  request: PageRequest,
  options: { populate?: Row; present: (row: Row) => T },
): Promise<Page<T>> {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  const documents = strapi.documents(uid as never);
  const rows = (await documents.findMany({
    filters,
    sort: ['date:asc', 'id:asc'],
    populate: options.populate,
    start: (page - 1) * pageSize,
    limit: pageSize,
  } as never)) as Row[];
  const total = await documents.count({ filters } as never);
  return {
    data: rows.map(options.present),
    meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
  };
}
