import { DomainError } from '../../../../platform/errors';
import type { AdjustRequest, FulfilledLine, StockCall, StockLine } from '../inventory-provider';
import {
  applyDelta,
  costOf,
  planAdjust,
  planFulfil,
  planReceive,
  planRelease,
  planReserve,
  planRestock,
  type StockDelta,
  type StockLevels,
} from './stock-levels';

/**
 * Turns one provider call into the movements it makes, given the current levels of the assets it
 * touches. Shared by every provider, so they differ only in where levels and movements live.
 */

export type MovementReason =
  'receipt' | 'adjustment' | 'reserve' | 'release' | 'fulfil' | 'restock' | 'opening-stock';

export interface PlannedMovement extends StockDelta {
  movementKey: string;
  assetId: string;
  reason: MovementReason;
  lineNo: number | null;
}

export interface StockPlan {
  movements: PlannedMovement[];
  levels: Map<string, StockLevels>;
}

type LineOperation = 'reserve' | 'release' | 'fulfil' | 'restock';

export function planLines(
  operation: LineOperation,
  key: string,
  lines: readonly (StockLine | FulfilledLine)[],
  current: Map<string, StockLevels>,
): StockPlan {
  const levels = new Map(current);
  const movements = lines.map((line) => {
    const before = levelsOf(levels, line.assetId);
    const delta = planLine(operation, before, line);
    levels.set(line.assetId, applyDelta(before, delta));
    return {
      ...delta,
      movementKey: `${key}#${line.lineNo}`,
      assetId: line.assetId,
      reason: operation,
      lineNo: line.lineNo,
    };
  });
  return { movements, levels };
}

/**
 * Plans one call of a batch like `planLines`; a refusal carries the call's source in its details,
 * so the caller of a batch can tell which of its documents was refused.
 */
export function planCall(
  operation: LineOperation,
  call: StockCall & { lines: readonly (StockLine | FulfilledLine)[] },
  current: Map<string, StockLevels>,
): StockPlan {
  try {
    return planLines(operation, call.key, call.lines, current);
  } catch (error) {
    if (error instanceof DomainError) {
      throw new DomainError(error.kind, error.code, error.message, {
        ...error.details,
        source: call.source,
      });
    }
    throw error;
  }
}

function planLine(operation: LineOperation, levels: StockLevels, line: StockLine | FulfilledLine) {
  switch (operation) {
    case 'reserve':
      return planReserve(levels, line.quantity);
    case 'release':
      return planRelease(levels, line.quantity);
    case 'fulfil':
      return planFulfil(levels, line.quantity);
    case 'restock':
      return planRestock(levels, line.quantity, (line as FulfilledLine).cost);
  }
}

export function planSingle(
  reason: 'receipt' | 'opening-stock' | 'adjustment',
  key: string,
  assetId: string,
  current: Map<string, StockLevels>,
  request: { quantity?: number; unitCost?: number } & Partial<AdjustRequest>,
): StockPlan {
  const before = levelsOf(current, assetId);
  const delta =
    reason === 'adjustment'
      ? planAdjust(before, adjustmentChange(before, request), request.unitCost)
      : planReceive(before, request.quantity ?? 0, request.unitCost ?? 0);
  const levels = new Map(current).set(assetId, applyDelta(before, delta));
  return { levels, movements: [{ ...delta, movementKey: key, assetId, reason, lineNo: null }] };
}

function adjustmentChange(levels: StockLevels, request: Partial<AdjustRequest>): number {
  const hasChange = request.change !== undefined;
  const hasCount = request.countedQuantity !== undefined;
  if (hasChange === hasCount) {
    throw new DomainError(
      'invalid',
      'change_or_count',
      'give either change or countedQuantity, not both and not neither',
    );
  }
  if (hasCount) {
    const counted = request.countedQuantity as number;
    if (!Number.isInteger(counted) || counted < 0) {
      throw new DomainError('invalid', 'invalid_count', 'countedQuantity must be 0 or more');
    }
    return counted - levels.onHand;
  }
  return request.change as number;
}

/** Refuses a cost look-up for a fulfilment that was not recorded for every line. */
export function assertFulfilmentRecorded(
  key: string,
  lines: readonly StockLine[],
  movements: readonly { lineNo: number | null }[],
): void {
  const missing = lines.filter((line) => !movements.some((m) => m.lineNo === line.lineNo));
  if (missing.length > 0) {
    throw new DomainError(
      'conflict',
      'fulfilment_not_recorded',
      `No fulfilment ${key} is recorded for line ${missing.map((line) => line.lineNo).join(', ')}`,
      { key, lines: missing.map((line) => line.lineNo) },
    );
  }
}

/** The cost each fulfilled line took, from its planned or recorded movement. */
export function fulfilledLines(
  lines: readonly StockLine[],
  movements: readonly { lineNo: number | null; valueChange: number }[],
): FulfilledLine[] {
  return lines.map((line) => {
    const movement = movements.find((m) => m.lineNo === line.lineNo);
    return {
      ...line,
      cost: movement ? costOf({ ...movement, onHandChange: 0, reservedChange: 0 }) : 0,
    };
  });
}

function levelsOf(levels: Map<string, StockLevels>, assetId: string): StockLevels {
  const found = levels.get(assetId);
  if (!found) {
    throw new DomainError('invalid', 'unknown_asset', `No asset ${assetId}`, { assetId });
  }
  return found;
}
