import type { Core } from '@strapi/strapi';
import type { Capabilities, MirrorCounts, MirrorReports } from '../capabilities';
import { toAmount } from '../domain/figures';
import { findDiffering } from './differing';
import { readerOf } from './snapshot';

/**
 * The mirrored documents in reconciliation: each invoice and credit note the accounting connector
 * mirrored must still exist here and have the total the provider's copy had when it was synced.
 * One SQL statement per kind joins the connector's subquery of mirrored documents with the order
 * capability's totals and returns only those that disagree.
 */

export type MirrorMismatchKind = 'invoice-mirror' | 'credit-note-mirror';

export interface MirrorMismatch {
  [column: string]: string | number;
  kind: MirrorMismatchKind;
  id: string;
  expected: number;
  actual: number;
  reason: string;
}

export interface MirrorCheck extends MirrorCounts {
  /** Mirrored documents whose recorded remote total disagrees (or whose document is gone). */
  mismatching: number;
}

export interface MirrorCheckResult {
  counts: { invoices: MirrorCheck; creditNotes: MirrorCheck };
  mismatches: MirrorMismatch[];
}

type SqlQuery = ReturnType<Core.Strapi['db']['connection']>;

/** One kind: the connector's mirrors (`m`) joined on `column` to our documents' totals (`o`). */
interface MirrorKind {
  kind: MirrorMismatchKind;
  column: string;
  /** The mirror's column listed as the document's id (our invoice or credit-note number). */
  label: string;
  mirrors: SqlQuery;
  totals: SqlQuery;
  /** SQL true when our document exists and has what the mirror copies. */
  exists: string;
  differs: string;
  gone: string;
}

async function mismatchesOf(strapi: Core.Strapi, spec: MirrorKind, limit: number) {
  const knex = await readerOf(strapi);
  const missing = `not (${spec.exists})`;
  const disagrees = `m.remote_total is not null and (${missing} or o.total <> m.remote_total)`;
  const compared = knex
    .from(spec.mirrors.as('m'))
    .leftJoin(spec.totals.as('o'), `o.${spec.column}`, `m.${spec.column}`)
    .select({
      label: `m.${spec.label}`,
      is_missing: knex.raw(`case when ${missing} then 1 else 0 end`),
      expected: knex.raw(`case when ${missing} then 0 else o.total end`),
      actual: 'm.remote_total',
      disagrees: knex.raw(`case when ${disagrees} then 1 else 0 end`),
    });
  const found = await findDiffering(knex, compared, 'c.disagrees = 1', 'label', limit);
  const mismatches = found.rows.map((row): MirrorMismatch => ({
    kind: spec.kind,
    id: String(row.label),
    expected: toAmount(row.expected, 'expected'),
    actual: toAmount(row.actual, 'actual'),
    reason: Number(row.is_missing) === 1 ? spec.gone : spec.differs,
  }));
  return { count: found.count, mismatches };
}

const INVOICED = "o.order_status in ('fulfilled', 'returned')";

/**
 * Every mirrored invoice and credit note against ours, with the connector's counts; undefined
 * when the connector has mirrored, queued or dead-lettered none, so that reconciliation is then
 * what it was before the connector existed.
 */
export async function mirrorMismatches(
  strapi: Core.Strapi,
  found: Capabilities,
  mirror: MirrorReports,
  limit: number,
): Promise<MirrorCheckResult | undefined> {
  const counts = await mirror.mirrorCounts();
  const isUsed = [counts.invoices, counts.creditNotes].some(
    (kind) => kind.mirrored + kind.pending + kind.dead > 0,
  );
  if (!isUsed) {
    return undefined;
  }
  // NOTE: one after the other, as every statement of a report in its read snapshot.
  const invoices = await mismatchesOf(
    strapi,
    {
      kind: 'invoice-mirror',
      column: 'order_document_id',
      label: 'invoice_number',
      mirrors: mirror.invoiceMirrorsQuery(),
      totals: found.orders.orderTotalsQuery(),
      exists: `o.order_document_id is not null and ${INVOICED}`,
      differs: "the provider's invoice total differs from the order total",
      gone: 'the mirrored invoice has no order here any more, or the order no invoice',
    },
    limit,
  );
  const creditNotes = await mismatchesOf(
    strapi,
    {
      kind: 'credit-note-mirror',
      column: 'credit_note_number',
      label: 'credit_note_number',
      mirrors: mirror.creditNoteMirrorsQuery(),
      totals: found.orders.creditNoteTotalsQuery(),
      exists: 'o.credit_note_number is not null',
      differs: "the provider's credit note total differs from the credit note total",
      gone: 'the mirrored credit note does not exist here any more',
    },
    limit,
  );
  return {
    counts: {
      invoices: { ...counts.invoices, mismatching: invoices.count },
      creditNotes: { ...counts.creditNotes, mismatching: creditNotes.count },
    },
    mismatches: [...invoices.mismatches, ...creditNotes.mismatches],
  };
}
