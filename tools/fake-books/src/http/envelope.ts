import { ZohoApiError, internalError } from '../errors';
import type { PageContext } from '../listing';
import type { BooksContext } from '../services/context';
import type { FakeBooksContext, FakeBooksKoaContext } from './state';

/** Zoho's success envelope: `{ code: 0, message, <resource>: ... }`. */
export function sendOk(
  ctx: FakeBooksKoaContext,
  message: string,
  payload: Record<string, unknown> = {},
  status = 200,
): void {
  ctx.status = status;
  ctx.body = { code: 0, message, ...payload };
}

export function sendCreated(
  ctx: FakeBooksKoaContext,
  message: string,
  payload: Record<string, unknown>,
): void {
  sendOk(ctx, message, payload, 201);
}

/** Zoho's list envelope: `{ code: 0, message: "success", <resources>: [...], page_context }`. */
export function sendList(
  ctx: FakeBooksKoaContext,
  key: string,
  docs: readonly Record<string, unknown>[],
  pageContext: PageContext,
): void {
  sendOk(ctx, 'success', { [key]: docs, page_context: pageContext });
}

/** Zoho's error envelope `{ code, message }` with the error's HTTP status; never a Retry-After. */
export function sendError(ctx: FakeBooksKoaContext, error: ZohoApiError): void {
  ctx.status = error.httpStatus;
  ctx.body = error.toBody();
}

export function toZohoError(error: unknown): ZohoApiError {
  return error instanceof ZohoApiError ? error : internalError();
}

/** The organization's books, which the API guard put on the context before any handler runs. */
export function booksOf(ctx: FakeBooksKoaContext): BooksContext {
  const books = ctx.state.books;
  if (!books) {
    // NOTE: a route mounted outside the guard is a programming error, not a client one.
    throw new Error(`route ${ctx.path} ran without the API guard`);
  }
  return books;
}

/** The `:id` route parameter. */
export function idParam(ctx: FakeBooksContext): string {
  return ctx.params.id ?? '';
}
