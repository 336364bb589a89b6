import { z } from 'zod';
import { amountSchema, dateSchema, documentIdSchema } from '../../platform/input.schemas';
import { SOURCE_TYPES } from './domain/journal';
import { PAYMENT_KINDS, PAYMENT_METHODS } from './domain/payments';

/** Input of the ledger's use-cases and query strings of its read routes. */

const keySchema = (max: number) =>
  z
    .string({ error: 'must be a text key' })
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

const lineSchema = z.strictObject({
  account: z.string({ error: 'must be an account role or code' }).min(1).max(40),
  debit: amountSchema,
  credit: amountSchema,
});

export const postJournalEntrySchema = z.strictObject({
  key: keySchema(200),
  date: dateSchema,
  memo: z.string().max(500).nullable().optional(),
  sourceType: z.enum(SOURCE_TYPES),
  sourceId: keySchema(120),
  orderDocumentId: documentIdSchema.nullable().optional(),
  customerDocumentId: documentIdSchema.nullable().optional(),
  lines: z.array(lineSchema).min(1, 'a journal entry needs at least one line').max(500),
});

export type PostJournalEntryInput = z.input<typeof postJournalEntrySchema>;

export const recordPaymentSchema = z
  .strictObject({
    // NOTE: 190, so the entry key derived from it ("payment:" + key) fits the entry's 200.
    key: keySchema(190),
    kind: z.enum(PAYMENT_KINDS),
    orderDocumentId: documentIdSchema.nullable().optional(),
    customerDocumentId: documentIdSchema.nullable().optional(),
    amount: amountSchema.min(1, 'must be a positive number of minor units'),
    date: dateSchema,
    method: z.enum(PAYMENT_METHODS),
    reference: z.string().max(120).nullable().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.kind !== 'supplier-payment' && !input.customerDocumentId) {
      ctx.addIssue({
        code: 'custom',
        path: ['customerDocumentId'],
        message: `is required for a ${input.kind}: it is money owed by or to a customer`,
      });
    }
    if (input.kind === 'supplier-payment') {
      for (const field of ['orderDocumentId', 'customerDocumentId'] as const) {
        if (input[field]) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: 'must not be given for a supplier payment',
          });
        }
      }
    }
  });

export type RecordPaymentInput = z.input<typeof recordPaymentSchema>;

const paginationSchema = z.strictObject({
  page: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
  pageSize: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .optional(),
});

const text = (max: number) => z.string({ error: 'must be given once, as text' }).min(1).max(max);

const dateRange = {
  from: dateSchema.optional(),
  to: dateSchema.optional(),
};

function refuseReversedRange(range: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  // NOTE: YYYY-MM-DD strings compare in date order.
  if (range.from && range.to && range.to < range.from) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `must not be before from (${range.from})`,
    });
  }
}

export const journalEntryQuerySchema = z
  .strictObject({
    account: text(40).optional(),
    ...dateRange,
    sourceType: z.enum(SOURCE_TYPES).optional(),
    sourceId: text(120).optional(),
    orderDocumentId: documentIdSchema.optional(),
    customerDocumentId: documentIdSchema.optional(),
    pagination: paginationSchema.optional(),
  })
  .superRefine(refuseReversedRange);

export type JournalEntryQuery = z.infer<typeof journalEntryQuerySchema>;

export const paymentQuerySchema = z
  .strictObject({
    kind: z.enum(PAYMENT_KINDS).optional(),
    orderDocumentId: documentIdSchema.optional(),
    customerDocumentId: documentIdSchema.optional(),
    ...dateRange,
    pagination: paginationSchema.optional(),
  })
  .superRefine(refuseReversedRange);

export type PaymentQuery = z.infer<typeof paymentQuerySchema>;

/** Routes that take no query parameters at all. */
export const noQuerySchema = z.strictObject({});
