import type { Core } from '@strapi/strapi';

/**
 * The narrow slice of `strapi.db.query()` the connector uses, typed for its own rows. Strapi's
 * query API is typed loosely for plugin content types; this keeps `any` out of the plugin.
 */
export interface Rows<Row> {
  findOne(params: { where: Record<string, unknown>; populate?: unknown }): Promise<Row | null>;
  findMany(params: {
    where?: Record<string, unknown>;
    orderBy?: Record<string, 'asc' | 'desc'> | Record<string, 'asc' | 'desc'>[];
    limit?: number;
    offset?: number;
    populate?: unknown;
    select?: string[];
  }): Promise<Row[]>;
  count(params: { where?: Record<string, unknown> }): Promise<number>;
  create(params: { data: Record<string, unknown> }): Promise<Row>;
  update(params: { where: Record<string, unknown>; data: Record<string, unknown> }): Promise<Row>;
  updateMany(params: {
    where: Record<string, unknown>;
    data: Record<string, unknown>;
  }): Promise<{ count: number }>;
  deleteMany(params: { where: Record<string, unknown> }): Promise<{ count: number }>;
}

export function rows<Row>(strapi: Core.Strapi, uid: string): Rows<Row> {
  return strapi.db.query(uid as Parameters<Core.Strapi['db']['query']>[0]) as unknown as Rows<Row>;
}

/** PostgreSQL returns bigint columns as strings; SQLite as numbers. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined || value === '') {
    return 0;
  }
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(number)) {
    throw new Error(`Expected a whole number, got ${String(value)}`);
  }
  return number;
}
