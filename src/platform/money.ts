import Big from 'big.js';

/**
 * Money is an integer count of the currency's minor unit (cents for USD) beside an ISO 4217 code.
 * All arithmetic on amounts lives here. Products are computed exactly in decimal (big.js) and
 * rounded half away from zero to the minor unit, once per line, as the product brief says.
 * Any amount beyond ±Number.MAX_SAFE_INTEGER minor units is refused, so JSON can carry it exactly.
 */

export const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;
/** Rates (discount, tax) carry at most this many decimal places. */
export const RATE_PLACES = 6;

export type MoneyErrorCode = 'not_an_amount' | 'out_of_range' | 'not_a_rate' | 'rate_out_of_range';

export class MoneyError extends Error {
  constructor(
    readonly code: MoneyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MoneyError';
  }
}

export interface Money {
  amount: number;
  currency: string;
}

export interface LineInput {
  quantity: number;
  /** Minor units per unit. */
  unitPrice: number;
  /** A decimal string from "0" to "1". */
  discount: string;
  /** A decimal string, 0 or more. */
  taxRate: string;
}

export interface LineAmounts {
  net: number;
  tax: number;
}

const HALF_AWAY_FROM_ZERO = 1; // Big.roundHalfUp: ties go away from zero, for negatives too.

/** Refuses anything that is not a safe integer amount of minor units. */
export function assertAmount(value: unknown, label = 'amount'): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new MoneyError('not_an_amount', `${label} must be an integer number of minor units`);
  }
  if (Math.abs(value) > MAX_AMOUNT) {
    throw new MoneyError('out_of_range', `${label} is beyond ±${MAX_AMOUNT} minor units`);
  }
  return value;
}

/**
 * Turns what the database gives back for a `biginteger` column or a SUM (a string on PostgreSQL,
 * a number or bigint on SQLite) into a safe integer. `null` (an empty sum) is 0.
 */
export function fromDatabase(value: unknown, label = 'amount'): number {
  if (value === null || value === undefined) {
    return 0;
  }
  if (typeof value === 'bigint' || typeof value === 'string') {
    if (!/^-?\d+$/.test(String(value))) {
      throw new MoneyError('not_an_amount', `${label} "${String(value)}" is not an integer`);
    }
    const asBig = BigInt(value);
    if (asBig > BigInt(MAX_AMOUNT) || asBig < -BigInt(MAX_AMOUNT)) {
      throw new MoneyError('out_of_range', `${label} is beyond ±${MAX_AMOUNT} minor units`);
    }
    return Number(asBig);
  }
  return assertAmount(value, label);
}

/** The number of decimal places of a currency's minor unit (2 for USD, 0 for JPY). */
export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits as number;
}

/** Reads a decimal string in major units ("18.5") as minor units (1850), exactly. */
export function parseMajorUnits(text: string, currency: string, label = 'amount'): number {
  const trimmed = text.trim();
  const digits = minorUnitDigits(currency);
  const fraction = digits > 0 ? `(\\.\\d{1,${digits}})?` : '';
  const pattern = new RegExp(`^-?\\d+${fraction}$`);
  if (!pattern.test(trimmed)) {
    throw new MoneyError(
      'not_an_amount',
      `${label} "${text}" is not an amount in ${currency} with at most ${digits} decimal places`,
    );
  }
  const minor = new Big(trimmed).times(new Big(10).pow(digits));
  return toSafeInteger(minor, label);
}

/** Shows minor units as a decimal string in major units: 123456 USD → "1234.56". */
export function formatMajorUnits(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  return new Big(amount).div(new Big(10).pow(digits)).toFixed(digits);
}

/**
 * Checks a rate given as a decimal string and returns it in canonical form ("0.050" → "0.05").
 * `max` bounds it (1 for discounts); rates are never negative.
 */
export function parseRate(text: string, label = 'rate', max?: number): string {
  const pattern = new RegExp(`^\\d+(\\.\\d{1,${RATE_PLACES}})?$`);
  if (typeof text !== 'string' || !pattern.test(text)) {
    throw new MoneyError(
      'not_a_rate',
      `${label} must be a decimal string such as "0.05" with at most ${RATE_PLACES} decimal places`,
    );
  }
  const rate = new Big(text);
  if (max !== undefined && rate.gt(max)) {
    throw new MoneyError('rate_out_of_range', `${label} must be between 0 and ${max}`);
  }
  return rate.toFixed();
}

/** net = round(quantity × unitPrice × (1 − discount)), tax = round(net × taxRate), per line. */
export function computeLine(line: LineInput): LineAmounts {
  const discount = new Big(parseRate(line.discount, 'discount', 1));
  const taxRate = new Big(parseRate(line.taxRate, 'taxRate'));
  const gross = new Big(line.quantity).times(assertAmount(line.unitPrice, 'unitPrice'));
  const net = toSafeInteger(
    gross.times(new Big(1).minus(discount)).round(0, HALF_AWAY_FROM_ZERO),
    'line net',
  );
  const tax = toSafeInteger(new Big(net).times(taxRate).round(0, HALF_AWAY_FROM_ZERO), 'line tax');
  return { net, tax };
}

/** Adds amounts exactly, refusing a total beyond the safe range. */
export function sumAmounts(amounts: readonly number[], label = 'total'): number {
  const total = amounts.reduce((acc, amount) => acc + BigInt(assertAmount(amount, label)), 0n);
  if (total > BigInt(MAX_AMOUNT) || total < -BigInt(MAX_AMOUNT)) {
    throw new MoneyError('out_of_range', `${label} is beyond ±${MAX_AMOUNT} minor units`);
  }
  return Number(total);
}

/** a − b, checked. */
export function subtractAmounts(a: number, b: number, label = 'difference'): number {
  return sumAmounts([a, -b], label);
}

function toSafeInteger(value: Big, label: string): number {
  if (value.abs().gt(MAX_AMOUNT)) {
    throw new MoneyError('out_of_range', `${label} is beyond ±${MAX_AMOUNT} minor units`);
  }
  return Number(value.toFixed(0));
}

/** round(total × part / whole), half away from zero: a share of an amount, exactly. */
export function prorate(total: number, part: number, whole: number, label = 'share'): number {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || whole === 0) {
    throw new MoneyError('not_an_amount', `${label}: part and whole must be integers, whole ≠ 0`);
  }
  const share = new Big(assertAmount(total, label)).times(part).div(whole);
  return toSafeInteger(share.round(0, HALF_AWAY_FROM_ZERO), label);
}

/** quantity × unit amount, exactly, refused beyond the safe range. */
export function multiplyAmount(unitAmount: number, quantity: number, label = 'amount'): number {
  if (!Number.isInteger(quantity)) {
    throw new MoneyError('not_an_amount', `${label}: quantity must be a whole number`);
  }
  return toSafeInteger(new Big(assertAmount(unitAmount, label)).times(quantity), label);
}

/** round(amount × rate), half away from zero; the rate is a decimal string such as "0.60". */
export function scaleAmount(amount: number, rate: string, label = 'amount'): number {
  const factor = new Big(parseRate(rate, `${label} rate`));
  return toSafeInteger(
    new Big(assertAmount(amount, label)).times(factor).round(0, HALF_AWAY_FROM_ZERO),
    label,
  );
}
