import type { Core } from '@strapi/strapi';
import { toNumber } from '../sync/db';
import { ID_MAP_UID, OUTBOX_UID } from '../uids';

/**
 * The connector's read-only report queries, for reconciliation in the reports plugin (which
 * joins them with the order capability's; it never reads these tables itself): the invoices and
 * credit notes mirrored, with the remote total and adjustment recorded when each was synced, and
 * how many are mirrored, waiting or dead-lettered.
 */

type Knex = Core.Strapi['db']['connection'];
type SqlQuery = ReturnType<Knex>;

export type MirroredKind = 'invoice' | 'creditNote';

export interface MirrorCounts {
  /** Mirrored (mapped to a remote document). */
  readonly mirrored: number;
  /** Mirrored before remote totals were recorded: not compared. */
  readonly unrecorded: number;
  /** Mirrored with an adjustment booked, and the sum of those adjustments (minor units). */
  readonly adjusted: number;
  readonly adjustment: number;
  /** Documents whose outbox row waits, or was dead-lettered. */
  readonly pending: number;
  readonly dead: number;
}

const tableOf = (strapi: Core.Strapi, uid: string) =>
  strapi.db.metadata.get(uid as never).tableName;

/**
 * The id map's mirrored rows of one kind: `local_key`, `marker` and the recorded totals. `knex`
 * is the connection to run on when the rows are read alone rather than as a subquery.
 */
function mirroredRows(strapi: Core.Strapi, kind: MirroredKind, knex = strapi.db.connection) {
  return knex(`${tableOf(strapi, ID_MAP_UID)} as mm`)
    .where('mm.kind', kind)
    .whereNotNull('mm.remote_id');
}

/**
 * The surrounding transaction, the pool outside one: the reports plugin reads every figure of
 * reconciliation, these counts too, in one read snapshot. NOTE: the reports plugin and the app
 * have the same helper; each bundle is built apart and cannot import another's.
 */
async function readerOf(strapi: Core.Strapi): Promise<Knex> {
  if (!strapi.db.inTransaction()) {
    return strapi.db.connection;
  }
  return (await strapi.db.transaction()).get() as unknown as Knex;
}

async function countsOf(strapi: Core.Strapi, kind: MirroredKind): Promise<MirrorCounts> {
  const knex = await readerOf(strapi);
  const [mapped] = (await mirroredRows(strapi, kind, knex).select({
    mirrored: knex.raw('count(*)'),
    unrecorded: knex.raw('coalesce(sum(case when mm.remote_total is null then 1 else 0 end), 0)'),
    adjusted: knex.raw('coalesce(sum(case when mm.remote_adjustment <> 0 then 1 else 0 end), 0)'),
    adjustment: knex.raw('coalesce(sum(mm.remote_adjustment), 0)'),
  })) as Record<string, unknown>[];
  const waiting = (await knex(tableOf(strapi, OUTBOX_UID))
    .where('kind', kind)
    .whereIn('state', ['pending', 'dead'])
    .groupBy('state')
    .select('state', { documents: knex.raw('count(distinct source_id)') })) as {
    state: string;
    documents: unknown;
  }[];
  const documentsIn = (state: string) =>
    toNumber(waiting.find((row) => row.state === state)?.documents);
  return {
    mirrored: toNumber(mapped?.mirrored),
    unrecorded: toNumber(mapped?.unrecorded),
    adjusted: toNumber(mapped?.adjusted),
    adjustment: toNumber(mapped?.adjustment),
    pending: documentsIn('pending'),
    dead: documentsIn('dead'),
  };
}

/** `plugin::accounting-sync.mirror-reports`: read-only, for the reports plugin. */
export const mirrorReportsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * A subquery, one row per mirrored invoice (column `order_document_id`): its number
   * (`invoice_number`), `remote_id`, and the `remote_total` and `remote_adjustment` recorded when
   * it was synced (null when mirrored before they were recorded).
   */
  invoiceMirrorsQuery(): SqlQuery {
    return mirroredRows(strapi, 'invoice').select({
      order_document_id: 'mm.local_key',
      invoice_number: 'mm.marker',
      remote_id: 'mm.remote_id',
      remote_total: 'mm.remote_total',
      remote_adjustment: 'mm.remote_adjustment',
    });
  },

  /** The same per mirrored credit note (column `credit_note_number`). */
  creditNoteMirrorsQuery(): SqlQuery {
    return mirroredRows(strapi, 'creditNote').select({
      credit_note_number: 'mm.local_key',
      remote_id: 'mm.remote_id',
      remote_total: 'mm.remote_total',
      remote_adjustment: 'mm.remote_adjustment',
    });
  },

  /** How many invoices and credit notes are mirrored, adjusted, waiting and dead-lettered. */
  async mirrorCounts(): Promise<Record<'invoices' | 'creditNotes', MirrorCounts>> {
    // NOTE: one after the other: in the reports' read snapshot both run on one connection.
    const invoices = await countsOf(strapi, 'invoice');
    const creditNotes = await countsOf(strapi, 'creditNote');
    return { invoices, creditNotes };
  },
});
