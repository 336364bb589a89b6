import type { Core } from '@strapi/strapi';
import { distinct, readInChunks } from '../../../platform/batches';
import { lockDocumentRows } from '../../../platform/locks';
import { fromDatabase } from '../../../platform/money';
import { insertRows, updateRow } from '../../../platform/row-writes';
import { inTransaction } from '../../../platform/transactions';
import { runAsWriter } from '../../../platform/write-context';
import type {
  AdjustRequest,
  FulfilledLine,
  InventoryProvider,
  LineCall,
  ReceiveRequest,
  StockCall,
  StockLevel,
  StockLine,
} from './inventory-provider';
import { availableOf, type StockLevels } from './domain/stock-levels';
import {
  assertFulfilmentRecorded,
  fulfilledLines,
  planCall,
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
 * its keys against the movements already recorded, then writes movements and levels together.
 */
export function createBuiltinInventory(strapi: Core.Strapi): InventoryProvider {
  const inTransactionAsInventory = <T>(work: () => Promise<T>) =>
    inTransaction(strapi, () => runAsWriter('inventory', work));

  async function lockAssets(assetIds: readonly string[]) {
    const rows = await lockDocumentRows<AssetRow>(strapi, ASSET_UID, assetIds, [
      'sku',
      'onHand',
      'reserved',
      'stockValue',
      'allowBackorders',
    ]);
    const rowIds = new Map(rows.map((row) => [row.documentId, row.id]));
    const levels = new Map<string, StockLevels>(rows.map((row) => [row.documentId, toLevels(row)]));
    return { rowIds, levels };
  }

  /** The movements recorded under the given keys, by key. */
  async function recorded(keys: readonly string[]): Promise<Map<string, MovementRow>> {
    const rows = await readInChunks(
      distinct(keys),
      (chunk) =>
        strapi.db.query(MOVEMENT_UID).findMany({
          where: { movementKey: { $in: chunk } },
          select: ['movementKey', 'lineNo', 'onHandChange', 'valueChange'],
        }) as Promise<MovementRow[]>,
    );
    return new Map(rows.map((row) => [row.movementKey, row]));
  }

  /** Writes the planned movements of every call in one insert, then each touched asset once. */
  async function write(
    planned: readonly { plan: StockPlan; call: StockCall; note?: string }[],
    rowIds: Map<string, number>,
    levels: Map<string, StockLevels>,
  ) {
    const movements = planned.flatMap(({ plan, call, note }) =>
      plan.movements.map((movement) => ({ movement, call, note })),
    );
    await insertRows(
      strapi,
      MOVEMENT_UID,
      movements.map(({ movement, call, note }) => ({
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
        targetIds: movements.map(({ movement }) => rowIds.get(movement.assetId) as number),
      },
    );
    for (const assetId of distinct(movements.map(({ movement }) => movement.assetId))) {
      const after = levels.get(assetId) as StockLevels;
      await updateRow(strapi, ASSET_UID, rowIds.get(assetId) as number, {
        onHand: after.onHand,
        reserved: after.reserved,
        available: availableOf(after),
        stockValue: after.stockValue,
      });
    }
  }

  /**
   * Plans the calls one after the other on the locked levels, skipping those already recorded
   * (by their first line's movement, or earlier in this batch), and writes what they change.
   */
  const lineOperation =
    (operation: 'reserve' | 'release' | 'restock') =>
    (calls: readonly (StockCall & { lines: (StockLine | FulfilledLine)[] })[]) =>
      inTransactionAsInventory(async () => {
        const { rowIds, levels } = await lockAssets(
          calls.flatMap((call) => call.lines.map((line) => line.assetId)),
        );
        const firstKey = (call: (typeof calls)[number]) => `${call.key}#${call.lines[0].lineNo}`;
        const withLines = calls.filter((call) => call.lines.length > 0);
        const done = new Set((await recorded(withLines.map(firstKey))).keys());
        let current = levels;
        const planned: { plan: StockPlan; call: StockCall }[] = [];
        for (const call of withLines) {
          if (done.has(firstKey(call))) {
            continue;
          }
          done.add(firstKey(call));
          const plan = planCall(operation, call, current);
          current = plan.levels;
          planned.push({ plan, call });
        }
        await write(planned, rowIds, current);
      });

  return {
    reserve: lineOperation('reserve'),
    release: lineOperation('release'),
    restock: lineOperation('restock'),

    fulfil: (calls) =>
      inTransactionAsInventory(async () => {
        const { rowIds, levels } = await lockAssets(
          calls.flatMap((call) => call.lines.map((line) => line.assetId)),
        );
        const lineKeys = (call: LineCall) => call.lines.map((line) => `${call.key}#${line.lineNo}`);
        const done = new Map(
          [...(await recorded(calls.flatMap(lineKeys)))].map(([key, row]) => [key, toPlanned(row)]),
        );
        let current = levels;
        const planned: { plan: StockPlan; call: StockCall }[] = [];
        const costs = calls.map((call) => {
          const found = lineKeys(call).flatMap((key) => done.get(key) ?? []);
          if (found.length > 0) {
            return fulfilledLines(call.lines, found);
          }
          const plan = planCall('fulfil', call, current);
          current = plan.levels;
          planned.push({ plan, call });
          plan.movements.forEach((movement) => done.set(movement.movementKey, movement));
          return fulfilledLines(call.lines, plan.movements);
        });
        await write(planned, rowIds, current);
        return costs;
      }),

    async fulfilledCosts(key, lines) {
      const done = [...(await recorded(lines.map((line) => `${key}#${line.lineNo}`))).values()];
      assertFulfilmentRecorded(key, lines, done);
      return fulfilledLines(lines, done.map(toPlanned));
    },

    receive: (request: ReceiveRequest) =>
      inTransactionAsInventory(async () => {
        const { rowIds, levels } = await lockAssets([request.assetId]);
        const done = (await recorded([request.key])).get(request.key);
        if (done) {
          return { value: fromDatabase(done.valueChange) };
        }
        const reason = request.source.type === 'opening-stock' ? 'opening-stock' : 'receipt';
        const plan = planSingle(reason, request.key, request.assetId, levels, request);
        await write([{ plan, call: request }], rowIds, plan.levels);
        return { value: plan.movements[0].valueChange };
      }),

    adjust: (request: AdjustRequest) =>
      inTransactionAsInventory(async () => {
        const { rowIds, levels } = await lockAssets([request.assetId]);
        const done = (await recorded([request.key])).get(request.key);
        if (done) {
          return { change: done.onHandChange, value: fromDatabase(done.valueChange) };
        }
        const plan = planSingle('adjustment', request.key, request.assetId, levels, request);
        await write([{ plan, call: request, note: request.note }], rowIds, plan.levels);
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
