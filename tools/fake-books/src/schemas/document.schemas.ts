import { z } from 'zod';
import { dateSchema, decimalSchema, idSchema, moneySchema, shortText } from './common.schemas';

/** A line of an invoice or credit note; quantity defaults to 1 and rate to the item's rate. */
export const lineItemSchema = z
  .object({
    line_item_id: idSchema.optional(),
    item_id: idSchema,
    name: shortText(100).optional(),
    description: shortText(2000).optional(),
    unit: shortText(100).optional(),
    quantity: decimalSchema(6, 'positive').optional(),
    rate: decimalSchema(6, 'nonNegative').optional(),
    /** The tax on this line; none: untaxed. */
    tax_id: idSchema.optional(),
  })
  .strict();

/** Fields invoices and credit notes share. */
const totalledFields = {
  customer_id: idSchema,
  reference_number: shortText(100).optional(),
  date: dateSchema.optional(),
  line_items: z.array(lineItemSchema).min(1).max(500),
  adjustment: moneySchema().optional(),
  adjustment_description: shortText(100).optional(),
  notes: shortText(5000).optional(),
  terms: shortText(10000).optional(),
};

const invoiceFields = {
  ...totalledFields,
  invoice_number: z.string().trim().min(1).max(100).optional(),
  due_date: dateSchema.optional(),
};

export const invoiceCreateSchema = z.object(invoiceFields).strict();
export const invoiceUpdateSchema = z.object(invoiceFields).partial().strict();

const creditNoteFields = {
  ...totalledFields,
  creditnote_number: z.string().trim().min(1).max(100).optional(),
  invoice_id: idSchema.optional(),
};

export const creditNoteCreateSchema = z.object(creditNoteFields).strict();
export const creditNoteUpdateSchema = z.object(creditNoteFields).partial().strict();

export type LineItemInput = z.output<typeof lineItemSchema>;
export type InvoiceCreateInput = z.output<typeof invoiceCreateSchema>;
export type InvoiceUpdateInput = z.output<typeof invoiceUpdateSchema>;
export type CreditNoteCreateInput = z.output<typeof creditNoteCreateSchema>;
export type CreditNoteUpdateInput = z.output<typeof creditNoteUpdateSchema>;
