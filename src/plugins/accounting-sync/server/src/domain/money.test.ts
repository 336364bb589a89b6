import Big from 'big.js';
import fc from 'fast-check';
import {
  MoneyError,
  decimalToMinor,
  isSameRate,
  lineTotalMinor,
  minorToDecimal,
  percentToRate,
  rateToPercent,
  subtractMinor,
  sumMinor,
  taxMinor,
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

  it('rounds quantity × rate once, half away from zero', () => {
    expect(lineTotalMinor(3, '0.005', 2)).toBe(2); // 1.5 cents → 2
    expect(lineTotalMinor(7, '9.328332', 2)).toBe(6530); // 65.298324 → 65.30
  });

  it('sends a line at a rate whose quantity × rate comes back to its net, however it rounds', () => {
    // One unit of 10.05 at 50 %: the net is 5.03; 5.03 a unit, not the half-cent 5.025.
    expect(unitRateOf(503, 1, 2, 6)).toBe('5.03');
    expect(unitRateOf(1710 * 7, 7, 2, 6)).toBe('17.1'); // 18.00 less 5 %: the discounted price
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 9_999 }),
        (net, quantity) => {
          const rate = unitRateOf(net, quantity, 2, 6);
          const exact = Big(quantity).times(rate).times(100);
          // Never a half cent for the provider's rounding to decide, and nearest to the net.
          expect(exact.minus(net).abs().lt(0.5)).toBe(true);
          expect(lineTotalMinor(quantity, rate, 2)).toBe(net);
        },
      ),
    );
  });

  it("rounds a line's tax half away from zero, as the core does", () => {
    expect(taxMinor(11970, '0.08875')).toBe(1062); // 1062.3375
    expect(taxMinor(100, '0.125')).toBe(13); // 12.5
    expect(taxMinor(0, '0.2')).toBe(0);
  });

  it('turns rates into percentages and back, exactly', () => {
    expect(rateToPercent('0.08875')).toBe('8.875');
    expect(rateToPercent('0.123456')).toBe('12.3456');
    expect(rateToPercent('0.000001')).toBe('0.0001');
    expect(percentToRate(8.875)).toBe('0.08875');
    expect(percentToRate('20')).toBe('0.2');
    expect(isSameRate('0.1', '0.10')).toBe(true);
    expect(isSameRate('0.1', '0.01')).toBe(false);
    expect(() => percentToRate('eight')).toThrow('"eight" is not a percentage');
  });

  it('spreads a credited amount over its quantity as a rate of at most six places', () => {
    expect(unitRateOf(2000, 1, 2, 6)).toBe('20');
    expect(unitRateOf(1000, 3, 2, 6)).toBe('3.333333');
    expect(unitRateOf(2000, 3, 2, 6)).toBe('6.666667');
    expect(() => unitRateOf(1000, 0, 2, 6)).toThrow('quantity must be a positive whole number');
  });
});
