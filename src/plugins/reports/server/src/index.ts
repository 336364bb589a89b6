import type { Core } from '@strapi/strapi';
import { seedAccountantRoles } from './bootstrap/accountant';
import { reportController } from './controllers/report';
import { canReadReports } from './policies/can-read-reports';
import { routes } from './routes';

/** The reports plugin: read models over the ledger and inventory, for REST and the admin. */
export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerPermissions(strapi);
    await seedAccountantRoles(strapi);
  },

  routes,
  controllers: { report: reportController },
  services: {},
  contentTypes: {},
  policies: { 'can-read-reports': canReadReports },
  middlewares: {},
  config: { default: {}, validator() {} },
};

/** `plugin::reports.read` (READ_REPORTS_ACTION) guards the admin routes and the Reports page. */
async function registerPermissions(strapi: Core.Strapi): Promise<void> {
  const permissions = strapi.service('admin::permission') as unknown as {
    actionProvider: { registerMany(actions: object[]): Promise<void> };
  };
  await permissions.actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read reports', uid: 'read', pluginName: 'reports' },
  ]);
}
