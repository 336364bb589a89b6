import { z } from 'zod';
import { AdminError, type AdminService } from '../admin';
import { faultRequestSchema } from '../faults';
import { bodyParser } from '../http/body';
import type { FakeBooksContext, FakeBooksRouter } from '../http/state';
import { firstValue } from '../listing';
import { DOCUMENT_KINDS, type DocumentKind } from '../store';

const advanceSchema = z.object({ ms: z.number().int().positive() }).strict();
const revokeSchema = z.object({ refresh_token: z.string().min(1).optional() }).strict();
const settingsSchema = z
  .object({
    rounding: z.enum(['half-up', 'half-even']).optional(),
    pricePrecision: z.number().int().min(0).max(6).optional(),
    accessTokenLifetimeSeconds: z.number().int().positive().optional(),
    rateLimit: z
      .object({
        requestsPerWindow: z.number().int().positive().optional(),
        windowMs: z.number().int().positive().optional(),
        dailyLimit: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

function parseAdmin<Schema extends z.ZodTypeAny>(schema: Schema, ctx: FakeBooksContext) {
  const result = schema.safeParse(ctx.request.body ?? {});
  if (!result.success) {
    throw new AdminError(400, z.prettifyError(result.error));
  }
  return result.data as z.output<Schema>;
}

function kindParam(ctx: FakeBooksContext): DocumentKind {
  const kind = DOCUMENT_KINDS.find((candidate) => candidate === ctx.params.kind);
  if (!kind) {
    throw new AdminError(404, `Unknown document kind ${ctx.params.kind ?? ''}`);
  }
  return kind;
}

function organizationParam(ctx: FakeBooksContext): string | undefined {
  return firstValue(ctx.query, 'organization_id');
}

/** `/__admin/...`: plain JSON (not Zoho's envelope), no token needed, never logged. */
export function registerAdminRoutes(router: FakeBooksRouter, admin: AdminService): void {
  router.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof AdminError)) {
        throw error;
      }
      ctx.status = error.httpStatus;
      ctx.body = { error: error.message };
    }
  });
  router.use(bodyParser());

  router.get('/log', (ctx) => {
    ctx.body = { entries: admin.requestLog() };
  });
  router.delete('/log', (ctx) => {
    admin.clearRequestLog();
    ctx.status = 204;
  });

  router.get('/faults', (ctx) => {
    ctx.body = { faults: admin.pendingFaults() };
  });
  router.post('/faults', (ctx) => {
    ctx.status = 201;
    ctx.body = { fault: admin.injectFault(parseAdmin(faultRequestSchema, ctx)) };
  });
  router.delete('/faults', (ctx) => {
    admin.clearFaults();
    ctx.status = 204;
  });

  router.post('/oauth/revoke', (ctx) => {
    admin.revokeRefreshToken(parseAdmin(revokeSchema, ctx).refresh_token);
    ctx.status = 204;
  });
  router.post('/oauth/expire', (ctx) => {
    admin.expireAccessTokens();
    ctx.status = 204;
  });
  router.post('/oauth/access-token', (ctx) => {
    ctx.status = 201;
    ctx.body = { access_token: admin.issueAccessToken() };
  });

  router.post('/clock/advance', (ctx) => {
    admin.advanceClock(parseAdmin(advanceSchema, ctx).ms);
    ctx.status = 204;
  });
  router.patch('/config', (ctx) => {
    admin.configure(parseAdmin(settingsSchema, ctx));
    ctx.status = 204;
  });

  router.get('/documents/:kind', (ctx) => {
    ctx.body = { documents: admin.documents(kindParam(ctx), organizationParam(ctx)) };
  });
  router.post('/documents/:kind/:id/void', (ctx) => {
    admin.voidDocument(kindParam(ctx), ctx.params.id ?? '', organizationParam(ctx));
    ctx.status = 204;
  });
  router.delete('/documents/:kind/:id', (ctx) => {
    admin.deleteDocument(kindParam(ctx), ctx.params.id ?? '', organizationParam(ctx));
    ctx.status = 204;
  });

  router.post('/reset', (ctx) => {
    admin.reset();
    ctx.status = 204;
  });
}
