import { ChartPie } from '@strapi/icons';
import { PLUGIN_ID, READ_PERMISSIONS } from './constants';

interface AdminApp {
  addMenuLink(link: object): void;
  registerPlugin(plugin: object): void;
}

export default {
  register(app: AdminApp) {
    // NOTE: the menu entry carries the permission, so only admins who may read reports see it.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: ChartPie,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Reports' },
      Component: () => import('./pages/ReportsPage'),
      permissions: READ_PERMISSIONS,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Reports' });
  },
};
