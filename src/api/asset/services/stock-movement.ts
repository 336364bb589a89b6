import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::asset.stock-movement');
