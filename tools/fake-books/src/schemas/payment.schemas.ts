import { z } from 'zod';
import { dateSchema, idSchema, moneySchema, shortText } from './common.schemas';

const applicationSchema = z
  .object({
    invoice_id: idSchema,
    amount_applied: moneySchema('nonNegative'),
  })
  .strict();

const paymentFields = {
  customer_id: idSchema,
  payment_mode: shortText(100).optional(),
  amount: moneySchema('positive'),
  date: dateSchema,
  reference_number: shortText(100).optional(),
  description: shortText(2000).optional(),
  invoices: z.array(applicationSchema).max(100).optional(),
  account_id: idSchema.optional(),
};

export const paymentCreateSchema = z.object(paymentFields).strict();
export const paymentUpdateSchema = z.object(paymentFields).partial().strict();

/** Body of `POST /customerpayments/:id/refunds` and `POST /creditnotes/:id/refunds`. */
export const refundCreateSchema = z
  .object({
    date: dateSchema,
    amount: moneySchema('positive'),
    refund_mode: shortText(100).optional(),
    reference_number: shortText(100).optional(),
    description: shortText(2000).optional(),
    from_account_id: idSchema.optional(),
  })
  .strict();

export type PaymentCreateInput = z.output<typeof paymentCreateSchema>;
export type PaymentUpdateInput = z.output<typeof paymentUpdateSchema>;
export type RefundCreateInput = z.output<typeof refundCreateSchema>;
