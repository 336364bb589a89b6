import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::order.order', {
  only: ['find', 'findOne', 'create', 'update'],
});
