import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::asset.stock-movement', {
  only: ['find', 'findOne'],
});
