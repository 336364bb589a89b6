import Koa from 'koa';
import Router from '@koa/router';
import { AdminService } from './admin';
import { Clock } from './clock';
import type { ResolvedConfig } from './config';
import { ZohoApiError } from './errors';
import { FaultQueue } from './faults';
import { API_PREFIX, apiGuard } from './http/api-guard.middleware';
import { sendError } from './http/envelope';
import { ADMIN_PREFIX, faultsAndLog } from './http/faults.middleware';
import type { FakeBooksState } from './http/state';
import { OAuthService } from './oauth';
import { createStoreSaver, loadStore } from './persistence';
import { RateLimiter } from './rate-limit';
import { RequestLog } from './request-log';
import { registerAdminRoutes } from './routes/admin.routes';
import { registerContactRoutes } from './routes/contacts.routes';
import { registerCreditNoteRoutes } from './routes/creditnotes.routes';
import { registerInvoiceRoutes } from './routes/invoices.routes';
import { registerItemRoutes } from './routes/items.routes';
import { registerOAuthRoutes } from './routes/oauth.routes';
import { registerOrganizationRoutes } from './routes/organizations.routes';
import { registerPaymentRoutes } from './routes/payments.routes';
import { registerTaxRoutes } from './routes/taxes.routes';
import { Store } from './store';

export interface FakeBooksApp {
  readonly app: Koa<FakeBooksState>;
  readonly admin: AdminService;
  /** Writes the books to `config.stateFile` now (a no-op without one). */
  readonly saveState: () => void;
}

/** Wires state, limits, faults and routes into one Koa app (no socket opened here). */
export function createFakeBooksApp(config: ResolvedConfig): FakeBooksApp {
  const clock = new Clock(config.now);
  const store = new Store(config.organizationIds);
  const oauth = new OAuthService(config, clock);
  const rateLimiter = new RateLimiter(clock, () => config.rateLimit);
  const faults = new FaultQueue();
  const log = new RequestLog();
  const admin = new AdminService({ config, clock, store, oauth, rateLimiter, faults, log });

  const adminRouter: Router<FakeBooksState> = new Router({ prefix: ADMIN_PREFIX });
  registerAdminRoutes(adminRouter, admin);

  const oauthRouter: Router<FakeBooksState> = new Router();
  registerOAuthRoutes(oauthRouter, oauth);

  const apiRouter: Router<FakeBooksState> = new Router({ prefix: API_PREFIX });
  registerOrganizationRoutes(apiRouter, config.organizationIds);
  registerContactRoutes(apiRouter);
  registerItemRoutes(apiRouter);
  registerInvoiceRoutes(apiRouter);
  registerPaymentRoutes(apiRouter);
  registerCreditNoteRoutes(apiRouter);
  registerTaxRoutes(apiRouter);

  const app = new Koa<FakeBooksState>();
  let saveState = (): void => undefined;
  if (config.stateFile) {
    loadStore(store, config.stateFile);
    const saver = createStoreSaver(store, config.stateFile);
    saveState = saver.flush;
    app.use(async (ctx, next) => {
      try {
        await next();
      } finally {
        // NOTE: any write may have changed the books, an admin reset or delete included.
        if (ctx.method !== 'GET') {
          saver.changed();
        }
      }
    });
  }
  app.use(adminRouter.routes());
  app.use(faultsAndLog(faults, log));
  app.use(oauthRouter.routes());
  app.use(apiGuard({ config, clock, store, oauth, rateLimiter }));
  app.use(apiRouter.routes());
  app.use((ctx) => {
    // Nothing answered: Zoho's envelope for an unknown URL or a method the URL does not take.
    const isKnownPath = [apiRouter, oauthRouter].some(
      (router) => router.match(ctx.path, ctx.method).path.length > 0,
    );
    sendError(
      ctx,
      isKnownPath
        ? new ZohoApiError('methodNotAllowed', `The HTTP method ${ctx.method} is not allowed`)
        : new ZohoApiError('urlNotFound', 'Invalid URL Passed'),
    );
  });
  // NOTE: a client vanishing mid-answer (our own drop faults included) is not worth a stack trace.
  app.silent = true;
  return { app, admin, saveState };
}
