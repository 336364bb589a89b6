import type { Core } from '@strapi/strapi';
import { fromDatabase } from '../../../platform/money';
import { insertRows, updateRow } from '../../../platform/row-writes';
import { inTransaction } from '../../../platform/transactions';
import { runAsWriter } from '../../../platform/write-context';
import type {
  AdjustRequest,
  FulfilledLine,
  InventoryProvider,
  ReceiveRequest,
  StockCall,
  StockLevel,
  StockLine,
} from './inventory-provider';
import { availableOf, type StockLevels } from './domain/stock-levels';
import {
  assertFulfilmentRecorded,
  fulfilledLines,
  planLines,
  planSingle,
  type StockPlan,
} from './domain/stock-plan';

const ASSET_UID = 'api::asset.asset';
const MOVEMENT_UID = 'api::asset.stock-movement';

interface AssetRow {
  id: number;
  documentId: string;
  sku: string;
  onHand: number;
  reserved: number;
  stockValue: unknown;
  allowBackorders: boolean | number;
}

interface MovementRow {
  movementKey: string;
  lineNo: number | null;
  onHandChange: number;
  valueChange: unknown;
}

/**
 * The inventory kept in this database. Each call joins the caller's transaction, locks the
 * assets it touches (in id order, so two calls never wait on each other in a circle), checks
 * its key against the movements already recorded, then writes movements and levels together.
 */
export function createBuiltinInventory(strapi: Core.Strapi): InventoryProvider {
  const inTransactionAsInventory = <T>(work: () => Promise<T>) =>
    inTransaction(strapi, () => runAsWriter('inventory', work));

  async function lockAssets(assetIds: readonly string[]) {
    const rows = (await strapi.db
      .queryBuilder(ASSET_UID)
      .select(['id', 'documentId', 'sku', 'onHand', 'reserved', 'stockValue', 'allowBackorders'])
      .where({ documentId: { $in: [...new Set(assetIds)] } })
      .orderBy('id')
      .forUpdate()
      .execute()) as AssetRow[];
    const rowIds = new Map(rows.map((row) => [row.documentId, row.id]));
    const levels = new Map<string, StockLevels>(rows.map((row) => [row.documentId, toLevels(row)]));
    return { rowIds, levels };
  }

  async function recorded(keys: readonly string[]): Promise<MovementRow[]> {
    return (await strapi.db.query(MOVEMENT_UID).findMany({
      where: { movementKey: { $in: [...keys] } },
      select: ['movementKey', 'lineNo', 'onHandChange', 'valueChange'],
    })) as MovementRow[];
  }

  async function write(
    plan: StockPlan,
    call: StockCall,
    rowIds: Map<string, number>,
    note?: string,
  ) {
    await insertRows(
      strapi,
      MOVEMENT_UID,
      plan.movements.map((movement) => ({
        movementKey: movement.movementKey,
        assetDocumentId: movement.assetId,
        reason: movement.reason,
        onHandChange: movement.onHandChange,
        reservedChange: movement.reservedChange,
        valueChange: movement.valueChange,
        sourceType: call.source.type,
        sourceId: call.source.id,
        lineNo: movement.lineNo,
        date: call.date,
        note: note ?? null,
      })),
      {
        field: 'asset',
        targetIds: plan.movements.map((movement) => rowIds.get(movement.assetId) as number),
      },
    );
    const touched = new Set(plan.movements.map((movement) => movement.assetId));
    for (const assetId of touched) {
      const levels = plan.levels.get(assetId) as StockLevels;
      await updateRow(strapi, ASSET_UID, rowIds.get(assetId) as number, {
        onHand: levels.onHand,
        reserved: levels.reserved,
        available: availableOf(levels),
        stockValue: levels.stockValue,
      });
    }
  }

  const lineOperation =
    (operation: 'reserve' | 'release' | 'restock') =>
    (call: StockCall & { lines: (StockLine | FulfilledLine)[] }) =>
      inTransactionAsInventory(async () => {
        const { rowIds, levels } = await lockAssets(call.lines.map((line) => line.assetId));
        if (
          call.lines.length === 0 ||
          (await recorded([`${call.key}#${call.lines[0].lineNo}`])).length > 0
        ) {
          return;
        }
        await write(planLines(operation, call.key, call.lines, levels), call, rowIds);
      });

  return {
    reserve: lineOperation('reserve'),
    release: lineOperation('release'),
    restock: lineOperation('restock'),

    fulfil: (call) =>
      inTransactionAsInventory(async () => {
        const { rowIds, levels } = await lockAssets(call.lines.map((line) => line.assetId));
        const done = await recorded(call.lines.map((line) => `${call.key}#${line.lineNo}`));
        if (done.length > 0) {
          return fulfilledLines(call.lines, done.map(toPlanned));
        }
        const plan = planLines('fulfil', call.key, call.lines, levels);
        await write(plan, call, rowIds);
        return fulfilledLines(call.lines, plan.movements);
      }),

    async fulfilledCosts(key, lines) {
      const done = await recorded(lines.map((line) => `${key}#${line.lineNo}`));
      assertFulfilmentRecorded(key, lines, done);
      return fulfilledLines(lines, done.map(toPlanned));
    },

    receive: (request: ReceiveRequest) =>
      inTransactionAsInventory(async () => {
        const { rowIds, levels } = await lockAssets([request.assetId]);
        const [done] = await recorded([request.key]);
        if (done) {
          return { value: fromDatabase(done.valueChange) };
        }
        const reason = request.source.type === 'opening-stock' ? 'opening-stock' : 'receipt';
        const plan = planSingle(reason, request.key, request.assetId, levels, request);
        await write(plan, request, rowIds);
        return { value: plan.movements[0].valueChange };
      }),

    adjust: (request: AdjustRequest) =>
      inTransactionAsInventory(async () => {
        const { rowIds, levels } = await lockAssets([request.assetId]);
        const [done] = await recorded([request.key]);
        if (done) {
          return { change: done.onHandChange, value: fromDatabase(done.valueChange) };
        }
        const plan = planSingle('adjustment', request.key, request.assetId, levels, request);
        await write(plan, request, rowIds, request.note);
        return { change: plan.movements[0].onHandChange, value: plan.movements[0].valueChange };
      }),

    async levels(assetIds) {
      const rows = (await strapi.db.query(ASSET_UID).findMany({
        where: { documentId: { $in: [...assetIds] } },
        select: ['documentId', 'sku', 'onHand', 'reserved', 'stockValue', 'allowBackorders'],
      })) as AssetRow[];
      return new Map<string, StockLevel>(
        rows.map((row) => {
          const levels = toLevels(row);
          return [
            row.documentId,
            { assetId: row.documentId, ...levels, available: availableOf(levels) },
          ];
        }),
      );
    },
  };
}

function toLevels(row: AssetRow): StockLevels {
  return {
    sku: row.sku,
    onHand: Number(row.onHand),
    reserved: Number(row.reserved),
    stockValue: fromDatabase(row.stockValue, `stockValue of ${row.sku}`),
    allowBackorders: Boolean(row.allowBackorders),
  };
}

function toPlanned(row: MovementRow) {
  return { lineNo: row.lineNo, valueChange: fromDatabase(row.valueChange) };
}
