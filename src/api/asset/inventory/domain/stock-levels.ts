import { multiplyAmount, prorate, subtractAmounts, sumAmounts } from '../../../../platform/money';
import { DomainError } from '../../../../platform/errors';

/**
 * Pure stock arithmetic. Levels are what an asset holds; a delta is one movement. Valuation is
 * moving average without a stored average: issuing n units costs round(stockValue × n / onHand),
 * or the whole stockValue when n = onHand, so stock values always sum to the inventory account.
 */

export interface StockLevels {
  sku: string;
  onHand: number;
  reserved: number;
  stockValue: number;
  allowBackorders: boolean;
}

export interface StockDelta {
  onHandChange: number;
  reservedChange: number;
  valueChange: number;
}

export const availableOf = (levels: StockLevels) => levels.onHand - levels.reserved;

/** What issuing `quantity` units costs at the moving average. */
export function issueCost(levels: StockLevels, quantity: number): number {
  if (quantity === levels.onHand) {
    return levels.stockValue;
  }
  return prorate(levels.stockValue, quantity, levels.onHand, `cost of ${levels.sku}`);
}

export function planReserve(levels: StockLevels, quantity: number): StockDelta {
  assertPositive(quantity);
  const available = availableOf(levels);
  if (!levels.allowBackorders && available < quantity) {
    throw new DomainError(
      'conflict',
      'insufficient_stock',
      `Not enough stock for ${levels.sku}: requested ${quantity}, available ${Math.max(available, 0)}`,
      { sku: levels.sku, requested: quantity, available },
    );
  }
  return { onHandChange: 0, reservedChange: quantity, valueChange: 0 };
}

export function planRelease(levels: StockLevels, quantity: number): StockDelta {
  assertPositive(quantity);
  if (levels.reserved < quantity) {
    throw new DomainError(
      'conflict',
      'nothing_to_release',
      `Cannot release ${quantity} of ${levels.sku}: only ${levels.reserved} reserved`,
      { sku: levels.sku, requested: quantity, reserved: levels.reserved },
    );
  }
  return { onHandChange: 0, reservedChange: -quantity, valueChange: 0 };
}

/** Takes reserved units off the shelf; the negated valueChange is the cost of the goods. */
export function planFulfil(levels: StockLevels, quantity: number): StockDelta {
  assertPositive(quantity);
  if (levels.onHand < quantity) {
    throw new DomainError(
      'conflict',
      'insufficient_on_hand',
      `Not enough on hand for ${levels.sku}: requested ${quantity}, on hand ${levels.onHand}`,
      { sku: levels.sku, requested: quantity, onHand: levels.onHand },
    );
  }
  const reservedChange = -Math.min(quantity, levels.reserved);
  return { onHandChange: -quantity, reservedChange, valueChange: -issueCost(levels, quantity) };
}

/** Puts returned units back at the cost they left with. */
export function planRestock(_levels: StockLevels, quantity: number, cost: number): StockDelta {
  assertPositive(quantity);
  return { onHandChange: quantity, reservedChange: 0, valueChange: cost };
}

export function planReceive(levels: StockLevels, quantity: number, unitCost: number): StockDelta {
  assertPositive(quantity);
  if (unitCost < 0) {
    throw new DomainError(
      'invalid',
      'negative_cost',
      `unitCost for ${levels.sku} must not be negative`,
    );
  }
  return {
    onHandChange: quantity,
    reservedChange: 0,
    valueChange: multiplyAmount(unitCost, quantity, `value received of ${levels.sku}`),
  };
}

/**
 * A counted or adjusted change. A gain is valued at the current average (a unit cost is needed
 * when nothing is on hand); a loss is issued like a sale. On hand never goes below zero, and an
 * asset without backorders never ends with fewer on hand than reserved.
 */
export function planAdjust(levels: StockLevels, change: number, unitCost?: number): StockDelta {
  if (!Number.isInteger(change) || change === 0) {
    throw new DomainError(
      'invalid',
      'no_change',
      `The adjustment of ${levels.sku} changes nothing`,
    );
  }
  if (change > 0) {
    if (levels.onHand === 0 && unitCost === undefined) {
      throw new DomainError(
        'invalid',
        'unit_cost_required',
        `${levels.sku} has nothing on hand: a gain needs a unitCost`,
        { sku: levels.sku },
      );
    }
    const value =
      levels.onHand > 0
        ? prorate(levels.stockValue, change, levels.onHand, `gain of ${levels.sku}`)
        : multiplyAmount(unitCost as number, change, `gain of ${levels.sku}`);
    return { onHandChange: change, reservedChange: 0, valueChange: value };
  }
  const loss = -change;
  if (levels.onHand < loss) {
    throw new DomainError(
      'conflict',
      'insufficient_on_hand',
      `Not enough on hand for ${levels.sku}: removing ${loss}, on hand ${levels.onHand}`,
      { sku: levels.sku, requested: loss, onHand: levels.onHand },
    );
  }
  if (!levels.allowBackorders && levels.onHand - loss < levels.reserved) {
    throw new DomainError(
      'conflict',
      'reserved_exceeds_on_hand',
      `Removing ${loss} of ${levels.sku} would leave ${levels.onHand - loss} on hand for ${levels.reserved} reserved; release reservations first`,
      { sku: levels.sku, requested: loss, onHand: levels.onHand, reserved: levels.reserved },
    );
  }
  return { onHandChange: change, reservedChange: 0, valueChange: -issueCost(levels, loss) };
}

export function applyDelta(levels: StockLevels, delta: StockDelta): StockLevels {
  const next = {
    ...levels,
    onHand: levels.onHand + delta.onHandChange,
    reserved: levels.reserved + delta.reservedChange,
    stockValue: sumAmounts([levels.stockValue, delta.valueChange], `stock value of ${levels.sku}`),
  };
  // NOTE: the plan functions refuse these states; reaching one is a bug, not a user error.
  if (next.onHand < 0 || next.reserved < 0 || (next.onHand === 0 && next.stockValue !== 0)) {
    throw new Error(`Stock invariant broken for ${levels.sku}: ${JSON.stringify(next)}`);
  }
  return next;
}

export const costOf = (delta: StockDelta) => subtractAmounts(0, delta.valueChange);

function assertPositive(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new DomainError(
      'invalid',
      'invalid_quantity',
      `quantity must be a positive whole number`,
    );
  }
}
