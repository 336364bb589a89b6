import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { documentIdSchema } from './input.schemas';
import type { Row } from './documents';
import { parseInput } from './validation';

/** Small helpers shared by the capabilities' thin controllers. */

interface Response {
  data: unknown;
  meta?: unknown;
}

type Presenter = (row: Row) => Row;

/** The `data` object of a write request; a missing `data` or any other top-level key is a 400. */
export function readBodyData(ctx: Context): unknown {
  const body = (ctx.request as { body?: unknown }).body;
  if (!body || typeof body !== 'object' || !('data' in body)) {
    throw new errors.ValidationError('data: the request body must be { "data": { … } }');
  }
  const extra = Object.keys(body).find((key) => key !== 'data');
  if (extra) {
    throw new errors.ValidationError(
      `${extra}: unknown field; the request body must be { "data": { … } }`,
    );
  }
  return (body as { data: unknown }).data;
}

/** `{ data: { … } }`, or no body at all (an action with no input): anything else is a 400. */
export function readOptionalData(ctx: Context): unknown {
  const body = (ctx.request as { body?: unknown }).body;
  const isPlainObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (
    body === undefined ||
    body === null ||
    (isPlainObject(body) && Object.keys(body).length === 0)
  ) {
    return undefined;
  }
  if (!isPlainObject(body) || Object.keys(body).some((key) => key !== 'data')) {
    throw new errors.ValidationError('data: the request body must be { "data": { … } } or empty');
  }
  return body.data;
}

/** The `:id` of the URL, which Strapi 5 routes carry as the documentId. */
export function readDocumentId(ctx: Context): string {
  return parseInput(documentIdSchema, ctx.params.id, ['id']);
}

export function presentList(response: unknown, present: Presenter): Response {
  const { data, meta } = response as Response;
  return { data: Array.isArray(data) ? data.map((row) => present(row as Row)) : data, meta };
}

/** Presents one document, or answers 404 naming what was looked for. */
export function presentOne(ctx: Context, response: unknown, present: Presenter, kind: string) {
  const { data, meta } = (response ?? {}) as Response;
  if (!data) {
    throw new errors.NotFoundError(`No ${kind} ${String(ctx.params.id)}`);
  }
  return { data: present(data as Row), meta };
}

interface CoreControllerHelpers {
  sanitizeOutput?: (data: unknown, ctx: Context) => Promise<unknown>;
  transformResponse?: (data: unknown) => unknown;
}

/** Sanitizes a document written by a use-case, presents it and wraps it as `{ data }`. */
export async function respond(
  controller: CoreControllerHelpers,
  ctx: Context,
  entity: unknown,
  present: Presenter,
): Promise<unknown> {
  if (!controller.sanitizeOutput || !controller.transformResponse) {
    throw new Error('respond() needs a Strapi core controller');
  }
  const sanitized = (await controller.sanitizeOutput(entity, ctx)) as Row;
  return controller.transformResponse(present(sanitized));
}
