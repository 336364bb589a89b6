import { factories } from '@strapi/strapi';
import { loadConfig } from '../../../platform/config';
import { parseInput, refuseReadOnlyFields } from '../../../platform/validation';
import {
  presentList,
  presentOne,
  readBodyData,
  readDocumentId,
  respond,
} from '../../../platform/controllers';
import { STOCK_FIELDS, assetCreateSchema, assetUpdateSchema } from '../asset.schemas';
import { presentAsset } from '../services/asset';

const UID = 'api::asset.asset';
const STOCK_OWNER = 'the inventory service';

export default factories.createCoreController(UID, ({ strapi }) => ({
  async find(ctx) {
    return presentList(await super.find(ctx), presentAsset);
  },

  async findOne(ctx) {
    return presentOne(ctx, await super.findOne(ctx), presentAsset, 'asset');
  },

  async create(ctx) {
    const data = readBodyData(ctx);
    refuseReadOnlyFields(data, STOCK_FIELDS, STOCK_OWNER);
    const input = parseInput(assetCreateSchema(loadConfig().BASE_CURRENCY), data);
    const asset = await strapi.service(UID).createAsset(input);
    ctx.status = 201;
    return respond(this, ctx, asset, presentAsset);
  },

  async update(ctx) {
    const documentId = readDocumentId(ctx);
    const data = readBodyData(ctx);
    refuseReadOnlyFields(data, STOCK_FIELDS, STOCK_OWNER);
    const input = parseInput(assetUpdateSchema(loadConfig().BASE_CURRENCY), data);
    const asset = await strapi.service(UID).updateAsset(documentId, input);
    return respond(this, ctx, asset, presentAsset);
  },
}));
