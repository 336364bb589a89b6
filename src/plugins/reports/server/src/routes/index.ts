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
        // NOTE: the admin session is checked by Strapi before policies (401 without one).
        config: { policies: ['plugin::reports.can-read-reports'] },
      },
    ],
  },
};
