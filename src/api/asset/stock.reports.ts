import type { Core } from '@strapi/strapi';
import { amountsOf, findDiffering, readerOf, type SqlQuery } from '../../platform/report-sql';

/**
 * The inventory capability's read-only report queries, for the reports plugin (through the
 * `api::asset.stock-reports` service): stock levels and their agreement with the movements.
 */

const ASSET_UID = 'api::asset.asset';
const MOVEMENT_UID = 'api::asset.stock-movement';

export interface StockLevelRow {
  id: number;
  documentId: string;
  sku: string;
  name: string;
  assetStatus: string;
  onHand: number;
  reserved: number;
  available: number;
  stockValue: number;
  reorderLevel: number;
}

export interface LevelMismatchRow {
  documentId: string;
  sku: string;
  field: 'onHand' | 'reserved' | 'available' | 'stockValue';
  expected: number;
  actual: number;
}

const tableName = (strapi: Core.Strapi, uid: string) =>
  strapi.db.metadata.get(uid as never).tableName;

/** Every asset's stored levels, by SKU. */
export async function stockLevels(strapi: Core.Strapi): Promise<StockLevelRow[]> {
  const knex = await readerOf(strapi);
  const rows = (await knex(tableName(strapi, ASSET_UID))
    .select(
      'id',
      'document_id',
      'sku',
      'name',
      'asset_status',
      'on_hand',
      'reserved',
      'available',
      'stock_value',
      'reorder_level',
    )
    .orderBy('sku')) as Record<string, unknown>[];
  return rows.map((row) => ({
    id: Number(row.id),
    documentId: String(row.document_id),
    sku: String(row.sku),
    name: String(row.name),
    assetStatus: String(row.asset_status),
    onHand: Number(row.on_hand),
    reserved: Number(row.reserved),
    available: Number(row.available),
    stockValue: amountsOf(row, ['stock_value'] as const).stock_value,
    reorderLevel: Number(row.reorder_level ?? 0),
  }));
}

/** Σ of every asset's stock value. */
export async function totalStockValue(strapi: Core.Strapi): Promise<number> {
  const knex = await readerOf(strapi);
  const [row] = (await knex(tableName(strapi, ASSET_UID)).sum({ total: 'stock_value' })) as Record<
    string,
    unknown
  >[];
  return amountsOf(row ?? {}, ['total'] as const).total;
}

/**
 * Assets whose stored levels differ from the sum of their movements (or whose available is not
 * on hand − reserved): one row per differing field, at most `limit`, and how many assets differ.
 */
export async function levelMismatches(
  strapi: Core.Strapi,
  limit: number,
): Promise<{ count: number; checked: number; rows: LevelMismatchRow[] }> {
  const knex = await readerOf(strapi);
  const sums = knex(tableName(strapi, MOVEMENT_UID))
    .select('asset_document_id')
    .sum({ on_hand: 'on_hand_change', reserved: 'reserved_change', value: 'value_change' })
    .groupBy('asset_document_id');
  const joined = knex
    .from(`${tableName(strapi, ASSET_UID)} as a`)
    .leftJoin(sums.as('m'), 'm.asset_document_id', 'a.document_id')
    .select('a.document_id', 'a.sku', 'a.on_hand', 'a.reserved', 'a.available', 'a.stock_value')
    .select({
      moved_on_hand: knex.raw('coalesce(m.on_hand, 0)'),
      moved_reserved: knex.raw('coalesce(m.reserved, 0)'),
      moved_value: knex.raw('coalesce(m.value, 0)'),
    });
  const found = await findDiffering(
    knex,
    joined,
    'c.on_hand <> c.moved_on_hand or c.reserved <> c.moved_reserved or ' +
      'c.stock_value <> c.moved_value or c.available <> c.on_hand - c.reserved',
    'sku',
    limit,
  );
  const result: LevelMismatchRow[] = [];
  for (const row of found.rows) {
    const n = amountsOf(row, [
      'on_hand',
      'reserved',
      'available',
      'stock_value',
      'moved_on_hand',
      'moved_reserved',
      'moved_value',
    ] as const);
    const base = { documentId: String(row.document_id), sku: String(row.sku) };
    const compare = (field: LevelMismatchRow['field'], expected: number, actual: number) => {
      if (expected !== actual) {
        result.push({ ...base, field, expected, actual });
      }
    };
    compare('onHand', n.moved_on_hand, n.on_hand);
    compare('reserved', n.moved_reserved, n.reserved);
    compare('stockValue', n.moved_value, n.stock_value);
    compare('available', n.on_hand - n.reserved, n.available);
  }
  return { count: found.count, checked: found.checked, rows: result };
}

/**
 * A subquery, one row per order with stock movements (column `order_document_id`): units and
 * cost taken off by fulfilment, and the units it still holds reserved. NOTE: the index
 * stock_movements_source_sums holds every column read here (an index-only scan).
 */
export function orderMovementsQuery(strapi: Core.Strapi): SqlQuery {
  const knex = strapi.db.connection;
  return knex(tableName(strapi, MOVEMENT_UID))
    .select({ order_document_id: 'source_id' })
    .select({
      fulfilled_units: knex.raw(
        "coalesce(-sum(case when reason = 'fulfil' then on_hand_change else 0 end), 0)",
      ),
      fulfilled_cost: knex.raw(
        "coalesce(-sum(case when reason = 'fulfil' then value_change else 0 end), 0)",
      ),
      reserved_units: knex.raw('coalesce(sum(reserved_change), 0)'),
    })
    .where('source_type', 'order')
    .groupBy('source_id');
}

/**
 * A subquery, one row per credit note that restocked goods (column `credit_note_number`): the
 * units and the value its return movements put back on hand.
 */
export function returnMovementsQuery(strapi: Core.Strapi): SqlQuery {
  const knex = strapi.db.connection;
  return knex(tableName(strapi, MOVEMENT_UID))
    .select({ credit_note_number: 'source_id' })
    .select({
      restocked_units: knex.raw('coalesce(sum(on_hand_change), 0)'),
      restocked_value: knex.raw('coalesce(sum(value_change), 0)'),
    })
    .where('source_type', 'return')
    .groupBy('source_id');
}
