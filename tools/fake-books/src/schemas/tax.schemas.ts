import { z } from 'zod';
import { compareDecimals, parseDecimal } from '../money';
import { decimalSchema } from './common.schemas';

const MAX_PERCENTAGE = parseDecimal('100');

/**
 * A simple tax. NOTE: assumed, not documented by Zoho: at most 4 decimals (8.8750 %), between 0
 * and 100, a name of at most 50 characters; only `tax` (compound taxes and groups are not faked).
 */
export const taxCreateSchema = z
  .object({
    tax_name: z.string().trim().min(1).max(50),
    tax_percentage: decimalSchema(4, 'nonNegative').refine(
      (percentage) => compareDecimals(percentage, MAX_PERCENTAGE) <= 0,
      'at most 100',
    ),
    tax_type: z.enum(['tax']).optional(),
  })
  .strict();

export type TaxCreateInput = z.output<typeof taxCreateSchema>;
