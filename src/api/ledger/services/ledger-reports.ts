import type { Core } from '@strapi/strapi';
import { loadConfig } from '../../../platform/config';
import type { DateRange } from '../../../platform/report-sql';
import {
  accountTotal,
  creditNotePostingsQuery,
  monthlyResults,
  netCustomerPayments,
  orderCostPostingsQuery,
  orderInvoicePostingsQuery,
  receivablesByCustomer,
  resultsByCustomer,
  trialBalance,
  unbalancedEntries,
  type AgingBoundaries,
} from '../ledger.reports';

/** The ledger's read-only report queries, for the reports plugin. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The currency of every amount the ledger holds. */
  baseCurrency: () => loadConfig().BASE_CURRENCY,
  trialBalance: (range: DateRange) => trialBalance(strapi, range),
  monthlyResults: (range: DateRange) => monthlyResults(strapi, range),
  receivablesByCustomer: (asOf: string, boundaries: AgingBoundaries) =>
    receivablesByCustomer(strapi, asOf, boundaries),
  resultsByCustomer: (range: DateRange, asOf: string) => resultsByCustomer(strapi, range, asOf),
  accountTotal: (role: 'receivable' | 'inventory') => accountTotal(strapi, role),
  unbalancedEntries: (limit: number) => unbalancedEntries(strapi, limit),
  netCustomerPayments: () => netCustomerPayments(strapi),
  orderInvoicePostingsQuery: () => orderInvoicePostingsQuery(strapi),
  orderCostPostingsQuery: () => orderCostPostingsQuery(strapi),
  creditNotePostingsQuery: () => creditNotePostingsQuery(strapi),
});
