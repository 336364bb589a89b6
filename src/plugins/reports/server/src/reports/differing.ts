import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];
type SqlQuery = ReturnType<Knex>;

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
 * orders × postings (minutes at 100,000 orders). Inside the report's read snapshot both
 * statements see the same rows. The capabilities' services have the same helper
 * (`src/platform/report-sql.ts`), which this bundle cannot import.
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
