import fc from 'fast-check';
import { isDomainError } from '../../../platform/errors';
import {
  addReturned,
  assertReturnable,
  planReturn,
  type FulfilledOrderLine,
  type ReturnContext,
  type ReturnedSoFar,
} from './returns';

const line = (overrides: Partial<FulfilledOrderLine> = {}): FulfilledOrderLine => ({
  lineNo: 1,
  assetId: 'asset-1',
  quantity: 7,
  net: 10_000,
  tax: 1_001,
  cost: 6_999,
  ...overrides,
});

const context = (
  lines: FulfilledOrderLine[],
  returned = new Map<number, ReturnedSoFar>(),
  freight = 0,
): ReturnContext => ({ orderNumber: 'SO-1', lines, returned, freight, freightCredited: 0 });

function refusal(work: () => unknown) {
  try {
    work();
  } catch (error) {
    if (isDomainError(error)) {
      return { kind: error.kind, code: error.code, message: error.message };
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('planReturn', () => {
  it('credits 3 of 7 units by the ratio and gives the remainder to the last 4', () => {
    const first = planReturn(context([line()]), {
      lines: [{ lineNo: 1, quantity: 3, disposition: 'restock' }],
    });
    // 10000 × 3/7 = 4285.71 → 4286; 1001 × 3/7 = 429; 6999 × 3/7 = 2999.57 → 3000
    expect(first.lines[0]).toMatchObject({ net: 4286, tax: 429, cost: 3000 });
    expect(first).toMatchObject({ subtotal: 4286, taxTotal: 429, total: 4715 });
    expect(first).toMatchObject({ restockValue: 3000, completesOrder: false });

    const returned = new Map<number, ReturnedSoFar>();
    addReturned(returned, first.lines[0]);
    const second = planReturn(context([line()], returned), {
      lines: [{ lineNo: 1, quantity: 4, disposition: 'writeOff' }],
    });
    expect(second.lines[0]).toMatchObject({ net: 5714, tax: 572, cost: 3999 });
    expect(second).toMatchObject({ restockValue: 0, completesOrder: true });
    expect(first.subtotal + second.subtotal).toBe(10_000);
    expect(first.taxTotal + second.taxTotal).toBe(1_001);
  });

  it('refuses more units than are left on the line, naming what is left', () => {
    const returned = new Map([[1, { quantity: 7, net: 10_000, tax: 1_001, cost: 6_999 }]]);
    expect(
      refusal(() =>
        planReturn(context([line()], returned), {
          lines: [{ lineNo: 1, quantity: 1, disposition: 'restock' }],
        }),
      ),
    ).toEqual({
      kind: 'conflict',
      code: 'over_return',
      message: 'Returning 1 of line 1 on order SO-1 exceeds the 0 fulfilled and not yet returned',
    });
  });

  it('refuses an unknown or repeated line as bad input, naming the field', () => {
    const unknown = refusal(() =>
      planReturn(context([line()]), {
        lines: [{ lineNo: 9, quantity: 1, disposition: 'restock' }],
      }),
    );
    expect(unknown).toMatchObject({ kind: 'invalid' });
    expect(unknown.message).toBe('data.lines[0].lineNo: order SO-1 has no line 9');
    const repeated = refusal(() =>
      planReturn(context([line()]), {
        lines: [
          { lineNo: 1, quantity: 1, disposition: 'restock' },
          { lineNo: 1, quantity: 1, disposition: 'writeOff' },
        ],
      }),
    );
    expect(repeated.message).toBe(
      'data.lines[1].lineNo: line 1 appears more than once in this return',
    );
  });

  it('credits freight up to what is not yet credited', () => {
    const withFreight = { ...context([line()], new Map(), 500), freightCredited: 200 };
    const plan = planReturn(withFreight, {
      lines: [{ lineNo: 1, quantity: 1, disposition: 'restock' }],
      freight: 300,
    });
    expect(plan.freight).toBe(300);
    expect(plan.total).toBe(plan.subtotal + plan.taxTotal + 300);
    expect(
      refusal(() =>
        planReturn(withFreight, {
          lines: [{ lineNo: 1, quantity: 1, disposition: 'restock' }],
          freight: 301,
        }),
      ),
    ).toMatchObject({ kind: 'conflict', code: 'over_credited_freight' });
  });

  it('completes the order only when every line is all back', () => {
    const lines = [line(), line({ lineNo: 2, quantity: 1 })];
    const plan = planReturn(context(lines), {
      lines: [{ lineNo: 1, quantity: 7, disposition: 'restock' }],
    });
    expect(plan.completesOrder).toBe(false);
  });

  it('adds up exactly to the line, never negative, however the units come back', () => {
    const anyLine = fc.record({
      quantity: fc.integer({ min: 1, max: 40 }),
      net: fc.integer({ min: 0, max: 5_000_000 }),
      tax: fc.integer({ min: 0, max: 500_000 }),
      cost: fc.integer({ min: 0, max: 5_000_000 }),
    });
    const splitOf = (quantity: number) =>
      fc
        .array(fc.integer({ min: 1, max: quantity }), { minLength: 1, maxLength: quantity })
        .map((parts) => {
          const split: number[] = [];
          let left = quantity;
          for (const part of parts) {
            if (left === 0) {
              break;
            }
            split.push(Math.min(part, left));
            left -= Math.min(part, left);
          }
          if (left > 0) {
            split.push(left);
          }
          return split;
        });
    fc.assert(
      fc.property(
        anyLine.chain((figures) => fc.tuple(fc.constant(figures), splitOf(figures.quantity))),
        ([figures, split]) => {
          const orderLine = line(figures);
          const returned = new Map<number, ReturnedSoFar>();
          split.forEach((quantity, index) => {
            const plan = planReturn(context([orderLine], returned), {
              lines: [{ lineNo: 1, quantity, disposition: 'restock' }],
            });
            const [credit] = plan.lines;
            expect(Math.min(credit.net, credit.tax, credit.cost)).toBeGreaterThanOrEqual(0);
            expect(plan.completesOrder).toBe(index === split.length - 1);
            addReturned(returned, credit);
          });
          expect(returned.get(1)).toEqual({
            quantity: figures.quantity,
            net: figures.net,
            tax: figures.tax,
            cost: figures.cost,
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('assertReturnable', () => {
  it('takes returns on fulfilled orders, and freight alone once everything is back', () => {
    expect(() => assertReturnable('SO-1', 'fulfilled', { freightOnly: false })).not.toThrow();
    expect(() => assertReturnable('SO-1', 'returned', { freightOnly: true })).not.toThrow();
    expect(refusal(() => assertReturnable('SO-1', 'returned', { freightOnly: false }))).toEqual({
      kind: 'conflict',
      code: 'return_not_allowed',
      message: 'Order SO-1 is returned: every fulfilled unit is already back',
    });
    for (const status of ['draft', 'confirmed', 'cancelled']) {
      expect(refusal(() => assertReturnable('SO-1', status, { freightOnly: true }))).toMatchObject({
        code: 'return_not_allowed',
        message: `Order SO-1 is ${status}: only a fulfilled order can take returns`,
      });
    }
  });
});
