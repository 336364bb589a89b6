import type { Core } from '@strapi/strapi';
import { customerDirectory } from '../customer.reports';

/** The customer capability's read-only report query, for the reports plugin. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  customerDirectory: () => customerDirectory(strapi),
});
