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
import {
  LINE_SERVER_FIELDS,
  ORDER_SERVER_FIELDS,
  orderCreateSchema,
  orderUpdateSchema,
} from '../order.schemas';
import { presentOrder } from '../services/order';

const UID = 'api::order.order';
const OWNER = 'the server';

/** Refuses server-set fields at the order's top level and in each line. */
function refuseServerFields(data: unknown): void {
  refuseReadOnlyFields(data, ORDER_SERVER_FIELDS, OWNER);
  const lines = (data as { lines?: unknown })?.lines;
  if (Array.isArray(lines)) {
    lines.forEach((line, index) =>
      refuseReadOnlyFields(line, LINE_SERVER_FIELDS, OWNER, ['data', 'lines', index]),
    );
  }
}

export default factories.createCoreController(UID, ({ strapi }) => ({
  async find(ctx) {
    return presentList(await super.find(ctx), presentOrder);
  },

  async findOne(ctx) {
    return presentOne(ctx, await super.findOne(ctx), presentOrder, 'order');
  },

  async create(ctx) {
    const data = readBodyData(ctx);
    refuseServerFields(data);
    const input = parseInput(orderCreateSchema(loadConfig().BASE_CURRENCY), data);
    const order = await strapi.service(UID).createDraftOrder(input);
    ctx.status = 201;
    return respond(this, ctx, order, presentOrder);
  },

  async update(ctx) {
    const documentId = readDocumentId(ctx);
    const data = readBodyData(ctx);
    refuseServerFields(data);
    const input = parseInput(orderUpdateSchema(loadConfig().BASE_CURRENCY), data);
    const order = await strapi.service(UID).updateOrder(documentId, input);
    return respond(this, ctx, order, presentOrder);
  },
}));
