import { z } from 'zod';
import {
  addressSchema,
  currencySchema,
  nonNegativeAmountSchema,
  optionalText,
} from '../../platform/input.schemas';

export const CUSTOMER_STATUSES = ['lead', 'active', 'inactive'] as const;

function customerFields(baseCurrency: string) {
  return {
    code: z
      .string({ error: 'must be a text code such as ALFKI' })
      .regex(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, 'must be 1–20 capital letters, digits, _ or -'),
    companyName: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200),
    contactName: optionalText(120),
    contactTitle: optionalText(120),
    email: z.email('must be an email address').nullable().optional(),
    phone: optionalText(40),
    billingAddress: addressSchema.nullable().optional(),
    shippingAddress: addressSchema.nullable().optional(),
    taxId: optionalText(40),
    currency: currencySchema(baseCurrency).optional(),
    creditLimit: nonNegativeAmountSchema.nullable().optional(),
    customerStatus: z.enum(CUSTOMER_STATUSES).optional(),
    notes: z.string().max(10000).nullable().optional(),
  };
}

export function customerCreateSchema(baseCurrency: string) {
  return z.strictObject(customerFields(baseCurrency));
}

export function customerUpdateSchema(baseCurrency: string) {
  return z.strictObject(customerFields(baseCurrency)).partial();
}

export type CustomerCreateInput = z.infer<ReturnType<typeof customerCreateSchema>>;
export type CustomerUpdateInput = z.infer<ReturnType<typeof customerUpdateSchema>>;
