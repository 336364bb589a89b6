import type { Core } from '@strapi/strapi';
import { applyBaseCurrency, useOnWrite } from '../../platform/document-middleware';

/** Customers in another currency are refused until multi-currency accounting exists. */
export function registerCustomerDocumentMiddleware(strapi: Core.Strapi): void {
  useOnWrite(strapi, 'api::customer.customer', async (ctx) => {
    applyBaseCurrency(ctx.params.data, ctx.action);
  });
}
