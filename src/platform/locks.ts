import type { Core } from '@strapi/strapi';

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
