import type { Core } from '@strapi/strapi';
import type { StockSourceType } from './inventory-provider';
import { presentMovement } from './present-movement';

const MOVEMENT_UID = 'api::asset.stock-movement';

/** The movements that the given source documents caused, oldest first, as REST shows them. */
export async function findMovementsOf(
  strapi: Core.Strapi,
  sources: readonly { type: StockSourceType; id: string }[],
) {
  if (sources.length === 0) {
    return [];
  }
  const rows = await strapi.documents(MOVEMENT_UID).findMany({
    filters: { $or: sources.map((source) => ({ sourceType: source.type, sourceId: source.id })) },
    sort: 'id:asc',
    limit: -1,
  });
  return rows.map((row) => presentMovement(row));
}
