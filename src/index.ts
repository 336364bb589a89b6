import type { Core } from '@strapi/strapi';
import { registerAssetDocumentMiddleware } from './api/asset/asset.document-middleware';
import { registerInventory } from './api/asset/inventory';
import { registerCustomerDocumentMiddleware } from './api/customer/customer.document-middleware';
import { bootstrapLedger, registerLedger } from './api/ledger';
import { registerCreditNoteDocumentMiddleware } from './api/order/credit-note.document-middleware';
import { registerOrderDocumentMiddleware } from './api/order/order.document-middleware';
import { labelFieldsInAdmin, lockServiceFieldsInAdmin } from './bootstrap/admin-fields';
import { seedRoles } from './bootstrap/roles';
import { scheduleIdempotencyCleanup } from './platform/idempotency';
import { seedSequences } from './platform/sequences';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerCustomerDocumentMiddleware(strapi);
    registerAssetDocumentMiddleware(strapi);
    registerInventory(strapi);
    registerOrderDocumentMiddleware(strapi);
    registerCreditNoteDocumentMiddleware(strapi);
    registerLedger(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await seedSequences(strapi);
    await seedRoles(strapi);
    await lockServiceFieldsInAdmin(strapi);
    await labelFieldsInAdmin(strapi);
    await bootstrapLedger(strapi);
    scheduleIdempotencyCleanup(strapi);
  },
};
