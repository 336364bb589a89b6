import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import {
  accountBalance,
  findJournalEntries,
  findJournalEntry,
  receivableBalance,
  type JournalEntryFilter,
  type PageRequest,
} from '../ledger.queries';
import type { PostJournalEntryInput } from '../ledger.schemas';
import { ENTRY_UID } from '../ledger.uids';
import { postJournalEntry } from '../post-journal-entry';

/** The journal's use-case and queries, bound to this Strapi (the capability's index exports them too). */
export default factories.createCoreService(ENTRY_UID, ({ strapi }: { strapi: Core.Strapi }) => ({
  postJournalEntry: (input: PostJournalEntryInput) => postJournalEntry(strapi, input),
  findJournalEntries: (filter?: JournalEntryFilter, page?: PageRequest) =>
    findJournalEntries(strapi, filter, page),
  findJournalEntry: (documentId: string) => findJournalEntry(strapi, documentId),
  receivableBalance: (customerDocumentId: string) => receivableBalance(strapi, customerDocumentId),
  accountBalance: (account: string) => accountBalance(strapi, account),
}));
