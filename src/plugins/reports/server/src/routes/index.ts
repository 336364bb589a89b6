import { READ_REPORTS_ACTION } from '../bootstrap/accountant';

/**
 * One route per audience: content-API routes (`/api/reports/:report`) for users-permissions
 * roles and API tokens, admin routes (`/reports/:report`) for the admin pages.
 */
export const routes = {
  'content-api': {
    type: 'content-api',
    routes: [{ method: 'GET', path: '/:report', handler: 'report.find', config: {} }],
  },
  admin: {
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: '/:report',
        handler: 'report.find',
        config: {
          policies: [{ name: 'admin::hasPermissions', config: { actions: [READ_REPORTS_ACTION] } }],
        },
      },
    ],
  },
};
