import { DomainError, type DomainErrorKind, type ErrorDetails } from '../../platform/errors';

/** Why the ledger refused something; the kind decides the HTTP status (platform/errors). */
export type LedgerErrorCode =
  | 'invalid_journal_line'
  | 'empty_journal_entry'
  | 'unbalanced_journal_entry'
  | 'unknown_account'
  | 'invalid_account_codes'
  | 'account_code_in_use'
  | 'entry_key_reused'
  | 'payment_key_reused'
  | 'concurrent_posting'
  | 'ledger_append_only'
  | 'account_field_fixed';

export class LedgerError extends DomainError {
  declare readonly code: LedgerErrorCode;

  constructor(
    kind: DomainErrorKind,
    code: LedgerErrorCode,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(kind, code, message, details);
    this.name = 'LedgerError';
  }
}
