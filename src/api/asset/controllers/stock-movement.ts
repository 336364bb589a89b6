import { factories } from '@strapi/strapi';
import { presentList, presentOne } from '../../../platform/controllers';
import { presentMovement } from '../inventory/present-movement';

export default factories.createCoreController('api::asset.stock-movement', () => ({
  async find(ctx) {
    return presentList(await super.find(ctx), presentMovement);
  },

  async findOne(ctx) {
    return presentOne(ctx, await super.findOne(ctx), presentMovement, 'stock movement');
  },
}));
