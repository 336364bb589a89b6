/**
 * Exact decimal money for the fake server.
 *
 * Zoho Books sends and receives money as JSON decimals with 2 places. We never do arithmetic on
 * JS floats: every amount is parsed from its decimal text into an integer of minor units (cents),
 * and products such as quantity x rate are computed exactly with BigInt before one rounding step.
 *
 * Rounding rule (written down, as our style asks): a value exactly half-way between two cents goes
 * away from zero in `half-up` mode (0.025 -> 0.03, -0.025 -> -0.03) and to the even cent in
 * `half-even` mode (0.025 -> 0.02, 0.035 -> 0.04). Any other value goes to the nearest cent.
 */

export type RoundingMode = 'half-up' | 'half-even';

export const ROUNDING_MODES: readonly RoundingMode[] = ['half-up', 'half-even'];

/** An exact decimal: value = units / 10^scale. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** Amount of money in integer cents (2 decimal places, like every Zoho Books currency we fake). */
export type Cents = number;

export class MoneyFormatError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not a decimal number`);
    this.name = 'MoneyFormatError';
  }
}

// NOTE: BigInt(n) instead of `0n` literals: the root tsconfig targets ES2019, which refuses them.
const ZERO = BigInt(0);
const ONE = BigInt(1);
const TWO = BigInt(2);
const TEN = BigInt(10);

const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** Largest scale we accept; beyond it a number is more likely a float artefact than an amount. */
const MAX_SCALE = 9;

/**
 * Parses a JSON number or numeric string into an exact decimal.
 * NOTE: a JSON number has already been through a float; `String(n)` gives its shortest
 * round-trip text (0.1 -> "0.1"), which is the decimal the sender meant.
 */
export function parseDecimal(input: number | string): Decimal {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const match = DECIMAL_PATTERN.exec(text);
  if (!match || (match[3] ?? '').length > MAX_SCALE) {
    throw new MoneyFormatError(text);
  }
  const [, sign, whole, fraction = ''] = match;
  const magnitude = BigInt(`${whole}${fraction}`);
  return { units: sign === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/** Number of decimal places written in the input (trailing zeros count: "1.50" has 2). */
export function decimalPlaces(value: Decimal): number {
  return value.scale;
}

export function isNegative(value: Decimal): boolean {
  return value.units < ZERO;
}

export function isZero(value: Decimal): boolean {
  return value.units === ZERO;
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`, compared exactly. */
export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const left = a.units * TEN ** BigInt(scale - a.scale);
  const right = b.units * TEN ** BigInt(scale - b.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Divides `numerator` by `denominator` (> 0) and rounds the quotient to an integer. */
function divideAndRound(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const negative = numerator < ZERO;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = (magnitude % denominator) * TWO;
  if (twiceRemainder > denominator) {
    quotient += ONE;
  } else if (twiceRemainder === denominator) {
    const isOdd = quotient % TWO === ONE;
    if (mode === 'half-up' || isOdd) {
      quotient += ONE;
    }
  }
  return negative ? -quotient : quotient;
}

function toSafeCents(value: bigint): Cents {
  const cents = Number(value);
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`amount of ${value} cents is too large`);
  }
  return cents;
}

/** Rounds an exact decimal to cents. */
export function decimalToCents(value: Decimal, mode: RoundingMode): Cents {
  if (value.scale <= 2) {
    return toSafeCents(value.units * TEN ** BigInt(2 - value.scale));
  }
  return toSafeCents(divideAndRound(value.units, TEN ** BigInt(value.scale - 2), mode));
}

/** The decimal rounded to at most `places` decimals (a rate under a price precision). */
export function roundDecimal(value: Decimal, places: number, mode: RoundingMode): Decimal {
  if (value.scale <= places) {
    return value;
  }
  return {
    units: divideAndRound(value.units, TEN ** BigInt(value.scale - places), mode),
    scale: places,
  };
}

/** quantity x rate, computed exactly and rounded once to cents. */
export function multiplyToCents(quantity: Decimal, rate: Decimal, mode: RoundingMode): Cents {
  return decimalToCents(
    { units: quantity.units * rate.units, scale: quantity.scale + rate.scale },
    mode,
  );
}

export function addCents(...amounts: Cents[]): Cents {
  return toSafeCents(amounts.reduce((sum, amount) => sum + BigInt(amount), ZERO));
}

export function subtractCents(from: Cents, amount: Cents): Cents {
  return toSafeCents(BigInt(from) - BigInt(amount));
}

/**
 * Renders cents as the JSON number Zoho sends (12.5 for 1250 cents).
 * NOTE: dividing a safe integer by 100 gives the double closest to the decimal, whose shortest
 * text is exactly the 2-place decimal, so `JSON.stringify` prints it faithfully.
 */
export function centsToNumber(amount: Cents): number {
  return amount / 100;
}

/** Renders a decimal (rate, quantity) as a JSON number without losing its digits. */
export function decimalToNumber(value: Decimal): number {
  return Number(formatDecimal(value));
}

export function formatDecimal(value: Decimal): string {
  const negative = value.units < ZERO;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
