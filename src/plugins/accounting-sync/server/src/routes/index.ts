/**
 * Admin routes, mounted at `/accounting-sync/...` and reachable only with an admin session:
 * reading needs `plugin::accounting-sync.read`, changing settings or retrying needs
 * `plugin::accounting-sync.settings`.
 */
const READ = 'plugin::accounting-sync.read';
const CHANGE = 'plugin::accounting-sync.settings';

const guarded = (action: string) => ({
  policies: [{ name: 'admin::hasPermissions', config: { actions: [action] } }],
});

export const routes = {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/settings', handler: 'sync.getSettings', config: guarded(READ) },
      { method: 'PUT', path: '/settings', handler: 'sync.putSettings', config: guarded(CHANGE) },
      { method: 'GET', path: '/status', handler: 'sync.status', config: guarded(READ) },
      { method: 'GET', path: '/entries', handler: 'sync.entries', config: guarded(READ) },
      {
        method: 'GET',
        path: '/records/:kind/:localKey',
        handler: 'sync.record',
        config: guarded(READ),
      },
      {
        method: 'POST',
        path: '/entries/:id/retry',
        handler: 'sync.retry',
        config: guarded(CHANGE),
      },
      {
        method: 'POST',
        path: '/mirror-existing',
        handler: 'sync.mirrorExisting',
        config: guarded(CHANGE),
      },
    ],
  },
};
