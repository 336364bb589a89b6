import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { readDocumentId } from '../../../platform/controllers';
import { parseInput } from '../../../platform/validation';
import { journalEntryQuerySchema, noQuerySchema } from '../ledger.schemas';
import { ENTRY_UID } from '../ledger.uids';

/** Journal entries with their lines: `?account=1100&from=…&to=…&sourceType=…&sourceId=…`. */
export default factories.createCoreController(ENTRY_UID, ({ strapi }) => ({
  async find(ctx) {
    const { pagination, ...filter } = parseInput(journalEntryQuerySchema, ctx.query, []);
    return strapi.service(ENTRY_UID).findJournalEntries(filter, pagination);
  },

  async findOne(ctx) {
    const documentId = readDocumentId(ctx);
    parseInput(noQuerySchema, ctx.query, []);
    const entry = await strapi.service(ENTRY_UID).findJournalEntry(documentId);
    if (!entry) {
      throw new errors.NotFoundError(`No journal entry ${documentId}`);
    }
    return { data: entry };
  },
}));
