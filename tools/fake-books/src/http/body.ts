import { koaBody } from 'koa-body';
import type { Middleware } from 'koa';
import { ZohoApiError } from '../errors';
import { firstValue } from '../listing';
import type { FakeBooksKoaContext, FakeBooksState } from './state';

const malformedJson = (): ZohoApiError =>
  new ZohoApiError('malformedJson', 'JSON is not well formed');

/** Parses JSON and form bodies; a malformed JSON body gets Zoho's code 1038. */
export function bodyParser(): Middleware<FakeBooksState> {
  return koaBody({
    json: true,
    urlencoded: true,
    multipart: false,
    text: false,
    jsonLimit: '1mb',
    onError: () => {
      throw malformedJson();
    },
  });
}

/**
 * The request's JSON document. Zoho takes it as a JSON body or, in the older style, as a form
 * field `JSONString`; both are accepted here.
 */
export function requestBody(ctx: FakeBooksKoaContext): unknown {
  const body: unknown = ctx.request.body;
  if (typeof body === 'object' && body !== null && 'JSONString' in body) {
    const jsonString: unknown = body.JSONString;
    if (typeof jsonString !== 'string') {
      throw malformedJson();
    }
    try {
      return JSON.parse(jsonString) as unknown;
    } catch {
      throw malformedJson();
    }
  }
  return body ?? {};
}

/** Form fields or query parameters (the OAuth endpoint takes either, as Zoho's does). */
export function formOrQuery(ctx: FakeBooksKoaContext, name: string): string | undefined {
  const body: unknown = ctx.request.body;
  if (typeof body === 'object' && body !== null && name in body) {
    const value: unknown = (body as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  }
  return firstValue(ctx.query, name);
}
