import {
  addCents,
  centsToNumber,
  decimalToCents,
  formatDecimal,
  MoneyFormatError,
  multiplyToCents,
  parseDecimal,
} from '../src/money';

describe('money', () => {
  it('parses JSON numbers and numeric strings into exact decimals', () => {
    expect(parseDecimal(0.1)).toEqual({ units: BigInt(1), scale: 1 });
    expect(parseDecimal('12.50')).toEqual({ units: BigInt(1250), scale: 2 });
    expect(parseDecimal('-3')).toEqual({ units: BigInt(-3), scale: 0 });
  });

  it('refuses text that is not a plain decimal', () => {
    expect(() => parseDecimal('1e3')).toThrow(MoneyFormatError);
    expect(() => parseDecimal('12,50')).toThrow('"12,50" is not a decimal number');
    expect(() => parseDecimal(Number.NaN)).toThrow(MoneyFormatError);
  });

  it('rounds a half cent up (away from zero) in half-up mode', () => {
    expect(multiplyToCents(parseDecimal('0.5'), parseDecimal('0.05'), 'half-up')).toBe(3);
    expect(decimalToCents(parseDecimal('0.125'), 'half-up')).toBe(13);
    expect(decimalToCents(parseDecimal('-0.125'), 'half-up')).toBe(-13);
  });

  it('rounds a half cent to the even cent in half-even mode', () => {
    expect(multiplyToCents(parseDecimal('0.5'), parseDecimal('0.05'), 'half-even')).toBe(2);
    expect(decimalToCents(parseDecimal('0.125'), 'half-even')).toBe(12);
    expect(decimalToCents(parseDecimal('0.135'), 'half-even')).toBe(14);
    expect(decimalToCents(parseDecimal('-0.125'), 'half-even')).toBe(-12);
  });

  it('rounds anything that is not exactly half to the nearest cent in both modes', () => {
    expect(decimalToCents(parseDecimal('0.1251'), 'half-even')).toBe(13);
    expect(decimalToCents(parseDecimal('0.1249'), 'half-up')).toBe(12);
  });

  it('multiplies quantity by rate without float error', () => {
    // 3 x 0.1 is 0.30000000000000004 in floats.
    expect(multiplyToCents(parseDecimal(3), parseDecimal(0.1), 'half-up')).toBe(30);
    expect(multiplyToCents(parseDecimal('1.5'), parseDecimal('19.99'), 'half-up')).toBe(2999);
  });

  it('adds cents and renders them as 2-place JSON numbers', () => {
    expect(addCents(10, 20)).toBe(30);
    expect(centsToNumber(addCents(1, 2))).toBe(0.03);
    expect(JSON.stringify(centsToNumber(123456789))).toBe('1234567.89');
    expect(formatDecimal(parseDecimal('-0.05'))).toBe('-0.05');
  });
});
