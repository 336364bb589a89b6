import { fromDatabase } from './money';

/** Helpers for turning stored documents into API output. */

export type Row = Record<string, unknown>;

/** Replaces the named biginteger fields (strings on PostgreSQL) by JSON integers. */
export function withAmounts<T extends Row>(row: T, fields: readonly string[]): T {
  const result: Row = { ...row };
  for (const field of fields) {
    if (field in result && result[field] !== null) {
      result[field] = fromDatabase(result[field], field);
    }
  }
  return result as T;
}

/** Reads an integer that a form or the database may send as a string ("1800"). */
export function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value;
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
    const parsed = Number(value.trim());
    return Number.isSafeInteger(parsed) ? parsed : undefined;
  }
  return undefined;
}
