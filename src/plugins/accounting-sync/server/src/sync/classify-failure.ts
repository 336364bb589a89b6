import type { ProviderFailureFacts } from '../providers/provider-failure';

/**
 * What the worker does about a failed call:
 * - `throttled`: the whole connection pauses (until the next window, or until the daily cap
 *   resets); the row is not at fault and keeps its attempt count.
 * - `transient`: the row is retried with capped exponential backoff; when `isOutcomeUnknown`,
 *   the remote document may exist and must be looked up before a create is sent again.
 * - `auth`: the access token is refreshed once (`token-expired`), or the connection pauses until
 *   an administrator acts (`credentials-rejected`, `organization-rejected`, `endpoint-rejected`).
 * - `invalid`: retrying cannot help; the row is dead-lettered with the provider's message.
 */
export type FailureClass =
  | {
      readonly kind: 'throttled';
      readonly scope: 'window' | 'daily';
      readonly resetSeconds?: number;
    }
  | { readonly kind: 'transient'; readonly isOutcomeUnknown: boolean }
  | {
      readonly kind: 'auth';
      readonly reason:
        'token-expired' | 'credentials-rejected' | 'organization-rejected' | 'endpoint-rejected';
    }
  | { readonly kind: 'invalid'; readonly providerCode?: number; readonly message: string };

// Zoho codes the classification relies on (documented ones where we can; see the fake's README).
const ZOHO_INVALID_ORGANIZATION = 2; // best guess; HTTP 400
const ZOHO_INVALID_URL = 5; // documented "Invalid URL Passed"; HTTP 404
const ZOHO_DAILY_LIMIT = 45; // best guess; the X-Rate-Limit-Remaining header is the sure sign

/**
 * Network errors where the request certainly never reached the server: safe to resend at once
 * after the backoff, nothing to look up.
 */
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * Sorts one failure into the four classes, in one place (STYLE habit 10). Each branch says why.
 */
export function classifyFailure(facts: ProviderFailureFacts): FailureClass {
  if (facts.oauthError !== undefined) {
    // The token endpoint refused the refresh itself: a revoked or unknown refresh token
    // (`invalid_code`) or a wrong client id or secret. Retrying the same credentials cannot
    // help, and hammering the token endpoint gets an account locked: pause until an
    // administrator enters new credentials.
    return { kind: 'auth', reason: 'credentials-rejected' };
  }
  const status = facts.httpStatus;
  if (status === undefined) {
    // No answer at all. A refused or unresolvable connection never carried the request; any
    // other break (reset, hang-up, timeout) may have come after the server performed it, so a
    // write's outcome is unknown and the remote side must be looked up before resending.
    const isNotSent = NOT_SENT_NETWORK_CODES.has(facts.networkCode ?? '');
    return { kind: 'transient', isOutcomeUnknown: facts.isWrite && !isNotSent };
  }
  if (status === 429) {
    // Zoho sends no Retry-After. Its X-Rate-Limit-* headers count the day: none remaining (or
    // the daily code) means the cap, which only the next day lifts; otherwise it is the
    // per-minute window and the next window will do.
    const isDaily = facts.providerCode === ZOHO_DAILY_LIMIT || facts.dailyRemaining === 0;
    return isDaily
      ? { kind: 'throttled', scope: 'daily', resetSeconds: facts.dailyResetSeconds }
      : { kind: 'throttled', scope: 'window' };
  }
  if (status === 401) {
    // An expired or revoked access token (Zoho code 57): refresh once and try again; if the
    // refresh itself is refused, that failure carries `oauthError` and pauses the connection.
    return { kind: 'auth', reason: 'token-expired' };
  }
  if (status === 400 && facts.providerCode === ZOHO_INVALID_ORGANIZATION) {
    // A wrong organization id fails every call alike: dead-lettering each row would bury the
    // real cause, so the connection pauses and says so.
    return { kind: 'auth', reason: 'organization-rejected' };
  }
  if (status === 404 && facts.providerCode === ZOHO_INVALID_URL) {
    // A wrong API base URL: a setting, not this row's fault; pause like a wrong organization.
    return { kind: 'auth', reason: 'endpoint-rejected' };
  }
  if (status === 403) {
    // The token lacks the scope for this call: the administrator must grant it.
    return { kind: 'auth', reason: 'credentials-rejected' };
  }
  if (status === 408 || status >= 500) {
    // The server or a gateway failed. It may have committed before failing (Zoho does, and the
    // fake's commit-then-error does), so a write's outcome is unknown.
    return { kind: 'transient', isOutcomeUnknown: facts.isWrite };
  }
  // Every other 4xx is the document's fault (a field the provider refuses, a reference it does
  // not know, a number already taken): sending it again unchanged gets the same answer.
  return { kind: 'invalid', providerCode: facts.providerCode, message: facts.message };
}
