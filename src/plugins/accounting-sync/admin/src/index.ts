import { ArrowClockwise } from '@strapi/icons';
import { SyncStatusPanel } from './components/SyncStatusPanel';
import { PLUGIN_ID, READ_PERMISSIONS } from './constants';

interface AdminApp {
  addMenuLink(link: object): void;
  addSettingsLink(section: string, link: object): void;
  registerPlugin(plugin: object): void;
  getPlugin(id: string): { apis: { addEditViewSidePanel?(panels: unknown[]): void } };
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

  bootstrap(app: AdminApp) {
    // Each mirrored record shows its sync status beside its edit form.
    app.getPlugin('content-manager').apis.addEditViewSidePanel?.([SyncStatusPanel]);
  },
};
