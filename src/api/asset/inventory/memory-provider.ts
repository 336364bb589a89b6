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
  planCall,
  planSingle,
  type PlannedMovement,
  type StockPlan,
} from './domain/stock-plan';

/**
 * A small inventory provider that keeps everything in memory: the second implementation the
 * behavioural suite runs against, proving the seam does not lean on the database.
 */
export function createMemoryInventory(
  assets: readonly (Omit<StockLevels, 'onHand' | 'reserved' | 'stockValue'> & {
    assetId: string;
  })[],
): InventoryProvider & { movements(): PlannedMovement[] } {
  const levels = new Map<string, StockLevels>(
    assets.map(({ assetId, ...rest }) => [
      assetId,
      { ...rest, onHand: 0, reserved: 0, stockValue: 0 },
    ]),
  );
  const movements = new Map<string, PlannedMovement>();

  const commit = (plan: StockPlan) => {
    plan.levels.forEach((value, key) => levels.set(key, value));
    plan.movements.forEach((movement) => movements.set(movement.movementKey, movement));
  };
  const seen = (key: string) => movements.has(key);
  /**
   * Runs a batch on copies of the levels and movements and keeps them only when every call
   * in it went through, as the built-in provider's transaction does.
   */
  const inBatch = <T>(work: () => T): T => {
    const before = { levels: new Map(levels), movements: new Map(movements) };
    try {
      return work();
    } catch (error) {
      levels.clear();
      before.levels.forEach((value, key) => levels.set(key, value));
      movements.clear();
      before.movements.forEach((value, key) => movements.set(key, value));
      throw error;
    }
  };
  const lineOperation =
    (operation: 'reserve' | 'release' | 'restock') =>
    async (calls: readonly (StockCall & { lines: (StockLine | FulfilledLine)[] })[]) =>
      inBatch(() => {
        for (const call of calls) {
          if (call.lines.length > 0 && !seen(`${call.key}#${call.lines[0].lineNo}`)) {
            commit(planCall(operation, call, levels));
          }
        }
      });

  return {
    reserve: lineOperation('reserve'),
    release: lineOperation('release'),
    restock: lineOperation('restock'),
    async fulfil(calls) {
      return inBatch(() =>
        calls.map((call) => {
          const recorded = call.lines.map((line) => movements.get(`${call.key}#${line.lineNo}`));
          if (call.lines.length > 0 && recorded[0]) {
            return fulfilledLines(
              call.lines,
              recorded.filter((m): m is PlannedMovement => !!m),
            );
          }
          const plan = planCall('fulfil', call, levels);
          commit(plan);
          return fulfilledLines(call.lines, plan.movements);
        }),
      );
    },
    async fulfilledCosts(key, lines) {
      const recorded = lines
        .map((line) => movements.get(`${key}#${line.lineNo}`))
        .filter((m): m is PlannedMovement => !!m);
      assertFulfilmentRecorded(key, lines, recorded);
      return fulfilledLines(lines, recorded);
    },
    async receive(request: ReceiveRequest) {
      const plan = movements.get(request.key)
        ? undefined
        : planSingle(
            request.source.type === 'opening-stock' ? 'opening-stock' : 'receipt',
            request.key,
            request.assetId,
            levels,
            request,
          );
      if (plan) {
        commit(plan);
      }
      return { value: (movements.get(request.key) as PlannedMovement).valueChange };
    },
    async adjust(request: AdjustRequest) {
      if (!movements.get(request.key)) {
        commit(planSingle('adjustment', request.key, request.assetId, levels, request));
      }
      const movement = movements.get(request.key) as PlannedMovement;
      return { change: movement.onHandChange, value: movement.valueChange };
    },
    async levels(assetIds) {
      const result = new Map<string, StockLevel>();
      for (const assetId of assetIds) {
        const found = levels.get(assetId);
        if (found) {
          result.set(assetId, { assetId, ...found, available: availableOf(found) });
        }
      }
      return result;
    },
    movements: () => [...movements.values()],
  };
}
