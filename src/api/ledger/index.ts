import type { Core } from '@strapi/strapi';
import { ledgerChart, seedChartOfAccounts } from './chart-of-accounts';
import { lockLedgerInAdmin } from './ledger.admin';
import { registerLedgerDocumentMiddleware } from './ledger.document-middleware';

/**
 * The ledger capability: chart of accounts, journal entries, payments and refunds. Other
 * capabilities write to it only through `postJournalEntry` and `recordPayment` (or their batch
 * forms), and read it only through the queries below.
 */

export { postJournalEntries, postJournalEntry } from './post-journal-entry';
export { recordPayment, recordPayments } from './record-payment';
export {
  accountBalance,
  findJournalEntries,
  findJournalEntry,
  findPayment,
  findPayments,
  listAccounts,
  receivableBalance,
  sumPaymentsByReference,
  sumPaymentsForOrder,
  sumPaymentsForOrders,
  type JournalEntryFilter,
  type Page,
  type PageRequest,
  type PaymentFilter,
  type PaymentSums,
} from './ledger.queries';
export { ledgerChart, resolveAccountCode } from './chart-of-accounts';
export { ACCOUNT_ROLES, type AccountDefinition, type AccountRole } from './domain/chart';
export { SOURCE_TYPES, type SourceType } from './domain/journal';
export {
  PAYMENT_KINDS,
  PAYMENT_METHODS,
  type PaymentKind,
  type PaymentMethod,
} from './domain/payments';
export { LedgerError, type LedgerErrorCode } from './ledger.errors';
export { journalEntryQuerySchema } from './ledger.schemas';
export type { PostJournalEntryInput, RecordPaymentInput } from './ledger.schemas';
export type { AccountView, JournalEntryView, JournalLineView, PaymentView } from './ledger.views';

/** Checks the chart's configuration and guards the ledger's types; runs in `register`. */
export function registerLedger(strapi: Core.Strapi): void {
  ledgerChart();
  registerLedgerDocumentMiddleware(strapi);
}

/** Seeds the chart of accounts and locks the ledger's types in the admin; runs in `bootstrap`. */
export async function bootstrapLedger(strapi: Core.Strapi): Promise<void> {
  await seedChartOfAccounts(strapi);
  await lockLedgerInAdmin(strapi);
}
