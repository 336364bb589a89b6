import { factories } from '@strapi/strapi';
import { presentList, presentOne } from '../../../platform/controllers';
import { CREDIT_NOTE_POPULATE, presentCreditNote } from '../services/credit-note';

/** Credit notes are read here; returns issue them (REST `POST /api/orders/:id/returns`, or the panel). */
export default factories.createCoreController('api::order.credit-note', () => ({
  async find(ctx) {
    ctx.query = { populate: CREDIT_NOTE_POPULATE, ...ctx.query };
    return presentList(await super.find(ctx), presentCreditNote);
  },

  async findOne(ctx) {
    ctx.query = { populate: CREDIT_NOTE_POPULATE, ...ctx.query };
    return presentOne(ctx, await super.findOne(ctx), presentCreditNote, 'credit note');
  },
}));
