import { z } from 'zod';
import { decimalSchema, shortText } from './common.schemas';

const itemFields = {
  name: z.string().trim().min(1).max(100),
  rate: decimalSchema(6, 'nonNegative'),
  description: shortText(2000).optional(),
  sku: shortText(100).optional(),
  unit: shortText(100).optional(),
  product_type: z.enum(['goods', 'service', 'digital_service']).optional(),
  item_type: z.enum(['sales', 'purchases', 'sales_and_purchases', 'inventory']).optional(),
};

export const itemCreateSchema = z.object(itemFields).strict();

export const itemUpdateSchema = z.object(itemFields).partial().strict();

export type ItemCreateInput = z.output<typeof itemCreateSchema>;
export type ItemUpdateInput = z.output<typeof itemUpdateSchema>;
