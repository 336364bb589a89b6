export const PLUGIN_ID = 'reports';

/** The admin permission that the menu entry, the page and the admin routes require. */
export const READ_PERMISSIONS = [{ action: 'plugin::reports.read', subject: null }];
