import type { Core } from '@strapi/strapi';
import { fromDatabase } from './money';

/**
 * Small helpers for the capabilities' report queries: SQL aggregates that must come out the same
 * on SQLite and PostgreSQL.
 */

export type Knex = Core.Strapi['db']['connection'];
export type SqlQuery = ReturnType<Knex>;

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
