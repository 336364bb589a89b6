import { z } from 'zod';
import {
  currencySchema,
  nonNegativeAmountSchema,
  optionalText,
} from '../../platform/input.schemas';

export const ASSET_STATUSES = ['active', 'discontinued'] as const;

/** Written only by the inventory service; refused as input everywhere else. */
export const STOCK_FIELDS = ['onHand', 'reserved', 'available', 'stockValue'] as const;

function assetFields(baseCurrency: string) {
  return {
    sku: z
      .string({ error: 'must be a text SKU such as NW-1' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, 'must be 1–64 letters, digits, . _ / or -'),
    name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200),
    description: z.string().max(10000).nullable().optional(),
    category: optionalText(120),
    unit: optionalText(80),
    listPrice: nonNegativeAmountSchema,
    currency: currencySchema(baseCurrency).optional(),
    reorderLevel: z
      .number()
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .optional(),
    allowBackorders: z.boolean({ error: 'must be true or false' }).optional(),
    assetStatus: z.enum(ASSET_STATUSES).optional(),
  };
}

export function assetCreateSchema(baseCurrency: string) {
  return z.strictObject(assetFields(baseCurrency));
}

export function assetUpdateSchema(baseCurrency: string) {
  return z.strictObject(assetFields(baseCurrency)).partial();
}

export type AssetCreateInput = z.infer<ReturnType<typeof assetCreateSchema>>;
export type AssetUpdateInput = z.infer<ReturnType<typeof assetUpdateSchema>>;
