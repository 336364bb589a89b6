import Big from 'big.js';

/**
 * Pure helpers for report figures. Amounts are integer minor units; ratios are decimal strings
 * rounded half away from zero (big.js `roundHalfUp` rounds ties away from zero, negatives too).
 */

const HALF_AWAY_FROM_ZERO = 1;

/** `part / whole` as a percentage with 2 places ("12.35"), or null when `whole` is 0. */
export function percentOf(part: number, whole: number): string | null {
  if (whole === 0) {
    return null;
  }
  return new Big(part).times(100).div(whole).round(2, HALF_AWAY_FROM_ZERO).toFixed(2);
}

/** The average cost of a unit in minor units with 2 places ("1395.00"), or null with no units. */
export function averageCost(value: number, units: number): string | null {
  if (units === 0) {
    return null;
  }
  return new Big(value).div(units).round(2, HALF_AWAY_FROM_ZERO).toFixed(2);
}

/** `amount / count` rounded half away from zero to the minor unit, or 0 when `count` is 0. */
export function averageAmount(amount: number, count: number): number {
  if (count === 0) {
    return 0;
  }
  return Number(new Big(amount).div(count).round(0, HALF_AWAY_FROM_ZERO).toFixed(0));
}

/** Σ amounts in minor units, refused beyond the safe integer range rather than rounded. */
export function sumOf(amounts: readonly number[], label: string): number {
  const total = amounts.reduce((running, amount) => running + amount, 0);
  if (!Number.isSafeInteger(total)) {
    throw new Error(`${label} ${total} is beyond the safe integer range`);
  }
  return total;
}

/** a − b in minor units, refused beyond the safe integer range rather than rounded. */
export function differenceOf(a: number, b: number, label: string): number {
  const difference = a - b;
  if (!Number.isSafeInteger(difference)) {
    throw new Error(`${label} ${a} − ${b} is beyond the safe integer range`);
  }
  return difference;
}

/** Reads an amount from SQL (a number, or a string for PostgreSQL's bigint); null is 0. */
export function toAmount(value: unknown, label: string): number {
  if (value === null || value === undefined) {
    return 0;
  }
  const text = String(value);
  if (!/^-?\d+$/.test(text)) {
    throw new Error(`${label} "${text}" is not a whole number of minor units`);
  }
  const amount = Number(text);
  if (!Number.isSafeInteger(amount)) {
    throw new Error(`${label} ${text} is beyond the safe integer range`);
  }
  return amount;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) {
    return false;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** The date `days` days before `date` (both YYYY-MM-DD, calendar days, no time zone). */
export function daysBefore(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() - days);
  return value.toISOString().slice(0, 10);
}

/** Today's date in UTC, YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
