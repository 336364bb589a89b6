import { customerValue, receivables } from './customers';
import { profitAndLoss, trialBalance } from './financial';
import { reconciliation } from './reconciliation';
import type { ReportDefinition } from './report';
import { sales, stock } from './stock';

/** Every report, by the name in its URL. */
export const REPORTS: Readonly<Record<string, ReportDefinition<unknown>>> = {
  'trial-balance': trialBalance,
  'profit-and-loss': profitAndLoss,
  receivables,
  'customer-value': customerValue,
  stock,
  sales,
  reconciliation,
};

export const REPORT_NAMES = Object.keys(REPORTS);
