/** The plugin's content types. */
export const OUTBOX_UID = 'plugin::accounting-sync.outbox-entry';
export const ID_MAP_UID = 'plugin::accounting-sync.id-map-entry';
export const CONNECTION_UID = 'plugin::accounting-sync.connection';

/** The core's content types the connector reads at send time (never imported, only queried). */
export const CUSTOMER_UID = 'api::customer.customer';
export const ASSET_UID = 'api::asset.asset';
export const ORDER_UID = 'api::order.order';
export const PAYMENT_UID = 'api::ledger.payment';
export const CREDIT_NOTE_UID = 'api::order.credit-note';

export const PLUGIN_NAME = 'accounting-sync';
