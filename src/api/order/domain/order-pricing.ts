import { computeLine, sumAmounts } from '../../../platform/money';

/** Pure pricing of an order: line numbers, line net and tax, and the order's totals. */

export interface LineToPrice {
  /** The line's number when it already has one; new lines get the next free numbers. */
  lineNo?: number;
  quantity: number;
  unitPrice: number;
  discount: string;
  taxRate: string;
}

export interface PricedLine extends LineToPrice {
  lineNo: number;
  net: number;
  tax: number;
}

export interface OrderTotals {
  subtotal: number;
  taxTotal: number;
  total: number;
}

/**
 * Gives each new line the number after the highest one among the order's stored and kept lines,
 * so a kept line's number never changes. `highestSoFar` is the highest stored number.
 * NOTE: a number removed from a draft can be given again; nothing refers to a draft's lines
 * (stock movements and journal lines only exist once an order is confirmed).
 */
export function assignLineNumbers<T extends { lineNo?: number }>(
  lines: readonly T[],
  highestSoFar = 0,
): (T & { lineNo: number })[] {
  let next = Math.max(highestSoFar, ...lines.map((line) => line.lineNo ?? 0)) + 1;
  return lines.map((line) => ({ ...line, lineNo: line.lineNo ?? next++ }));
}

export function priceLines(lines: readonly LineToPrice[], highestSoFar = 0): PricedLine[] {
  return assignLineNumbers(lines, highestSoFar).map((line) => ({ ...line, ...computeLine(line) }));
}

/** Order total = Σ net + Σ tax + freight, each line already rounded to the minor unit. */
export function totalOrder(
  lines: readonly { net: number; tax: number }[],
  freight: number,
): OrderTotals {
  const subtotal = sumAmounts(
    lines.map((line) => line.net),
    'order subtotal',
  );
  const taxTotal = sumAmounts(
    lines.map((line) => line.tax),
    'order tax',
  );
  return { subtotal, taxTotal, total: sumAmounts([subtotal, taxTotal, freight], 'order total') };
}

export function formatOrderNumber(sequenceValue: number): string {
  return `SO-${String(sequenceValue).padStart(6, '0')}`;
}
