import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::customer.customer', {
  only: ['find', 'findOne', 'create', 'update'],
});
