import type { Core } from '@strapi/strapi';
import { distinct, readInChunks } from '../../platform/batches';
import { fromDatabase } from '../../platform/money';

/**
 * The asset capability's read-only queries for the other capabilities: orders price and link
 * their lines through these, never through the assets table.
 */

const ASSET_UID = 'api::asset.asset';

export interface AssetRef {
  /** The row id, for relation links. */
  id: number;
  documentId: string;
  name: string;
  /** Minor units. */
  listPrice: number;
}

/** The assets named that exist, by documentId, with what an order line takes from them. */
export async function findAssetRefs(
  strapi: Core.Strapi,
  documentIds: readonly string[],
): Promise<Map<string, AssetRef>> {
  const rows = await readInChunks(
    distinct(documentIds),
    (chunk) =>
      strapi.db.query(ASSET_UID).findMany({
        where: { documentId: { $in: chunk } },
        select: ['id', 'documentId', 'name', 'listPrice'],
      }) as Promise<{ id: number; documentId: string; name: string; listPrice: unknown }[]>,
  );
  return new Map(
    rows.map((row) => [
      row.documentId,
      { ...row, listPrice: fromDatabase(row.listPrice, `list price of ${row.documentId}`) },
    ]),
  );
}
