import { z } from 'zod';
import { addressSchema, shortText } from './common.schemas';

const contactPersonSchema = z
  .object({
    first_name: shortText(100).optional(),
    last_name: shortText(100).optional(),
    email: z.email().max(100).optional(),
    phone: shortText(50).optional(),
    is_primary_contact: z.boolean().optional(),
  })
  .strict();

const contactFields = {
  contact_name: z.string().trim().min(1).max(200),
  company_name: shortText(200).optional(),
  contact_type: z.enum(['customer', 'vendor']).optional(),
  email: z.email().max(100).optional(),
  phone: shortText(50).optional(),
  website: shortText(200).optional(),
  notes: shortText(5000).optional(),
  billing_address: addressSchema.optional(),
  shipping_address: addressSchema.optional(),
  contact_persons: z.array(contactPersonSchema).max(50).optional(),
};

export const contactCreateSchema = z.object(contactFields).strict();

export const contactUpdateSchema = z.object(contactFields).partial().strict();

export type ContactCreateInput = z.output<typeof contactCreateSchema>;
export type ContactUpdateInput = z.output<typeof contactUpdateSchema>;
