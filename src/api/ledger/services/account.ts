import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { seedChartOfAccounts } from '../chart-of-accounts';
import { findAccount, listAccounts } from '../ledger.queries';
import { ACCOUNT_UID } from '../ledger.uids';

/** The chart of accounts: read-only, seeded at boot (seeding again changes nothing). */
export default factories.createCoreService(ACCOUNT_UID, ({ strapi }: { strapi: Core.Strapi }) => ({
  listAccounts: () => listAccounts(strapi),
  findAccount: (documentId: string) => findAccount(strapi, documentId),
  seedChartOfAccounts: () => seedChartOfAccounts(strapi),
}));
