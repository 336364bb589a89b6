import type { Core } from '@strapi/strapi';
import {
  levelMismatches,
  orderMovementsQuery,
  returnMovementsQuery,
  stockLevels,
  totalStockValue,
} from '../stock.reports';

/** The inventory capability's read-only report queries, for the reports plugin. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  stockLevels: () => stockLevels(strapi),
  totalStockValue: () => totalStockValue(strapi),
  levelMismatches: (limit: number) => levelMismatches(strapi, limit),
  orderMovementsQuery: () => orderMovementsQuery(strapi),
  returnMovementsQuery: () => returnMovementsQuery(strapi),
});
