/**
 * What went wrong on one call to an accounting API, in provider-neutral terms. The provider
 * clients turn every failure (an HTTP answer, a refused token refresh, a broken connection) into
 * this, and `classifyFailure` decides what the worker does with it.
 */
export interface ProviderFailureFacts {
  /** The call that failed, for logs: "POST /invoices" (never a query string or a body). */
  readonly operation: string;
  /** Whether the call would create or change something remotely (not a read or a look-up). */
  readonly isWrite: boolean;
  /** HTTP status, when an answer came. */
  readonly httpStatus?: number;
  /** The provider's own error code (Zoho's `code`), when the answer had one. */
  readonly providerCode?: number;
  /** The provider's message, safe to show (it names fields, never our credentials). */
  readonly message: string;
  /** Node's network error code (ECONNRESET, ECONNREFUSED, ETIMEDOUT…) when no answer came. */
  readonly networkCode?: string;
  /** The token endpoint's `error` (Zoho answers these with HTTP 200). */
  readonly oauthError?: string;
  /** Zoho's X-Rate-Limit-Remaining: the requests left today, when the answer carried it. */
  readonly dailyRemaining?: number;
  /** Zoho's X-Rate-Limit-Reset: seconds until the daily counter starts again. */
  readonly dailyResetSeconds?: number;
}

export class ProviderFailure extends Error {
  constructor(readonly facts: ProviderFailureFacts) {
    super(`${facts.operation} failed: ${facts.message}`);
    this.name = 'ProviderFailure';
  }
}

export function isProviderFailure(error: unknown): error is ProviderFailure {
  return error instanceof ProviderFailure;
}
