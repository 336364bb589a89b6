import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { readDocumentId } from '../../../platform/controllers';
import { parseInput } from '../../../platform/validation';
import { noQuerySchema, paymentQuerySchema } from '../ledger.schemas';
import { PAYMENT_UID } from '../ledger.uids';

/** Payments, refunds and supplier payments: `?kind=…&orderDocumentId=…&from=…&to=…`. */
export default factories.createCoreController(PAYMENT_UID, ({ strapi }) => ({
  async find(ctx) {
    const { pagination, ...filter } = parseInput(paymentQuerySchema, ctx.query, []);
    return strapi.service(PAYMENT_UID).findPayments(filter, pagination);
  },

  async findOne(ctx) {
    const documentId = readDocumentId(ctx);
    parseInput(noQuerySchema, ctx.query, []);
    const payment = await strapi.service(PAYMENT_UID).findPayment(documentId);
    if (!payment) {
      throw new errors.NotFoundError(`No payment ${documentId}`);
    }
    return { data: payment };
  },
}));
