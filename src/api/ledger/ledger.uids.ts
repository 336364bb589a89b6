/** The ledger's content types. */
export const ACCOUNT_UID = 'api::ledger.account';
export const ENTRY_UID = 'api::ledger.journal-entry';
export const LINE_UID = 'api::ledger.journal-line';
export const PAYMENT_UID = 'api::ledger.payment';

export const LEDGER_UIDS: readonly string[] = [ACCOUNT_UID, ENTRY_UID, LINE_UID, PAYMENT_UID];
