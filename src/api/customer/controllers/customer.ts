import { factories } from '@strapi/strapi';
import { loadConfig } from '../../../platform/config';
import { parseInput } from '../../../platform/validation';
import {
  presentList,
  presentOne,
  readBodyData,
  readDocumentId,
  respond,
} from '../../../platform/controllers';
import { customerCreateSchema, customerUpdateSchema } from '../customer.schemas';
import { presentCustomer } from '../services/customer';

const UID = 'api::customer.customer';

export default factories.createCoreController(UID, ({ strapi }) => ({
  async find(ctx) {
    return presentList(await super.find(ctx), presentCustomer);
  },

  async findOne(ctx) {
    return presentOne(ctx, await super.findOne(ctx), presentCustomer, 'customer');
  },

  async create(ctx) {
    const input = parseInput(customerCreateSchema(loadConfig().BASE_CURRENCY), readBodyData(ctx));
    const customer = await strapi.service(UID).createCustomer(input);
    ctx.status = 201;
    return respond(this, ctx, customer, presentCustomer);
  },

  async update(ctx) {
    const documentId = readDocumentId(ctx);
    const input = parseInput(customerUpdateSchema(loadConfig().BASE_CURRENCY), readBodyData(ctx));
    const customer = await strapi.service(UID).updateCustomer(documentId, input);
    return respond(this, ctx, customer, presentCustomer);
  },
}));
