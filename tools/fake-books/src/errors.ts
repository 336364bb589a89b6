/**
 * The errors the fake answers with, in one table: HTTP status, Zoho `code` and message.
 *
 * Codes marked "documented" appear in Zoho's public API docs (errors page, resource pages) or in
 * answers the real service is known to give; the others are our best guess at a plausible code and
 * are listed in the README so the connector matches on HTTP status and on the documented codes only.
 */

export type ZohoErrorKind =
  | 'unauthorized'
  | 'invalidOrganization'
  | 'urlNotFound'
  | 'methodNotAllowed'
  | 'malformedJson'
  | 'invalidValue'
  | 'documentNotFound'
  | 'referenceNotFound'
  | 'customerInvalid'
  | 'alreadyExists'
  | 'creditNoteNumberExists'
  | 'amountExceedsBalance'
  | 'appliedExceedsPayment'
  | 'paymentOnVoidInvoice'
  | 'customerMismatch'
  | 'voidDocumentLocked'
  | 'hasDependents'
  | 'customerLocked'
  | 'totalBelowPayments'
  | 'refundExceedsAvailable'
  | 'rateLimited'
  | 'dailyLimitReached'
  | 'internalError';

interface ErrorSpec {
  readonly httpStatus: number;
  readonly code: number;
}

const ERROR_TABLE: Readonly<Record<ZohoErrorKind, ErrorSpec>> = {
  unauthorized: { httpStatus: 401, code: 57 }, // documented (answer to a bad/expired token)
  invalidOrganization: { httpStatus: 400, code: 2 }, // best guess
  urlNotFound: { httpStatus: 404, code: 5 }, // documented ("Invalid URL Passed")
  methodNotAllowed: { httpStatus: 405, code: 37 }, // best guess
  malformedJson: { httpStatus: 400, code: 1038 }, // documented ("JSON is not well formed")
  invalidValue: { httpStatus: 400, code: 4 }, // best guess
  documentNotFound: { httpStatus: 404, code: 1002 }, // documented ("Invoice does not exist.")
  referenceNotFound: { httpStatus: 400, code: 1002 }, // documented code; 400 as it is the body's fault
  customerInvalid: { httpStatus: 400, code: 3004 }, // documented (payments)
  alreadyExists: { httpStatus: 400, code: 1001 }, // documented ("Invoice Number already exist")
  creditNoteNumberExists: { httpStatus: 400, code: 12018 }, // documented
  amountExceedsBalance: { httpStatus: 400, code: 24016 }, // documented
  appliedExceedsPayment: { httpStatus: 400, code: 24017 }, // best guess
  paymentOnVoidInvoice: { httpStatus: 400, code: 24018 }, // best guess
  customerMismatch: { httpStatus: 400, code: 24019 }, // best guess
  voidDocumentLocked: { httpStatus: 400, code: 1040 }, // best guess
  hasDependents: { httpStatus: 400, code: 4001 }, // documented for delete; reused for void
  customerLocked: { httpStatus: 400, code: 3010 }, // documented (Zoho Invoice)
  totalBelowPayments: { httpStatus: 400, code: 4002 }, // best guess
  refundExceedsAvailable: { httpStatus: 400, code: 24020 }, // best guess
  rateLimited: { httpStatus: 429, code: 44 }, // best guess; status documented
  dailyLimitReached: { httpStatus: 429, code: 45 }, // best guess; status documented
  internalError: { httpStatus: 500, code: 1000 }, // documented ("Internal error")
};

/** An error answered to the client in Zoho's envelope `{ code, message }`. */
export class ZohoApiError extends Error {
  readonly httpStatus: number;
  readonly code: number;

  constructor(
    readonly kind: ZohoErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ZohoApiError';
    this.httpStatus = ERROR_TABLE[kind].httpStatus;
    this.code = ERROR_TABLE[kind].code;
  }

  toBody(): { code: number; message: string } {
    return { code: this.code, message: this.message };
  }
}

export const UNAUTHORIZED_MESSAGE = 'You are not authorized to perform this operation';
export const RATE_LIMIT_MESSAGE =
  'You have made too many requests continuously. Please try again after some time.';
export const DAILY_LIMIT_MESSAGE =
  'You have reached the maximum number of API calls allowed for a day. Please try again tomorrow.';

export const unauthorized = (): ZohoApiError =>
  new ZohoApiError('unauthorized', UNAUTHORIZED_MESSAGE);

export const invalidValue = (field: string): ZohoApiError =>
  new ZohoApiError('invalidValue', `Invalid value passed for ${field}`);

export const rateLimited = (): ZohoApiError => new ZohoApiError('rateLimited', RATE_LIMIT_MESSAGE);

export const dailyLimitReached = (): ZohoApiError =>
  new ZohoApiError('dailyLimitReached', DAILY_LIMIT_MESSAGE);

export const internalError = (): ZohoApiError =>
  new ZohoApiError('internalError', 'Internal error');

/** "Invoice does not exist." — the label is the resource's display name. */
export const documentNotFound = (label: string): ZohoApiError =>
  new ZohoApiError('documentNotFound', `${label} does not exist.`);

export const referenceNotFound = (label: string, id: string): ZohoApiError =>
  new ZohoApiError('referenceNotFound', `${label} ${id} does not exist.`);
