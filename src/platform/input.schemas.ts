import { z } from 'zod';
import { MAX_AMOUNT, RATE_PLACES, parseRate } from './money';

/** Zod pieces shared by the write schemas of every capability. */

export const amountSchema = z
  .number({ error: 'must be an integer number of minor units (cents), not a string' })
  .int('must be an integer number of minor units (cents)')
  .min(-MAX_AMOUNT, `must be at least -${MAX_AMOUNT}`)
  .max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT}`);

export const nonNegativeAmountSchema = amountSchema.min(0, 'must not be negative');

export function rateSchema(max?: number) {
  return z
    .string({ error: `must be a decimal string such as "0.05" (at most ${RATE_PLACES} places)` })
    .refine(
      (text) => {
        try {
          parseRate(text, 'rate', max);
          return true;
        } catch {
          return false;
        }
      },
      {
        error:
          max === undefined
            ? `must be a decimal string of at least 0 with at most ${RATE_PLACES} places`
            : `must be a decimal string from 0 to ${max} with at most ${RATE_PLACES} places`,
      },
    )
    .transform((text) => parseRate(text, 'rate', max));
}

export function currencySchema(baseCurrency: string) {
  return z.string({ error: 'must be an ISO 4217 code' }).refine((code) => code === baseCurrency, {
    error: `must be ${baseCurrency}, the base currency (other currencies are not supported yet)`,
  });
}

/** A calendar date, "YYYY-MM-DD", that exists. */
export const dateSchema = z.iso
  .date('must be a date written YYYY-MM-DD')
  .refine((date) => date >= '1900-01-01' && date <= '2999-12-31', {
    error: 'must be a date between 1900-01-01 and 2999-12-31',
  });

export const documentIdSchema = z
  .string({ error: 'must be a documentId' })
  .regex(/^[a-z0-9]{10,40}$/, 'must be a documentId');

const optionalText = (max: number) => z.string().max(max).nullable().optional();

export const addressSchema = z.strictObject({
  name: optionalText(200),
  street: optionalText(300),
  city: optionalText(120),
  region: optionalText(120),
  postalCode: optionalText(40),
  country: optionalText(80),
});

export type AddressInput = z.infer<typeof addressSchema>;

export { optionalText };
