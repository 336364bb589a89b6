import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::asset.asset', {
  only: ['find', 'findOne', 'create', 'update'],
});
