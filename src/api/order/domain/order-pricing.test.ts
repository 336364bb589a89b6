import { MAX_AMOUNT, MoneyError } from '../../../platform/money';
import { assignLineNumbers, formatOrderNumber, priceLines, totalOrder } from './order-pricing';

const numbersOf = (lines: { lineNo: number }[]) => lines.map((line) => line.lineNo);

describe('assignLineNumbers', () => {
  it('numbers the lines of a new order from 1', () => {
    expect(numbersOf(assignLineNumbers([{}, {}, {}]))).toEqual([1, 2, 3]);
  });

  it('gives new lines the numbers after the highest kept line', () => {
    expect(numbersOf(assignLineNumbers([{ lineNo: 1 }, {}, { lineNo: 2 }, {}], 2))).toEqual([
      1, 3, 2, 4,
    ]);
  });

  it('never reuses the number of a removed line', () => {
    // Lines 1–5 existed; 4 and 5 were removed. A new line gets 6, not 4.
    expect(numbersOf(assignLineNumbers([{ lineNo: 1 }, { lineNo: 3 }, {}], 5))).toEqual([1, 3, 6]);
  });

  it('never reuses a number when every earlier line was removed', () => {
    expect(numbersOf(assignLineNumbers([{}, {}], 3))).toEqual([4, 5]);
  });

  it('keeps the numbers of kept lines whatever their position', () => {
    expect(numbersOf(assignLineNumbers([{ lineNo: 3 }, {}, { lineNo: 1 }], 3))).toEqual([3, 4, 1]);
  });

  it('counts past a kept number that is higher than highestSoFar', () => {
    expect(numbersOf(assignLineNumbers([{ lineNo: 7 }, {}], 2))).toEqual([7, 8]);
  });

  it('keeps the other fields of each line', () => {
    expect(assignLineNumbers([{ lineNo: 2, sku: 'A' }, { sku: 'B' }], 2)).toEqual([
      { lineNo: 2, sku: 'A' },
      { lineNo: 3, sku: 'B' },
    ]);
  });
});

describe('priceLines', () => {
  it('prices each line and numbers the new ones', () => {
    const priced = priceLines(
      [
        { lineNo: 2, quantity: 3, unitPrice: 1800, discount: '0', taxRate: '0.08875' },
        { quantity: 1, unitPrice: 1, discount: '0.5', taxRate: '0' },
      ],
      2,
    );
    expect(priced).toEqual([
      // 5400 × 0.08875 = 479.25 → 479
      {
        lineNo: 2,
        quantity: 3,
        unitPrice: 1800,
        discount: '0',
        taxRate: '0.08875',
        net: 5400,
        tax: 479,
      },
      // 1 × 1 × 0.5 = 0.5 → 1
      { lineNo: 3, quantity: 1, unitPrice: 1, discount: '0.5', taxRate: '0', net: 1, tax: 0 },
    ]);
  });
});

describe('totalOrder', () => {
  it('totals Σ net + Σ tax + freight', () => {
    const totals = totalOrder(
      [
        { net: 5400, tax: 479 },
        { net: 1, tax: 0 },
        { net: 1999, tax: 178 },
      ],
      325,
    );
    expect(totals).toEqual({ subtotal: 7400, taxTotal: 657, total: 8382 });
  });

  it('adds the per-line rounded amounts, not a re-rounded order total', () => {
    // Three lines of 0.5 cent each round to 1 cent apiece: 3, where rounding the sum gives 2.
    const lines = priceLines(
      [1, 2, 3].map(() => ({ quantity: 1, unitPrice: 1, discount: '0.5', taxRate: '0' })),
    );
    expect(totalOrder(lines, 0)).toEqual({ subtotal: 3, taxTotal: 0, total: 3 });
  });

  it('is just the freight for an order with no lines', () => {
    expect(totalOrder([], 1250)).toEqual({ subtotal: 0, taxTotal: 0, total: 1250 });
  });

  it('refuses a total beyond the largest amount', () => {
    expect.assertions(3);
    try {
      totalOrder([{ net: MAX_AMOUNT, tax: 0 }], 1);
    } catch (error) {
      expect(error).toBeInstanceOf(MoneyError);
      expect((error as MoneyError).code).toBe('out_of_range');
      expect((error as MoneyError).message).toBe(
        `order total is beyond ±${MAX_AMOUNT} minor units`,
      );
    }
  });
});

describe('formatOrderNumber', () => {
  it('pads the sequence value to six digits', () => {
    expect(formatOrderNumber(42)).toBe('SO-000042');
  });
});
