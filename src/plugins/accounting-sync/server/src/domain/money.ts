import Big from 'big.js';

/**
 * Money for the connector: our amounts are integer minor units (cents); accounting APIs speak
 * decimal text or JSON numbers with a fixed number of places. Every conversion and every sum or
 * difference of amounts goes through here, exactly (big.js), never through float arithmetic.
 *
 * Rounding rule: half away from zero (big.js `roundHalfUp` rounds halves away from zero), the
 * same rule as the core's money module.
 * NOTE: the plugin is bundled on its own, so it keeps this small copy instead of importing
 * src/platform/money (an import would put a second copy of the core's modules in the bundle).
 */

/** An amount in integer minor units (cents for USD). */
export type Minor = number;

const ROUND_HALF_AWAY_FROM_ZERO = 1; // Big.roundHalfUp

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

function assertMinor(amount: Minor, what: string): void {
  if (!Number.isSafeInteger(amount)) {
    throw new MoneyError(`${what} must be a whole number of minor units, got ${String(amount)}`);
  }
}

function toSafeMinor(value: Big, what: string): Minor {
  const amount = Number(value.toFixed(0));
  assertMinor(amount, what);
  return amount;
}

/** 1234 with 2 minor digits → "12.34"; what a decimal API field gets. */
export function minorToDecimal(amount: Minor, minorDigits: number): string {
  assertMinor(amount, 'amount');
  return new Big(amount).div(new Big(10).pow(minorDigits)).toFixed(minorDigits);
}

/**
 * A decimal from an API (JSON number or text) → minor units; refuses a value with more places
 * than the currency has, since rounding it away would hide a real difference.
 * NOTE: a JSON number has been through a float; `String(n)` is its shortest round-trip text,
 * which is the decimal the sender wrote.
 */
export function decimalToMinor(value: number | string, minorDigits: number): Minor {
  let decimal: Big;
  try {
    decimal = new Big(typeof value === 'number' ? String(value) : value.trim());
  } catch {
    throw new MoneyError(`"${String(value)}" is not a decimal amount`);
  }
  const scaled = decimal.times(new Big(10).pow(minorDigits));
  if (!scaled.eq(scaled.round(0, 0))) {
    throw new MoneyError(`"${String(value)}" has more than ${minorDigits} decimal places`);
  }
  return toSafeMinor(scaled, 'amount');
}

/** a − b, exactly. */
export function subtractMinor(a: Minor, b: Minor): Minor {
  assertMinor(a, 'amount');
  assertMinor(b, 'amount');
  return toSafeMinor(new Big(a).minus(b), 'difference');
}

/** Σ amounts, exactly. */
export function sumMinor(amounts: readonly Minor[]): Minor {
  let total = new Big(0);
  for (const amount of amounts) {
    assertMinor(amount, 'amount');
    total = total.plus(amount);
  }
  return toSafeMinor(total, 'sum');
}

export function absMinor(amount: Minor): Minor {
  assertMinor(amount, 'amount');
  return Math.abs(amount);
}

/** round(quantity × rate) in minor units, half away from zero: what the provider computes. */
export function lineTotalMinor(quantity: number, rate: string, minorDigits: number): Minor {
  const total = new Big(quantity).times(new Big(rate)).times(new Big(10).pow(minorDigits));
  return toSafeMinor(total.round(0, ROUND_HALF_AWAY_FROM_ZERO), 'line total');
}

/**
 * The unit rate a line is sent with: its amount (our line net, or what a credit note credits) /
 * quantity in major units, rounded half away from zero to `places` decimals. It is the unit
 * price with the discount folded in whenever our net needed no rounding.
 * NOTE: the provider then computes round(quantity × rate). Sent this way, that product is the
 * amount exactly, or within quantity × half a millionth of it (under half a cent below 10,000
 * units), so the provider's line total is our net whatever its rounding mode; the discounted
 * unit price itself (5.025 for one unit of 10.05 at 50 %) would leave a half cent for the
 * provider's own rounding to decide.
 */
export function unitRateOf(
  amount: Minor,
  quantity: number,
  minorDigits: number,
  places: number,
): string {
  assertMinor(amount, 'amount');
  if (!Number.isInteger(quantity) || quantity <= 0) {
    throw new MoneyError(`quantity must be a positive whole number, got ${String(quantity)}`);
  }
  return new Big(amount)
    .div(quantity)
    .div(new Big(10).pow(minorDigits))
    .round(places, ROUND_HALF_AWAY_FROM_ZERO)
    .toString();
}

/** round(amount × rate) in minor units, half away from zero: a line's tax, as the core rounds it. */
export function taxMinor(amount: Minor, rate: string): Minor {
  assertMinor(amount, 'amount');
  return toSafeMinor(
    new Big(amount).times(new Big(rate)).round(0, ROUND_HALF_AWAY_FROM_ZERO),
    'tax',
  );
}

/** A rate as a percentage, exactly: "0.08875" → "8.875". */
export function rateToPercent(rate: string): string {
  return new Big(rate).times(100).toFixed();
}

/**
 * A percentage from an API (JSON number or text) as a rate, exactly: 8.875 → "0.08875".
 * NOTE: a JSON number's shortest text is the decimal the sender wrote (see decimalToMinor).
 */
export function percentToRate(percent: number | string): string {
  try {
    return new Big(typeof percent === 'number' ? String(percent) : percent.trim())
      .div(100)
      .toFixed();
  } catch {
    throw new MoneyError(`"${String(percent)}" is not a percentage`);
  }
}

/** Whether two decimal rates are the same number ("0.1" and "0.10" are). */
export function isSameRate(a: string, b: string): boolean {
  return new Big(a).eq(new Big(b));
}
