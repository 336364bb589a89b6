import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import type { SyncService } from '../services/sync';
import { SettingsError } from '../sync/settings';
import { PLUGIN_NAME } from '../uids';

/**
 * Thin controllers: validate, call the service, answer. The service's views never hold a
 * secret (only whether each is set), so nothing here can leak one.
 */

const KINDS = ['contact', 'item', 'invoice', 'payment', 'refund', 'creditNote'] as const;

const entriesQuery = z
  .object({
    state: z.enum(['pending', 'synced', 'dead', 'previewed']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const recordParams = z.object({ kind: z.enum(KINDS), localKey: z.string().min(1).max(120) });

function badRequest(ctx: Context, message: string, details: object = {}): void {
  ctx.status = 400;
  ctx.body = { data: null, error: { status: 400, name: 'ValidationError', message, details } };
}

function notFound(ctx: Context, message: string): void {
  ctx.status = 404;
  ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message, details: {} } };
}

/** The first problem of a zod error, as "field: message". */
function firstIssue(error: z.ZodError): string {
  const [issue] = error.issues;
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid input';
}

export const syncController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_NAME).service('sync') as SyncService;
  return {
    async getSettings(ctx: Context) {
      ctx.body = { data: await service().settings() };
    },

    async putSettings(ctx: Context) {
      const body = (ctx.request as unknown as { body?: { data?: unknown } }).body;
      try {
        ctx.body = { data: await service().saveSettings(body?.data ?? {}) };
      } catch (error) {
        if (error instanceof z.ZodError) {
          badRequest(ctx, firstIssue(error));
          return;
        }
        if (error instanceof SettingsError) {
          badRequest(ctx, error.message);
          return;
        }
        throw error;
      }
    },

    async status(ctx: Context) {
      ctx.body = { data: await service().status() };
    },

    async entries(ctx: Context) {
      const query = entriesQuery.safeParse(ctx.query);
      if (!query.success) {
        badRequest(ctx, firstIssue(query.error));
        return;
      }
      ctx.body = await service().entries(query.data);
    },

    async record(ctx: Context) {
      const params = recordParams.safeParse(ctx.params);
      if (!params.success) {
        badRequest(ctx, firstIssue(params.error));
        return;
      }
      ctx.body = { data: await service().recordStatus(params.data.kind, params.data.localKey) };
    },

    async retry(ctx: Context) {
      const id = Number(ctx.params.id);
      if (!Number.isSafeInteger(id) || id < 1) {
        badRequest(ctx, 'id: must be a positive whole number');
        return;
      }
      if (!(await service().retry(id))) {
        notFound(ctx, `No dead-lettered or waiting outbox entry ${id}`);
        return;
      }
      ctx.body = { data: { id, state: 'pending' } };
    },

    async mirrorExisting(ctx: Context) {
      ctx.body = { data: await service().mirrorExisting() };
    },
  };
};
