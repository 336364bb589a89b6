export const PLUGIN_ID = 'accounting-sync';

/** May see the connector's health, backlog and settings (never its secrets). */
export const READ_PERMISSIONS = [{ action: 'plugin::accounting-sync.read', subject: null }];

/**
 * May change settings and credentials, retry dead letters and mirror existing records.
 * NOTE: `useRBAC` names an allowed action after the action's last segment: `canSettings`.
 */
export const SETTINGS_PERMISSIONS = [{ action: 'plugin::accounting-sync.settings', subject: null }];
