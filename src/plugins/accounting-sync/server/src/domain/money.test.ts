import {
  MoneyError,
  decimalToMinor,
  discountedRate,
  lineTotalMinor,
  minorToDecimal,
  subtractMinor,
  sumMinor,
  unitRateOf,
} from './money';

describe('connector money', () => {
  it('writes minor units as decimal text', () => {
    expect(minorToDecimal(1234, 2)).toBe('12.34');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
    expect(minorToDecimal(700, 0)).toBe('700');
  });

  it('reads JSON numbers and text exactly', () => {
    expect(decimalToMinor(1203.3, 2)).toBe(120330);
    expect(decimalToMinor('19.99', 2)).toBe(1999);
    expect(decimalToMinor(-0.01, 2)).toBe(-1);
  });

  it('refuses an amount with more places than the currency has', () => {
    expect(() => decimalToMinor('1.005', 2)).toThrow(MoneyError);
    expect(() => decimalToMinor('abc', 2)).toThrow('"abc" is not a decimal amount');
  });

  it('adds and subtracts without float error', () => {
    expect(sumMinor([10, 20, 30])).toBe(60);
    expect(subtractMinor(10, 30)).toBe(-20);
    expect(() => sumMinor([0.5])).toThrow(MoneyError);
  });

  it('turns a unit price and discount into a rate of at most six places', () => {
    expect(discountedRate(1440, '0.15', 2, 6)).toBe('12.24');
    expect(discountedRate(1800, '0', 2, 6)).toBe('18');
    // 9.65 × (1 − 0.0333335) = 9.32833172… → 9.328332
    expect(discountedRate(965, '0.0333335', 2, 6)).toBe('9.328332');
  });

  it('rounds quantity × rate once, half away from zero', () => {
    expect(lineTotalMinor(3, '0.005', 2)).toBe(2); // 1.5 cents → 2
    expect(lineTotalMinor(7, '9.328332', 2)).toBe(6530); // 65.298324 → 65.30
  });

  it('spreads a credited amount over its quantity as a rate of at most six places', () => {
    expect(unitRateOf(2000, 1, 2, 6)).toBe('20');
    expect(unitRateOf(1000, 3, 2, 6)).toBe('3.333333');
    expect(unitRateOf(2000, 3, 2, 6)).toBe('6.666667');
    expect(() => unitRateOf(1000, 0, 2, 6)).toThrow('quantity must be a positive whole number');
  });
});
