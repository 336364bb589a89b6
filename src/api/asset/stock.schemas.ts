import { z } from 'zod';
import { dateSchema, nonNegativeAmountSchema } from '../../platform/input.schemas';

const quantity = z
  .number({ error: 'must be a positive whole number' })
  .int('must be a positive whole number')
  .min(1, 'must be a positive whole number')
  .max(1_000_000_000, 'must be at most 1000000000');

export const receiptSchema = z.strictObject({
  quantity,
  unitCost: nonNegativeAmountSchema,
  date: dateSchema,
  /** Paid at once (credits cash) or on account (credits accounts payable, the default). */
  paid: z.boolean({ error: 'must be true or false' }).optional(),
  reference: z.string().max(120).nullable().optional(),
});

export const adjustmentSchema = z
  .strictObject({
    change: z
      .number()
      .int('must be a whole number')
      .refine((n) => n !== 0, 'must not be 0')
      .optional(),
    countedQuantity: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .optional(),
    unitCost: nonNegativeAmountSchema.optional(),
    reason: z.string({ error: 'is required' }).trim().min(1, 'is required').max(300),
    date: dateSchema,
  })
  .refine((data) => (data.change === undefined) !== (data.countedQuantity === undefined), {
    error: 'give either change or countedQuantity',
    path: ['change'],
  });

export type ReceiptInput = z.infer<typeof receiptSchema>;
export type AdjustmentInput = z.infer<typeof adjustmentSchema>;

export const supplierPaymentSchema = z.strictObject({
  amount: nonNegativeAmountSchema.min(1, 'must be a positive number of minor units'),
  date: dateSchema,
  method: z.enum(['cash', 'card', 'bank-transfer', 'cheque', 'other'], {
    error: 'must be one of cash, card, bank-transfer, cheque, other',
  }),
});

export type SupplierPaymentInput = z.infer<typeof supplierPaymentSchema>;
