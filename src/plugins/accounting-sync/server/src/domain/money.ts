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

/**
 * The unit rate a line is sent with: unit price × (1 − discount), in major units, rounded half
 * away from zero to `places` decimals (Zoho takes rates with at most 6). The provider then rounds
 * quantity × rate once; the remaining difference to our line net is at most a cent and is what
 * the amount rule books as an adjustment.
 */
export function discountedRate(
  unitPrice: Minor,
  discount: string,
  minorDigits: number,
  places: number,
): string {
  assertMinor(unitPrice, 'unit price');
  const factor = new Big(1).minus(new Big(discount));
  return new Big(unitPrice)
    .times(factor)
    .div(new Big(10).pow(minorDigits))
    .round(places, ROUND_HALF_AWAY_FROM_ZERO)
    .toString(); // NOTE: big.js drops trailing zeros ("17.1"); no exponent below 1e21.
}

/** round(quantity × rate) in minor units, half away from zero: what the provider computes. */
export function lineTotalMinor(quantity: number, rate: string, minorDigits: number): Minor {
  const total = new Big(quantity).times(new Big(rate)).times(new Big(10).pow(minorDigits));
  return toSafeMinor(total.round(0, ROUND_HALF_AWAY_FROM_ZERO), 'line total');
}

/**
 * The unit rate that spreads a credited amount over its quantity: amount / quantity in major
 * units, rounded half away from zero to `places` decimals.
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
