import { ArrowClockwise } from '@strapi/icons';
import { PLUGIN_ID, READ_PERMISSIONS } from './constants';

interface AdminApp {
  addMenuLink(link: object): void;
  addSettingsLink(section: string, link: object): void;
  registerPlugin(plugin: object): void;
}

export default {
  register(app: AdminApp) {
    // NOTE: both links carry the read permission, so only admins who may see the connector do.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: ArrowClockwise,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Accounting sync' },
      Component: () => import('./pages/SyncStatusPage'),
      permissions: READ_PERMISSIONS,
    });
    app.addSettingsLink('global', {
      id: PLUGIN_ID,
      to: PLUGIN_ID,
      intlLabel: { id: `${PLUGIN_ID}.settings.name`, defaultMessage: 'Accounting sync' },
      Component: () => import('./pages/SettingsPage'),
      permissions: READ_PERMISSIONS,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Accounting sync' });
  },
};
