import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { readDocumentId } from '../../../platform/controllers';
import { parseInput } from '../../../platform/validation';
import { noQuerySchema } from '../ledger.schemas';
import { ACCOUNT_UID } from '../ledger.uids';

/** The chart of accounts, by code. */
export default factories.createCoreController(ACCOUNT_UID, ({ strapi }) => ({
  async find(ctx) {
    parseInput(noQuerySchema, ctx.query, []);
    return { data: await strapi.service(ACCOUNT_UID).listAccounts(), meta: {} };
  },

  async findOne(ctx) {
    const documentId = readDocumentId(ctx);
    parseInput(noQuerySchema, ctx.query, []);
    const account = await strapi.service(ACCOUNT_UID).findAccount(documentId);
    if (!account) {
      throw new errors.NotFoundError(`No account ${documentId}`);
    }
    return { data: account };
  },
}));
