import type { Middleware } from 'koa';
import type { Clock } from '../clock';
import type { ResolvedConfig } from '../config';
import { ZohoApiError, unauthorized } from '../errors';
import { firstValue } from '../listing';
import type { OAuthService } from '../oauth';
import type { RateLimiter } from '../rate-limit';
import type { Store } from '../store';
import type { FakeBooksState } from './state';

export const API_PREFIX = '/books/v3';

/** Paths under the API prefix that do not name an organization. */
const ORGANIZATION_FREE_PATHS = new Set([`${API_PREFIX}/organizations`]);

const TOKEN_PATTERN = /^Zoho-oauthtoken\s+(\S+)$/i;

export interface ApiGuardDeps {
  readonly config: ResolvedConfig;
  readonly clock: Clock;
  readonly store: Store;
  readonly oauth: OAuthService;
  readonly rateLimiter: RateLimiter;
}

/**
 * Checks, in Zoho's order, the access token (401), the organization (400) and the limits (429),
 * then hands the organization's books to the handlers.
 * NOTE: daily usage goes out in Zoho's X-Rate-Limit-* headers; there is deliberately no
 * Retry-After, because Zoho sends none and the connector must not rely on one.
 */
export function apiGuard(deps: ApiGuardDeps): Middleware<FakeBooksState> {
  return async (ctx, next) => {
    if (!ctx.path.startsWith(API_PREFIX)) {
      await next();
      return;
    }
    const token = TOKEN_PATTERN.exec(ctx.get('Authorization'))?.[1];
    if (!token || !deps.oauth.isAccessTokenValid(token)) {
      throw unauthorized();
    }
    if (ORGANIZATION_FREE_PATHS.has(ctx.path)) {
      await next();
      return;
    }
    const organizationId = firstValue(ctx.query, 'organization_id') ?? '';
    const books = deps.store.books(organizationId);
    if (!books) {
      throw new ZohoApiError('invalidOrganization', 'Invalid value passed for organization_id');
    }
    const limitError = deps.rateLimiter.take(organizationId);
    const usage = deps.rateLimiter.dailyUsage(organizationId);
    ctx.set('X-Rate-Limit-Limit', String(usage.limit));
    ctx.set('X-Rate-Limit-Remaining', String(usage.remaining));
    ctx.set('X-Rate-Limit-Reset', String(usage.resetInSeconds));
    if (limitError) {
      throw limitError;
    }
    ctx.state.books = {
      books,
      ids: deps.store.ids,
      now: deps.clock.now(),
      rounding: deps.config.rounding,
      pricePrecision: deps.config.pricePrecision,
    };
    await next();
  };
}
