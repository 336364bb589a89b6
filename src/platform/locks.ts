import type { Core } from '@strapi/strapi';
import { IN_LIST_SIZE, distinct, readInChunks } from './batches';

/**
 * Locks one document's row until the surrounding transaction ends (SELECT … FOR UPDATE on
 * PostgreSQL; SQLite serializes writers anyway). Checks made after it see every change committed
 * before it and none made after. Returns the row's id, or undefined when there is no such row.
 */
export async function lockDocumentRow(
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
): Promise<number | undefined> {
  const row = (await strapi.db
    .queryBuilder(uid as never)
    .select(['id'])
    .where({ documentId })
    .forUpdate()
    .first()
    .execute()) as { id: number } | undefined;
  return row?.id;
}

/**
 * Locks the rows of many documents until the surrounding transaction ends, in id order (so two
 * batches that share rows never wait on each other in a circle), and reads `columns` of each
 * with the lock. Documents that do not exist are left out.
 * NOTE: one statement when the list fits one `in (…)`; a longer one is read first and then
 * locked in id-ordered chunks, since chunks locked as they come would not be in id order.
 */
export async function lockDocumentRows<Row extends { id: number; documentId: string }>(
  strapi: Core.Strapi,
  uid: string,
  documentIds: readonly string[],
  columns: readonly string[] = [],
): Promise<Row[]> {
  const wanted = distinct(documentIds);
  const select = distinct(['id', 'documentId', ...columns]);
  const lock = (where: Record<string, unknown>) =>
    strapi.db
      .queryBuilder(uid as never)
      .select(select)
      .where(where)
      .orderBy('id')
      .forUpdate()
      .execute() as Promise<Row[]>;
  if (wanted.length <= IN_LIST_SIZE) {
    return wanted.length === 0 ? [] : lock({ documentId: { $in: wanted } });
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
  return readInChunks(ids, (chunk) => lock({ id: { $in: chunk } }));
}
