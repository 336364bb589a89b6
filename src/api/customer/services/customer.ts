import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { DomainError, invalidField, refusingDuplicates } from '../../../platform/errors';
import { withAmounts, type Row } from '../../../platform/documents';
import type { CustomerCreateInput, CustomerUpdateInput } from '../customer.schemas';

const UID = 'api::customer.customer';

const POPULATE = { billingAddress: true, shippingAddress: true } as const;

/** Output shape: credit limit as a JSON integer (or null: no limit). */
export function presentCustomer(row: Row): Row {
  return withAmounts(row, ['creditLimit']);
}

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Creates a customer after checking its code is free (the unique index settles races). */
  async createCustomer(input: CustomerCreateInput) {
    return refusingDuplicates(
      () =>
        strapi.db.transaction(async () => {
          await assertCodeIsFree(strapi, input.code);
          return strapi.documents(UID).create({ data: input as never, populate: POPULATE });
        }),
      () => duplicateCode(input.code),
    );
  },

  /** Updates a customer named by documentId; 404 when there is none. */
  async updateCustomer(documentId: string, input: CustomerUpdateInput) {
    return refusingDuplicates(
      () =>
        strapi.db.transaction(async () => {
          const existing = await strapi.documents(UID).findOne({ documentId, fields: ['code'] });
          if (!existing) {
            throw new DomainError('not_found', 'customer_not_found', `No customer ${documentId}`);
          }
          if (input.code !== undefined && input.code !== existing.code) {
            await assertCodeIsFree(strapi, input.code);
          }
          return strapi
            .documents(UID)
            .update({ documentId, data: input as never, populate: POPULATE });
        }),
      () => duplicateCode(input.code ?? ''),
    );
  },
}));

async function assertCodeIsFree(strapi: Core.Strapi, code: string): Promise<void> {
  const clash = await strapi.db.query(UID).findOne({ where: { code }, select: ['id'] });
  if (clash) {
    throw duplicateCode(code);
  }
}

function duplicateCode(code: string): DomainError {
  return invalidField(['data', 'code'], `a customer with code ${code} already exists`);
}
