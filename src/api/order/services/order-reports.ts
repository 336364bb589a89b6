import type { Core } from '@strapi/strapi';
import type { DateRange } from '../../../platform/report-sql';
import {
  creditNoteTotalsQuery,
  customerOrderStats,
  invoicedLessCredited,
  lineSales,
  orderTotalsQuery,
} from '../order.reports';

/** The order capability's read-only report queries, for the reports plugin. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  customerOrderStats: () => customerOrderStats(strapi),
  lineSales: (by: 'asset' | 'customer', range: DateRange) => lineSales(strapi, by, range),
  orderTotalsQuery: () => orderTotalsQuery(strapi),
  creditNoteTotalsQuery: () => creditNoteTotalsQuery(strapi),
  invoicedLessCredited: () => invoicedLessCredited(strapi),
});
