import type { Core } from '@strapi/strapi';
import { fromDatabase } from './money';

/**
 * Small helpers for the capabilities' report queries: SQL aggregates that must come out the same
 * on SQLite and PostgreSQL.
 */

export type Knex = Core.Strapi['db']['connection'];
export type SqlQuery = ReturnType<Knex>;

/**
 * What a report query runs on: the surrounding transaction when there is one, so that every
 * figure of a report run in one read snapshot comes from that snapshot; the pool otherwise.
 */
export async function readerOf(strapi: Core.Strapi): Promise<Knex> {
  if (!strapi.db.inTransaction()) {
    return strapi.db.connection;
  }
  // NOTE: inside a transaction, transaction() without a callback hands back the surrounding one.
  const surrounding = await strapi.db.transaction();
  return surrounding.get() as unknown as Knex;
}

/** A date range of business dates (YYYY-MM-DD), either end open. */
export interface DateRange {
  from?: string;
  to?: string;
}

export function isPostgres(strapi: Core.Strapi): boolean {
  return strapi.db.dialect.client === 'postgres';
}

/**
 * `YYYY-MM` of a `date` column. NOTE: SQLite keeps Strapi's dates as `YYYY-MM-DD` text and
 * PostgreSQL as `date`, whose text form depends on DateStyle; to_char does not.
 */
export function monthOf(strapi: Core.Strapi, column: string) {
  const knex = strapi.db.connection;
  return isPostgres(strapi)
    ? knex.raw(`to_char(??, 'YYYY-MM')`, [column])
    : knex.raw('substr(??, 1, 7)', [column]);
}

/** Restricts `column` to a date range; no bound, no condition. */
export function withinDates<Q extends SqlQuery>(query: Q, column: string, range: DateRange): Q {
  if (range.from !== undefined) {
    query.where(column, '>=', range.from);
  }
  if (range.to !== undefined) {
    query.where(column, '<=', range.to);
  }
  return query;
}

/** Turns the named sums and amount columns of report rows into JSON integers (0 for null). */
export function amountsOf<K extends string>(
  row: Record<string, unknown>,
  fields: readonly K[],
): Record<K, number> {
  const result = {} as Record<K, number>;
  for (const field of fields) {
    result[field] = fromDatabase(row[field], field);
  }
  return result;
}

/** A date column as `YYYY-MM-DD` (PostgreSQL's driver may hand back a Date or text). */
export function dateText(value: unknown): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  return String(value).slice(0, 10);
}

export interface DifferingRows {
  /** How many rows were checked, and how many of them differ. */
  checked: number;
  count: number;
  /** The first `limit` rows that differ, by `orderBy`. */
  rows: Record<string, unknown>[];
}

/**
 * Runs a check over `joined` (aliased `c`): counts its rows and those matching `differs` (fixed
 * SQL over `c.*`) in one pass and, only when some differ, lists the first `limit` of them by
 * `orderBy`. NOTE: in a book that ties out the listing is never run, which spares writing every
 * joined row aside; when it runs, the joins are materialized, so that ORDER BY … LIMIT cannot
 * turn them into nested loops that expect to stop early and, with few rows to find, scan
 * orders × postings. In a report's read snapshot both statements see the same rows.
 */
export async function findDiffering(
  knex: Knex,
  joined: SqlQuery,
  differs: string,
  orderBy: string,
  limit: number,
): Promise<DifferingRows> {
  const [totals] = (await knex.from(joined.clone().as('c')).select({
    checked_rows: knex.raw('count(*)'),
    differing_rows: knex.raw(`coalesce(sum(case when ${differs} then 1 else 0 end), 0)`),
  })) as Record<string, unknown>[];
  const checked = Number(totals?.checked_rows ?? 0);
  const count = Number(totals?.differing_rows ?? 0);
  if (count === 0) {
    return { checked, count, rows: [] };
  }
  const rows = (await knex
    .withMaterialized('c', joined)
    .from('c')
    .select('c.*')
    .whereRaw(differs)
    .orderBy(`c.${orderBy}`)
    .limit(limit)) as Record<string, unknown>[];
  return { checked, count, rows };
}
