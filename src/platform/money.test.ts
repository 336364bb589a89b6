import {
  MAX_AMOUNT,
  MoneyError,
  computeLine,
  fromDatabase,
  parseMajorUnits,
  parseRate,
  sumAmounts,
} from './money';

/** Runs `work` and returns the MoneyError it throws, failing the test when it throws none. */
function moneyErrorOf(work: () => unknown): MoneyError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(MoneyError);
    return error as MoneyError;
  }
  throw new Error('expected a MoneyError, but nothing was thrown');
}

const line = (overrides: Partial<Parameters<typeof computeLine>[0]>) =>
  computeLine({ quantity: 1, unitPrice: 100, discount: '0', taxRate: '0', ...overrides });

describe('half-cent lines', () => {
  it('rounds a net of half a cent up to one cent', () => {
    expect(line({ unitPrice: 1, discount: '0.5' })).toEqual({ net: 1, tax: 0 });
  });

  it('rounds a net of 2.5 cents to 3 cents, not to the even 2', () => {
    expect(line({ quantity: 5, unitPrice: 1, discount: '0.5' })).toEqual({ net: 3, tax: 0 });
  });

  it('rounds a tax of half a cent up to one cent', () => {
    expect(line({ unitPrice: 5, taxRate: '0.1' })).toEqual({ net: 5, tax: 1 });
  });

  it('rounds the tax on the rounded net, not on the exact product', () => {
    // Exact net 0.5 → 1 cent; 1 cent × 0.5 = 0.5 → 1 cent of tax (on 0.5 it would be 0.25 → 0).
    expect(line({ unitPrice: 1, discount: '0.5', taxRate: '0.5' })).toEqual({ net: 1, tax: 1 });
  });

  it('keeps just under half a cent down', () => {
    expect(line({ unitPrice: 1, discount: '0.500001' })).toEqual({ net: 0, tax: 0 });
  });
});

describe('negative amounts', () => {
  it('rounds a negative half-cent net away from zero', () => {
    expect(line({ unitPrice: -1, discount: '0.5' })).toEqual({ net: -1, tax: 0 });
  });

  it('rounds a negative half-cent tax away from zero', () => {
    expect(line({ unitPrice: -5, taxRate: '0.1' })).toEqual({ net: -5, tax: -1 });
  });

  it('adds negative amounts exactly', () => {
    expect(sumAmounts([-150, 49, -1])).toBe(-102);
  });

  it('reads a negative major-unit amount', () => {
    expect(parseMajorUnits('-18.5', 'USD')).toBe(-1850);
  });

  it('refuses a negative sum beyond the range', () => {
    const error = moneyErrorOf(() => sumAmounts([-MAX_AMOUNT, -1], 'refunds'));
    expect(error.code).toBe('out_of_range');
    expect(error.message).toBe(`refunds is beyond ±${MAX_AMOUNT} minor units`);
  });
});

describe('rates with six places', () => {
  it('accepts "0.08875" and prices a line with it', () => {
    expect(parseRate('0.08875')).toBe('0.08875');
    // 400 × 0.08875 = 35.5 → 36
    expect(line({ unitPrice: 400, taxRate: '0.08875' })).toEqual({ net: 400, tax: 36 });
  });

  it('accepts "0.123456"', () => {
    expect(parseRate('0.123456')).toBe('0.123456');
    // 1,000,000 × 0.123456 = 123,456 exactly
    expect(line({ unitPrice: 1_000_000, taxRate: '0.123456' })).toEqual({
      net: 1_000_000,
      tax: 123_456,
    });
  });

  it('refuses a rate with seven places', () => {
    const error = moneyErrorOf(() => parseRate('0.1234567', 'taxRate'));
    expect(error.code).toBe('not_a_rate');
    expect(error.message).toBe(
      'taxRate must be a decimal string such as "0.05" with at most 6 decimal places',
    );
  });

  it('refuses a line whose tax rate has seven places', () => {
    expect(moneyErrorOf(() => line({ taxRate: '0.1234567' })).code).toBe('not_a_rate');
  });

  it('refuses a discount above 1', () => {
    const error = moneyErrorOf(() => line({ discount: '1.000001' }));
    expect(error.code).toBe('rate_out_of_range');
    expect(error.message).toBe('discount must be between 0 and 1');
  });

  it('canonicalises trailing zeros', () => {
    expect(parseRate('0.050000')).toBe('0.05');
  });
});

describe('lines near the largest amount allowed', () => {
  it('accepts a line whose net is exactly the largest amount', () => {
    expect(line({ unitPrice: MAX_AMOUNT })).toEqual({ net: MAX_AMOUNT, tax: 0 });
  });

  it('computes a product just under the limit exactly', () => {
    // 3 × 3002399751580330 = 9007199254740990, which floating-point gets wrong by 2.
    expect(line({ quantity: 3, unitPrice: 3_002_399_751_580_330 })).toEqual({
      net: 9_007_199_254_740_990,
      tax: 0,
    });
  });

  it('accepts a gross above the limit that a discount brings back within it', () => {
    expect(line({ quantity: 2, unitPrice: MAX_AMOUNT, discount: '0.5' }).net).toBe(
      MAX_AMOUNT, // 2 × MAX × 0.5, computed exactly
    );
  });

  it('refuses a line whose net is just over the largest amount', () => {
    const error = moneyErrorOf(() => line({ quantity: 3, unitPrice: 3_002_399_751_580_331 }));
    expect(error.code).toBe('out_of_range');
    expect(error.message).toBe(`line net is beyond ±${MAX_AMOUNT} minor units`);
  });

  it('refuses a unit price over the largest amount', () => {
    const error = moneyErrorOf(() => line({ unitPrice: MAX_AMOUNT + 1 }));
    expect(error.code).toBe('out_of_range');
    expect(error.message).toBe(`unitPrice is beyond ±${MAX_AMOUNT} minor units`);
  });

  it('refuses a tax over the largest amount', () => {
    const error = moneyErrorOf(() => line({ unitPrice: MAX_AMOUNT, taxRate: '1.000001' }));
    expect(error.code).toBe('out_of_range');
    expect(error.message).toBe(`line tax is beyond ±${MAX_AMOUNT} minor units`);
  });

  it('accepts a sum that reaches the largest amount and refuses one a cent over', () => {
    expect(sumAmounts([MAX_AMOUNT - 1, 1])).toBe(MAX_AMOUNT);
    const error = moneyErrorOf(() => sumAmounts([MAX_AMOUNT, 1], 'order total'));
    expect(error.code).toBe('out_of_range');
    expect(error.message).toBe(`order total is beyond ±${MAX_AMOUNT} minor units`);
  });

  it('refuses a fractional amount', () => {
    const error = moneyErrorOf(() => line({ unitPrice: 18.5 }));
    expect(error.code).toBe('not_an_amount');
    expect(error.message).toBe('unitPrice must be an integer number of minor units');
  });
});

describe('fromDatabase', () => {
  it('reads the strings PostgreSQL gives for biginteger columns and sums', () => {
    expect(fromDatabase('1850')).toBe(1850);
    expect(fromDatabase('-42')).toBe(-42);
    expect(fromDatabase(String(MAX_AMOUNT))).toBe(MAX_AMOUNT);
  });

  it('reads bigints and plain numbers', () => {
    expect(fromDatabase(1850n)).toBe(1850);
    expect(fromDatabase(-BigInt(MAX_AMOUNT))).toBe(-MAX_AMOUNT);
    expect(fromDatabase(7)).toBe(7);
  });

  it('reads an empty sum as 0', () => {
    expect(fromDatabase(null)).toBe(0);
    expect(fromDatabase(undefined)).toBe(0);
  });

  it('refuses values beyond the safe range instead of losing precision', () => {
    const fromString = moneyErrorOf(() => fromDatabase('9007199254740992', 'stockValue'));
    expect(fromString.code).toBe('out_of_range');
    expect(fromString.message).toBe(`stockValue is beyond ±${MAX_AMOUNT} minor units`);
    expect(moneyErrorOf(() => fromDatabase(BigInt(MAX_AMOUNT) + 1n)).code).toBe('out_of_range');
  });

  it('refuses a decimal string or a fractional number', () => {
    const error = moneyErrorOf(() => fromDatabase('12.5', 'total'));
    expect(error.code).toBe('not_an_amount');
    expect(error.message).toBe('total "12.5" is not an integer');
    expect(moneyErrorOf(() => fromDatabase(12.5)).code).toBe('not_an_amount');
  });
});

describe('parseMajorUnits', () => {
  it('reads "18.5" USD as 1850 cents', () => {
    expect(parseMajorUnits('18.5', 'USD')).toBe(1850);
  });

  it('reads amounts that floating-point multiplication gets wrong exactly', () => {
    expect(parseMajorUnits('0.07', 'USD')).toBe(7);
    expect(parseMajorUnits('1.15', 'USD')).toBe(115);
  });

  it('refuses more decimal places than the currency has', () => {
    const error = moneyErrorOf(() => parseMajorUnits('1.234', 'USD', 'unitPrice'));
    expect(error.code).toBe('not_an_amount');
    expect(error.message).toBe(
      'unitPrice "1.234" is not an amount in USD with at most 2 decimal places',
    );
  });

  it('reads JPY, which has no minor unit, as whole yen', () => {
    expect(parseMajorUnits('1500', 'JPY')).toBe(1500);
  });

  it('refuses a JPY amount with decimals as not an amount', () => {
    const error = moneyErrorOf(() => parseMajorUnits('15.5', 'JPY'));
    expect(error.code).toBe('not_an_amount');
    expect(error.message).toBe(
      'amount "15.5" is not an amount in JPY with at most 0 decimal places',
    );
  });

  it('refuses text that is not a number', () => {
    expect(moneyErrorOf(() => parseMajorUnits('12,50', 'USD')).code).toBe('not_an_amount');
  });

  it('refuses an amount over the largest allowed', () => {
    expect(parseMajorUnits('90071992547409.91', 'USD')).toBe(MAX_AMOUNT);
    expect(moneyErrorOf(() => parseMajorUnits('90071992547409.92', 'USD')).code).toBe(
      'out_of_range',
    );
  });
});
