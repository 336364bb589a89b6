import { factories } from '@strapi/strapi';

/** Read-only: credit notes are issued by the order's return action. */
export default factories.createCoreRouter('api::order.credit-note', {
  only: ['find', 'findOne'],
});
