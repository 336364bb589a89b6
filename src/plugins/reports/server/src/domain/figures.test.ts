import {
  averageAmount,
  averageCost,
  daysBefore,
  differenceOf,
  isIsoDate,
  percentOf,
  toAmount,
} from './figures';

describe('report figures', () => {
  it('rounds percentages half away from zero to 2 places', () => {
    expect(percentOf(1, 8)).toBe('12.50');
    expect(percentOf(1, 3)).toBe('33.33');
    expect(percentOf(2, 3)).toBe('66.67');
    expect(percentOf(1, 800)).toBe('0.13'); // 0.125 → 0.13
    expect(percentOf(-1, 800)).toBe('-0.13'); // away from zero, not up
    expect(percentOf(5, 0)).toBeNull();
  });

  it('gives the average unit cost in minor units with 2 places, or null with nothing on hand', () => {
    expect(averageCost(1000, 3)).toBe('333.33');
    expect(averageCost(1001, 2)).toBe('500.50');
    expect(averageCost(0, 0)).toBeNull();
  });

  it('averages an amount to the minor unit', () => {
    expect(averageAmount(10, 4)).toBe(3); // 2.5 → 3
    expect(averageAmount(-10, 4)).toBe(-3);
    expect(averageAmount(10, 0)).toBe(0);
  });

  it('reads SQL amounts: integers, integer strings, null as 0', () => {
    expect(toAmount(12, 'x')).toBe(12);
    expect(toAmount('-9007199254740991', 'x')).toBe(-9007199254740991);
    expect(toAmount(null, 'x')).toBe(0);
    expect(() => toAmount('1.5', 'debit')).toThrow(
      'debit "1.5" is not a whole number of minor units',
    );
    expect(() => toAmount('9007199254740993', 'credit')).toThrow('beyond the safe integer range');
  });

  it('knows real calendar dates and counts days back across months and leap years', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(daysBefore('2024-03-01', 1)).toBe('2024-02-29');
    expect(daysBefore('2026-01-15', 30)).toBe('2025-12-16');
  });

  it('subtracts amounts exactly, refusing a difference beyond the safe integer range', () => {
    expect(differenceOf(130381087, 1000, 'owed')).toBe(130380087);
    expect(differenceOf(-5, 7, 'owed')).toBe(-12);
    expect(() => differenceOf(Number.MAX_SAFE_INTEGER, -1, 'owed')).toThrow(
      'owed 9007199254740991 − -1 is beyond the safe integer range',
    );
  });
});
