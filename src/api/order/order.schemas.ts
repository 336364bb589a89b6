import { z } from 'zod';
import {
  addressSchema,
  currencySchema,
  dateSchema,
  documentIdSchema,
  nonNegativeAmountSchema,
  rateSchema,
} from '../../platform/input.schemas';

/** Set by the server; refused as input. */
export const ORDER_SERVER_FIELDS = [
  'number',
  'orderStatus',
  'paymentStatus',
  'subtotal',
  'taxTotal',
  'total',
  'costOfGoods',
  'invoiceNumber',
  'invoiceDate',
  'creditNotes',
] as const;
export const LINE_SERVER_FIELDS = ['net', 'tax'] as const;

const lineFields = {
  asset: documentIdSchema,
  description: z.string().max(300).nullable().optional(),
  quantity: z
    .number({ error: 'must be a positive whole number' })
    .int('must be a positive whole number')
    .min(1, 'must be a positive whole number')
    .max(1_000_000_000, 'must be at most 1000000000'),
  unitPrice: nonNegativeAmountSchema.optional(),
  discount: rateSchema(1).optional(),
  taxRate: rateSchema().optional(),
};

const newLineSchema = z.strictObject(lineFields);
/** On update a line may name an existing line by its number to keep it. */
const updatedLineSchema = z.strictObject({
  ...lineFields,
  lineNo: z.number().int().min(1, 'must be an existing line number').optional(),
});

function orderFields(baseCurrency: string) {
  return {
    customer: documentIdSchema,
    currency: currencySchema(baseCurrency).optional(),
    orderDate: dateSchema,
    requiredDate: dateSchema.nullable().optional(),
    shippedDate: dateSchema.nullable().optional(),
    shipTo: addressSchema.nullable().optional(),
    freight: nonNegativeAmountSchema.optional(),
    externalRef: z.string().min(1).max(120).nullable().optional(),
    notes: z.string().max(10000).nullable().optional(),
  };
}

export function orderCreateSchema(baseCurrency: string) {
  return z.strictObject({
    ...orderFields(baseCurrency),
    lines: z.array(newLineSchema).min(1, 'an order needs at least one line').max(1000),
  });
}

export function orderUpdateSchema(baseCurrency: string) {
  return z
    .strictObject({
      ...orderFields(baseCurrency),
      lines: z.array(updatedLineSchema).min(1, 'an order needs at least one line').max(1000),
    })
    .partial();
}

export type OrderCreateInput = z.infer<ReturnType<typeof orderCreateSchema>>;
export type OrderUpdateInput = z.infer<ReturnType<typeof orderUpdateSchema>>;
export type OrderLineInput = OrderUpdateInput extends { lines?: (infer L)[] } ? L : never;

/** Fields that may still change once an order has left draft. */
export const FIELDS_EDITABLE_AFTER_DRAFT = ['notes', 'requiredDate', 'shipTo'] as const;

/** Body of confirm, fulfil and cancel: the business date, today when left out. */
export const transitionSchema = z.strictObject({ date: dateSchema.optional() }).optional();

export const paymentSchema = z.strictObject({
  amount: nonNegativeAmountSchema.min(1, 'must be a positive number of minor units'),
  date: dateSchema.optional(),
  method: z.enum(['cash', 'card', 'bank-transfer', 'cheque', 'other'], {
    error: 'must be one of cash, card, bank-transfer, cheque, other',
  }),
  reference: z.string().max(120).nullable().optional(),
});

/** Body of a return: which units of which lines come back, and optionally freight to credit. */
export const returnSchema = z
  .strictObject({
    lines: z
      .array(
        z.strictObject({
          lineNo: z
            .number({ error: 'must be a line number of the order' })
            .int('must be a line number of the order')
            .min(1, 'must be a line number of the order'),
          quantity: z
            .number({ error: 'must be a positive whole number' })
            .int('must be a positive whole number')
            .min(1, 'must be a positive whole number')
            .max(1_000_000_000, 'must be at most 1000000000'),
          disposition: z.enum(['restock', 'writeOff'], {
            error: 'must be restock (back on the shelf) or writeOff (not resaleable)',
          }),
        }),
      )
      .max(1000),
    freight: nonNegativeAmountSchema.optional(),
    date: dateSchema.optional(),
    reason: z.string().max(1000).nullable().optional(),
  })
  .refine((body) => body.lines.length > 0 || (body.freight ?? 0) > 0, {
    path: ['lines'],
    message: 'a return needs at least one line, or freight to credit',
  });
