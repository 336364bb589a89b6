import { DomainError, invalidField } from '../../../platform/errors';
import { prorate, subtractAmounts, sumAmounts } from '../../../platform/money';

/**
 * Pure rules of returns (product brief, "Order lifecycle"): what a return credits and restocks,
 * given what the order's line holds and what earlier returns took back.
 */

export type Disposition = 'restock' | 'writeOff';

/** A fulfilled order line: its figures and the cost the units left with. */
export interface FulfilledOrderLine {
  lineNo: number;
  assetId: string;
  quantity: number;
  net: number;
  tax: number;
  cost: number;
}

/** What earlier credit notes took back from one line. */
export interface ReturnedSoFar {
  quantity: number;
  net: number;
  tax: number;
  cost: number;
}

export interface ReturnLineRequest {
  lineNo: number;
  quantity: number;
  disposition: Disposition;
}

export interface PlannedCreditLine {
  lineNo: number;
  assetId: string;
  quantity: number;
  disposition: Disposition;
  net: number;
  tax: number;
  /** The share of the line's cost these units carry; put back in stock only when restocked. */
  cost: number;
}

export interface PlannedReturn {
  lines: PlannedCreditLine[];
  freight: number;
  subtotal: number;
  taxTotal: number;
  total: number;
  restockValue: number;
  /** Every fulfilled unit of the order is back once this return is recorded. */
  completesOrder: boolean;
}

export interface ReturnContext {
  orderNumber: string;
  lines: readonly FulfilledOrderLine[];
  returned: ReadonlyMap<number, ReturnedSoFar>;
  freight: number;
  freightCredited: number;
}

const NOTHING_BACK: ReturnedSoFar = { quantity: 0, net: 0, tax: 0, cost: 0 };

/**
 * Plans one return: each line credits `round(lineNet × returned / ordered)` and the same for tax
 * and cost, except that the units completing the line take what is left, so a line's credits and
 * restocks add up exactly to its net, tax and cost. Over-returns and over-credited freight are
 * conflicts with what is already recorded (409); unknown or repeated lines are bad input (400).
 */
export function planReturn(
  context: ReturnContext,
  request: { lines: readonly ReturnLineRequest[]; freight?: number },
): PlannedReturn {
  const byLineNo = new Map(context.lines.map((line) => [line.lineNo, line]));
  const seen = new Set<number>();
  const lines = request.lines.map((requested, index) => {
    const line = byLineNo.get(requested.lineNo);
    if (!line) {
      throw invalidField(
        ['data', 'lines', index, 'lineNo'],
        `order ${context.orderNumber} has no line ${requested.lineNo}`,
      );
    }
    if (seen.has(requested.lineNo)) {
      throw invalidField(
        ['data', 'lines', index, 'lineNo'],
        `line ${requested.lineNo} appears more than once in this return`,
      );
    }
    seen.add(requested.lineNo);
    const soFar = context.returned.get(line.lineNo) ?? NOTHING_BACK;
    return creditLine(context.orderNumber, line, soFar, requested);
  });

  const freight = request.freight ?? 0;
  const freightLeft = subtractAmounts(context.freight, context.freightCredited);
  if (freight > freightLeft) {
    throw new DomainError(
      'conflict',
      'over_credited_freight',
      `Crediting ${freight} of freight on order ${context.orderNumber} exceeds the ${freightLeft} not yet credited`,
      { freight, freightLeft },
    );
  }

  const subtotal = sumAmounts(lines.map((line) => line.net));
  const taxTotal = sumAmounts(lines.map((line) => line.tax));
  const restocked = lines.filter((line) => line.disposition === 'restock');
  const backAfter = (line: FulfilledOrderLine) =>
    (context.returned.get(line.lineNo)?.quantity ?? 0) +
    (lines.find((credit) => credit.lineNo === line.lineNo)?.quantity ?? 0);
  return {
    lines,
    freight,
    subtotal,
    taxTotal,
    total: sumAmounts([subtotal, taxTotal, freight]),
    restockValue: sumAmounts(restocked.map((line) => line.cost)),
    completesOrder: context.lines.every((line) => backAfter(line) === line.quantity),
  };
}

function creditLine(
  orderNumber: string,
  line: FulfilledOrderLine,
  soFar: ReturnedSoFar,
  requested: ReturnLineRequest,
): PlannedCreditLine {
  const left = line.quantity - soFar.quantity;
  if (requested.quantity > left) {
    throw new DomainError(
      'conflict',
      'over_return',
      `Returning ${requested.quantity} of line ${line.lineNo} on order ${orderNumber} exceeds the ${left} fulfilled and not yet returned`,
      { lineNo: line.lineNo, requested: requested.quantity, returnable: left },
    );
  }
  const completes = requested.quantity === left;
  const share = (whole: number, already: number, label: string) => {
    const rest = subtractAmounts(whole, already, label);
    // NOTE: rounding each part up can run ahead of the whole (2 over 4 units gives 1 a unit);
    // a part never takes more than is left, so no later part goes negative.
    return completes
      ? rest
      : Math.min(prorate(whole, requested.quantity, line.quantity, label), rest);
  };
  return {
    lineNo: line.lineNo,
    assetId: line.assetId,
    quantity: requested.quantity,
    disposition: requested.disposition,
    net: share(line.net, soFar.net, `credit of line ${line.lineNo}`),
    tax: share(line.tax, soFar.tax, `tax credit of line ${line.lineNo}`),
    cost: share(line.cost, soFar.cost, `cost of line ${line.lineNo}`),
  };
}

/** Adds a recorded credit line to what a line has had back so far. */
export function addReturned(
  returned: Map<number, ReturnedSoFar>,
  line: { lineNo: number; quantity: number; net: number; tax: number; cost: number },
): void {
  const before = returned.get(line.lineNo) ?? NOTHING_BACK;
  returned.set(line.lineNo, {
    quantity: before.quantity + line.quantity,
    net: sumAmounts([before.net, line.net]),
    tax: sumAmounts([before.tax, line.tax]),
    cost: sumAmounts([before.cost, line.cost]),
  });
}

/**
 * Refuses a return on an order that has not been fulfilled. Once every unit is back only freight
 * not yet credited can still be credited (a return with no lines).
 */
export function assertReturnable(
  orderNumber: string,
  orderStatus: string,
  { freightOnly }: { freightOnly: boolean },
): void {
  if (orderStatus === 'returned' && freightOnly) {
    return;
  }
  if (orderStatus !== 'fulfilled') {
    throw new DomainError(
      'conflict',
      'return_not_allowed',
      orderStatus === 'returned'
        ? `Order ${orderNumber} is returned: every fulfilled unit is already back`
        : `Order ${orderNumber} is ${orderStatus}: only a fulfilled order can take returns`,
      { orderStatus },
    );
  }
}
