import type { Core } from '@strapi/strapi';
import { PLUGIN_NAME } from '../uids';

// TODO(#7): the worker; this placeholder keeps the plugin's life cycle in one place.
let timer: NodeJS.Timeout | undefined;

/** The connector's service: the worker's life cycle and one drain step, for tests and cron. */
export const syncService = ({ strapi }: { strapi: Core.Strapi }) => ({
  startPolling(): void {
    const interval = strapi.plugin(PLUGIN_NAME).config<number>('pollIntervalMs');
    if (!interval || timer) {
      return;
    }
    timer = setInterval(() => undefined, interval);
    timer.unref();
  },

  async stopPolling(): Promise<void> {
    if (timer) {
      clearInterval(timer);
      timer = undefined;
    }
  },
});
