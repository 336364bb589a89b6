import type { Core } from '@strapi/strapi';
import { IN_LIST_SIZE, distinct, readInChunks } from './batches';

type Transaction = Parameters<ReturnType<Core.Strapi['db']['getConnection']>['transacting']>[0];

/**
 * Locks one document's row until the surrounding transaction ends (SELECT … FOR NO KEY UPDATE
 * on PostgreSQL, as lockDocumentRows; SQLite serializes writers anyway). Checks made after it see
 * every change committed before it and none made after. Returns the row's id, or undefined when
 * there is no such row.
 */
export async function lockDocumentRow(
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
): Promise<number | undefined> {
  const [row] = await lockDocumentRows(strapi, uid, [documentId]);
  return row?.id;
}

/**
 * Locks the rows of many documents until the surrounding transaction ends, in id order (so two
 * batches that share rows never wait on each other in a circle), and reads `columns` of each
 * with the lock. Documents that do not exist are left out.
 * NOTE: one statement when the list fits one `in (…)`; a longer one is read first and then
 * locked in id-ordered chunks, since chunks locked as they come would not be in id order.
 * NOTE: FOR NO KEY UPDATE, not FOR UPDATE: it still excludes every other lock taken here, but not the KEY SHARE lock PostgreSQL's foreign-key check takes on a row
 * that a new link row points at. Creating an order links its customer and assets in the order
 * its lines name them; under FOR UPDATE that creation and a confirmation holding one of those
 * rows while it waits for another could wait on each other in a circle (a deadlock).
 */
export async function lockDocumentRows<Row extends { id: number; documentId: string }>(
  strapi: Core.Strapi,
  uid: string,
  documentIds: readonly string[],
  columns: readonly string[] = [],
): Promise<Row[]> {
  const wanted = distinct(documentIds);
  if (wanted.length === 0) {
    return [];
  }
  const meta = strapi.db.metadata.get(uid as never);
  const columnOf = (attribute: string) => {
    const found = meta.attributes[attribute] as { columnName?: string } | undefined;
    return found?.columnName ?? attribute;
  };
  const select = Object.fromEntries(
    distinct(['id', 'documentId', ...columns]).map((attribute) => [attribute, columnOf(attribute)]),
  );
  // NOTE: raw statements join the surrounding transaction only through its handle. SQLite has
  // no row locks (knex writes no locking clause there); it serializes writers anyway.
  const lock = (column: string, values: readonly (string | number)[]) =>
    strapi.db.transaction(
      ({ trx }: { trx: Transaction }) =>
        strapi.db
          .getConnection(meta.tableName)
          .transacting(trx)
          .select(select)
          .whereIn(columnOf(column), values as string[])
          .orderBy(columnOf('id'))
          .forNoKeyUpdate() as unknown as Promise<Row[]>,
    ) as unknown as Promise<Row[]>;
  if (wanted.length <= IN_LIST_SIZE) {
    return lock('documentId', wanted);
  }
  const found = await readInChunks(
    wanted,
    (chunk) =>
      strapi.db
        .queryBuilder(uid as never)
        .select(['id'])
        .where({ documentId: { $in: chunk } })
        .execute() as Promise<{ id: number }[]>,
  );
  const ids = found.map((row) => row.id).sort((a, b) => a - b);
  return readInChunks(ids, (chunk) => lock('id', chunk));
}
