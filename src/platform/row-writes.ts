import type { Core } from '@strapi/strapi';
import { IN_LIST_SIZE } from './batches';

/**
 * Writes for the append-only rows a business action produces in numbers (journal lines, stock
 * movements) and for the status fields the lifecycle owns. They go through Strapi's query engine
 * in the caller's transaction, as few statements as possible: a row created one at a time with
 * its relation costs three or four statements and a read-back, and an update two reads around
 * it. Document Service rules do not apply here; callers are the capability that owns the rows.
 */

type Transaction = Parameters<ReturnType<Core.Strapi['db']['getConnection']>['transacting']>[0];

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  inverseOrderColumnName?: string;
}

/**
 * Inserts rows of one content type or component in one statement (defaults, document ids and
 * timestamps filled in by the query engine), each pointing its to-one `relation` at the row id
 * given in `targetIds` (same order as `rows`), and returns the new ids in order. `targetsAreNew`
 * says the targets were created in this transaction, so none has rows in the relation yet.
 */
export async function insertRows(
  strapi: Core.Strapi,
  uid: string,
  rows: readonly Record<string, unknown>[],
  relation?: { field: string; targetIds: readonly number[]; targetsAreNew?: boolean },
): Promise<number[]> {
  if (rows.length === 0) {
    return [];
  }
  const now = new Date();
  const { ids } = (await strapi.db.query(uid as never).createMany({
    data: rows.map((row) => ({ publishedAt: now, ...row })),
  })) as { ids: number[] };
  if (ids.length !== rows.length) {
    // NOTE: a driver that reports only the last id of a multi-row insert would link the
    // relation wrongly; stopping here rolls the whole action back instead.
    throw new Error(`Inserted ${rows.length} ${uid} rows but got ${ids.length} ids back`);
  }
  if (relation) {
    // NOTE: raw statements join the surrounding transaction only through its handle.
    await strapi.db.transaction(({ trx }: { trx: Transaction }) =>
      linkRows(strapi, trx, uid, ids, relation),
    );
  }
  return ids;
}

async function linkRows(
  strapi: Core.Strapi,
  trx: Transaction,
  uid: string,
  ids: readonly number[],
  {
    field,
    targetIds,
    targetsAreNew,
  }: { field: string; targetIds: readonly number[]; targetsAreNew?: boolean },
) {
  const attribute = strapi.db.metadata.get(uid as never).attributes[field] as {
    relation?: string;
    joinTable?: JoinTable;
  };
  if (!['manyToOne', 'oneToOne'].includes(attribute?.relation ?? '') || !attribute.joinTable) {
    throw new Error(`${uid}.${field} is not a to-one relation with a join table`);
  }
  const table = attribute.joinTable;
  const ordColumn = table.inverseOrderColumnName;
  const nextOrd = new Map<number, number>();
  if (ordColumn && !targetsAreNew) {
    // The position of each new row in its target's list, after the ones already there.
    const existing = (await strapi.db
      .getConnection(table.name)
      .transacting(trx)
      .select(table.inverseJoinColumn.name)
      .max({ max: ordColumn })
      .whereIn(table.inverseJoinColumn.name, [...new Set(targetIds)])
      .groupBy(table.inverseJoinColumn.name)) as Record<string, unknown>[];
    for (const row of existing) {
      nextOrd.set(Number(row[table.inverseJoinColumn.name]), Number(row.max ?? 0));
    }
  }
  const links = ids.map((id, index) => {
    const target = targetIds[index];
    const link: Record<string, unknown> = {
      [table.joinColumn.name]: id,
      [table.inverseJoinColumn.name]: target,
    };
    if (ordColumn) {
      const ord = (nextOrd.get(target) ?? 0) + 1;
      nextOrd.set(target, ord);
      link[ordColumn] = ord;
    }
    return link;
  });
  await insertJoinRows(strapi, trx, table.name, links);
}

/**
 * Inserts rows into a join table in the caller's transaction.
 * NOTE: in batches of the dialect's size, as createMany does: knex writes a multi-row insert
 * for SQLite as one compound SELECT, and SQLite refuses more than 500 terms in one.
 */
async function insertJoinRows(
  strapi: Core.Strapi,
  trx: Transaction,
  table: string,
  rows: readonly Record<string, unknown>[],
) {
  const batchSize = strapi.db.dialect.getBatchInsertSize();
  for (let start = 0; start < rows.length; start += batchSize) {
    await strapi.db
      .getConnection(table)
      .transacting(trx)
      .insert(rows.slice(start, start + batchSize));
  }
}

/**
 * Attaches newly inserted component rows to their owners' `field` (a component attribute), in
 * the order given: what the Document Service writes into the owner's components join table.
 */
export async function linkComponents(
  strapi: Core.Strapi,
  ownerUid: string,
  field: string,
  owners: readonly { ownerId: number; componentIds: readonly number[] }[],
): Promise<void> {
  const attribute = strapi.db.metadata.get(ownerUid as never).attributes[field] as {
    target?: string;
    joinTable?: JoinTable & { on?: { field: string }; orderColumnName?: string };
  };
  const table = attribute?.joinTable;
  if (!table || !attribute.target || table.on?.field !== field || !table.orderColumnName) {
    throw new Error(`${ownerUid}.${field} is not a component attribute`);
  }
  const links = owners.flatMap(({ ownerId, componentIds }) =>
    componentIds.map((componentId, index) => ({
      [table.joinColumn.name]: ownerId,
      [table.inverseJoinColumn.name]: componentId,
      // NOTE: the column Strapi 5.54 names the component type in every components join table.
      component_type: attribute.target,
      field,
      [table.orderColumnName as string]: index + 1,
    })),
  );
  // NOTE: raw statements join the surrounding transaction only through its handle.
  await strapi.db.transaction(({ trx }: { trx: Transaction }) =>
    insertJoinRows(strapi, trx, table.name, links),
  );
}

/** Updates one row's fields (and its updatedAt) in one statement, reading nothing back. */
export async function updateRow(
  strapi: Core.Strapi,
  uid: string,
  id: number,
  data: Record<string, unknown>,
): Promise<void> {
  await updateRows(strapi, uid, [id], data);
}

/** Sets the same fields (and updatedAt) on many rows, a statement per chunk of ids. */
export async function updateRows(
  strapi: Core.Strapi,
  uid: string,
  ids: readonly number[],
  data: Record<string, unknown>,
): Promise<void> {
  const updatedAt = new Date();
  for (let start = 0; start < ids.length; start += IN_LIST_SIZE) {
    // NOTE: Strapi's timestamps subscriber stamps updateMany only for an array of data.
    await strapi.db.query(uid as never).updateMany({
      where: { id: { $in: ids.slice(start, start + IN_LIST_SIZE) } },
      data: { ...data, updatedAt },
    });
  }
}
