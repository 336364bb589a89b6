import { z } from 'zod';
import { invalidValue, type ZohoApiError } from '../errors';
import { isNegative, isZero, parseDecimal, type Decimal } from '../money';

/** Zoho ids are numeric strings; clients sometimes send them as numbers, which Zoho accepts. */
export const idSchema = z
  .union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()])
  .transform((id) => String(id));

export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-mm-dd');

export const shortText = (max: number) => z.string().max(max);

type Sign = 'any' | 'nonNegative' | 'positive';

/** A JSON number or numeric string, parsed exactly; refuses more than `maxScale` decimals. */
export function decimalSchema(maxScale: number, sign: Sign = 'any') {
  return z.union([z.number(), z.string()]).transform((input, ctx): Decimal => {
    let value: Decimal;
    try {
      value = parseDecimal(input);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a decimal number' });
      return z.NEVER;
    }
    const isBadSign =
      (sign === 'nonNegative' && isNegative(value)) ||
      (sign === 'positive' && (isNegative(value) || isZero(value)));
    if (value.scale > maxScale || isBadSign) {
      ctx.addIssue({ code: 'custom', message: `out of range or more than ${maxScale} decimals` });
      return z.NEVER;
    }
    return value;
  });
}

/** Money: 2 decimal places at most, as in Zoho Books. */
export const moneySchema = (sign: Sign = 'any') => decimalSchema(2, sign);

export const addressSchema = z
  .object({
    attention: shortText(100).optional(),
    address: shortText(500).optional(),
    street2: shortText(255).optional(),
    city: shortText(100).optional(),
    state: shortText(100).optional(),
    zip: shortText(50).optional(),
    country: shortText(100).optional(),
    phone: shortText(50).optional(),
  })
  .strict();

/** The field named by the first problem, as "line_items.0.rate" or an unknown key's name. */
function fieldOf(issue: z.ZodIssue): string {
  const unknownKeys = 'keys' in issue && Array.isArray(issue.keys) ? issue.keys : [];
  const path = [...issue.path.map(String), ...unknownKeys.slice(0, 1).map(String)];
  return path.length > 0 ? path.join('.') : 'JSONString';
}

/**
 * Validates a request body; the first problem becomes Zoho's "Invalid value passed for X".
 * NOTE: unknown keys are refused (schemas are strict) so a connector typo fails loudly here
 * instead of being silently dropped.
 */
export function parseInput<Schema extends z.ZodTypeAny>(
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const [first] = result.error.issues;
    const error: ZohoApiError = invalidValue(first ? fieldOf(first) : 'JSONString');
    throw error;
  }
  return result.data;
}
