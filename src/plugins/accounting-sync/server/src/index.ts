import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import { syncController } from './controllers/sync';
import { routes } from './routes';
import { mirrorReportsService } from './services/mirror-reports';
import { syncService, type SyncService } from './services/sync';
import { ensureConnection } from './sync/connection';
import { subscribeToDomainEvents } from './sync/outbox-writer';
import { PLUGIN_NAME } from './uids';

/** The plugin's configuration, from config/plugins.ts. */
export interface AccountingSyncConfig {
  /** Key material for the sealed credentials (ACCOUNTING_SYNC_SECRET_KEY). */
  secretKey?: string;
  /** How often this instance's worker looks for due rows; 0 runs no worker here. */
  pollIntervalMs: number;
}

const DEFAULT_CONFIG: AccountingSyncConfig = { pollIntervalMs: 5_000 };

/** Per Strapi instance: the tests run two in one process, sharing this module. */
const unsubscribers = new WeakMap<Core.Strapi, (() => void)[]>();

/** The one instance Strapi made of the service (calling the factory again would make another). */
const serviceOf = (strapi: Core.Strapi) =>
  strapi.plugin(PLUGIN_NAME).service('sync') as SyncService;

/** The accounting connector: outbox rows from domain events, and a worker that mirrors them. */
export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerPermissions(strapi);
    await ensureConnection(strapi);
    unsubscribers.set(strapi, subscribeToDomainEvents(strapi));
    serviceOf(strapi).startPolling();
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await serviceOf(strapi).stopPolling();
    unsubscribers.get(strapi)?.forEach((stop) => stop());
    unsubscribers.delete(strapi);
  },

  contentTypes,
  services: { sync: syncService, 'mirror-reports': mirrorReportsService },
  routes,
  controllers: { sync: syncController },
  policies: {},
  middlewares: {},
  config: {
    default: DEFAULT_CONFIG,
    validator(config: Partial<AccountingSyncConfig>) {
      if (config.secretKey !== undefined && config.secretKey.length < 16) {
        throw new Error('accounting-sync: secretKey must be at least 16 characters');
      }
      const interval = config.pollIntervalMs ?? DEFAULT_CONFIG.pollIntervalMs;
      if (!Number.isInteger(interval) || interval < 0) {
        throw new Error('accounting-sync: pollIntervalMs must be a whole number of ms, 0 or more');
      }
    },
  },
};

/**
 * `plugin::accounting-sync.read` lets an administrator see the connector's state and backlog;
 * `settings` lets one change the settings and credentials and retry dead letters.
 */
async function registerPermissions(strapi: Core.Strapi): Promise<void> {
  const permissions = strapi.service('admin::permission') as unknown as {
    actionProvider: { registerMany(actions: object[]): Promise<void> };
  };
  await permissions.actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read sync status', uid: 'read', pluginName: PLUGIN_NAME },
    {
      section: 'plugins',
      displayName: 'Change settings and retry',
      uid: 'settings',
      pluginName: PLUGIN_NAME,
    },
  ]);
}
