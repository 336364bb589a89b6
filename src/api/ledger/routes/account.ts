import { factories } from '@strapi/strapi';

/** Read-only: the ledger is written only by its services. */
export default factories.createCoreRouter('api::ledger.account', {
  only: ['find', 'findOne'],
});
