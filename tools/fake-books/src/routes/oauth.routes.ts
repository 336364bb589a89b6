import { bodyParser, formOrQuery } from '../http/body';
import type { FakeBooksRouter } from '../http/state';
import type { OAuthService } from '../oauth';

/**
 * Zoho Accounts' token endpoint. Parameters come as query string or form fields.
 * NOTE: failures are HTTP 200 with `{ error }`, as Zoho answers them.
 */
export function registerOAuthRoutes(router: FakeBooksRouter, oauth: OAuthService): void {
  router.post('/oauth/v2/token', bodyParser(), (ctx) => {
    ctx.status = 200;
    ctx.body = oauth.refresh(
      {
        grant_type: formOrQuery(ctx, 'grant_type'),
        client_id: formOrQuery(ctx, 'client_id'),
        client_secret: formOrQuery(ctx, 'client_secret'),
        refresh_token: formOrQuery(ctx, 'refresh_token'),
      },
      ctx.origin,
    );
  });

  router.post('/oauth/v2/token/revoke', bodyParser(), (ctx) => {
    const token = formOrQuery(ctx, 'token');
    if (token && oauth.isRefreshTokenValid(token)) {
      oauth.revokeRefreshToken(token);
    }
    ctx.status = 200;
    ctx.body = { status: 'success' };
  });
}
