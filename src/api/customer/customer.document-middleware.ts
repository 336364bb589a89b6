import type { Core } from '@strapi/strapi';
import { DomainError } from '../../platform/errors';
import { applyBaseCurrency, useOnDelete, useOnWrite } from '../../platform/document-middleware';
import { emitDomainEvent } from '../../platform/domain-events';

const UID = 'api::customer.customer';

/**
 * Customers in another currency are refused until multi-currency accounting exists, and a
 * customer with orders cannot be deleted (its orders and ledger entries refer to it).
 */
export function registerCustomerDocumentMiddleware(strapi: Core.Strapi): void {
  useOnWrite(strapi, UID, async (ctx) => {
    applyBaseCurrency(ctx.params.data, ctx.action);
    return async (saved) => {
      const customerDocumentId = (saved as { documentId: string }).documentId;
      await emitDomainEvent(strapi, 'middlepath.customer.saved', { customerDocumentId });
      return saved;
    };
  });
  useOnDelete(strapi, UID, async (documentId) => {
    const orders = await strapi.db
      .query('api::order.order')
      .count({ where: { customer: { documentId } } });
    if (orders > 0) {
      throw new DomainError(
        'conflict',
        'customer_has_orders',
        `Customer ${documentId} has ${orders} orders and cannot be deleted; set it inactive instead`,
        { orders },
      );
    }
  });
}
