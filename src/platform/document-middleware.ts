import type { Core } from '@strapi/strapi';
import { loadConfig } from './config';
import { DomainError, invalidField } from './errors';
import { isWriting, type Writer } from './write-context';

/** Shared types and guards for Document Service middlewares. */

export type Data = Record<string, unknown>;

export interface DocumentContext {
  uid: string;
  action: string;
  params: { data?: Data; documentId?: string } & Record<string, unknown>;
}

export type DocumentMiddleware = (
  ctx: DocumentContext,
  next: () => Promise<unknown>,
) => Promise<unknown>;

/** Work to do after the write itself, in the same transaction; it may replace the result. */
export type AfterWrite = (result: unknown) => Promise<unknown>;

/**
 * Registers a middleware for one content type's create and update. The handler runs before the
 * write and may return work to run after it, all in one transaction.
 */
export function useOnWrite(
  strapi: Core.Strapi,
  uid: string,
  handle: (ctx: DocumentContext & { params: { data: Data } }) => Promise<void | AfterWrite>,
): void {
  const middleware: DocumentMiddleware = async (ctx, next) => {
    if (ctx.uid !== uid || (ctx.action !== 'create' && ctx.action !== 'update')) {
      return next();
    }
    // NOTE: the guard's reads and the write share one transaction (a nested call joins it).
    return strapi.db.transaction(async () => {
      ctx.params.data = ctx.params.data ?? {};
      const after = await handle(ctx as DocumentContext & { params: { data: Data } });
      const result = await next();
      return after ? after(result) : result;
    });
  };
  strapi.documents.use(middleware as Parameters<Core.Strapi['documents']['use']>[0]);
}

/** Registers a guard that runs before a content type's delete, in the delete's transaction. */
export function useOnDelete(
  strapi: Core.Strapi,
  uid: string,
  guard: (documentId: string) => Promise<void>,
): void {
  const middleware: DocumentMiddleware = async (ctx, next) => {
    if (ctx.uid !== uid || ctx.action !== 'delete' || !ctx.params.documentId) {
      return next();
    }
    return strapi.db.transaction(async () => {
      await guard(ctx.params.documentId as string);
      return next();
    });
  };
  strapi.documents.use(middleware as Parameters<Core.Strapi['documents']['use']>[0]);
}

/**
 * Refuses a currency other than the base one, from any entry point (the admin panel too), and
 * gives a new record the base currency when it names none.
 */
export function applyBaseCurrency(data: Data, action: string): void {
  const base = loadConfig().BASE_CURRENCY;
  if (data.currency === undefined || data.currency === null || data.currency === '') {
    if (action === 'create') {
      data.currency = base;
    }
    return;
  }
  if (data.currency !== base) {
    throw invalidField(
      ['currency'],
      `must be ${base}, the base currency (other currencies are not supported yet)`,
    );
  }
}

/**
 * Refuses every create, update and delete of a service-owned type (stock movements, journal
 * entries, payments) unless it comes from the owning service, so neither a route nor a Super
 * Admin in the content manager can bypass it.
 */
export function refuseDirectWrites(strapi: Core.Strapi, uid: string, owner: Writer, what: string) {
  const middleware: DocumentMiddleware = async (ctx, next) => {
    const writes = ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'];
    if (ctx.uid === uid && writes.includes(ctx.action) && !isWriting(owner)) {
      throw new DomainError(
        'forbidden',
        'append_only',
        `${what} are written only by the ${owner} service and are never edited or deleted`,
        { uid, action: ctx.action },
      );
    }
    return next();
  };
  strapi.documents.use(middleware as Parameters<Core.Strapi['documents']['use']>[0]);
}
