import { errors } from '@strapi/utils';
import { z } from 'zod';
import { isIsoDate, today } from '../domain/figures';

/** The query parameters of the reports, validated strictly: a bad one is a 400 naming it. */

export type ParamName = 'from' | 'to' | 'asOf' | 'by' | 'belowReorderLevel';

export interface ReportParams {
  format: 'json' | 'csv';
  from?: string;
  to?: string;
  asOf: string;
  by?: 'product' | 'country';
  belowReorderLevel?: boolean;
}

const date = z
  .string()
  .refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' })
  .optional();

const shapes = {
  from: date,
  to: date,
  asOf: date,
  by: z.enum(['product', 'country'], { message: 'must be product or country' }).optional(),
  belowReorderLevel: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .transform((value) => value === 'true')
    .optional(),
} as const;

/** Reads `query` for a report that takes the parameters `allowed` (and `format`). */
export function parseParams(
  query: Record<string, unknown>,
  allowed: readonly ParamName[],
  now: Date = new Date(),
): ReportParams {
  const shape: Record<string, z.ZodType> = {
    format: z.enum(['json', 'csv'], { message: 'must be json or csv' }).optional(),
  };
  for (const name of allowed) {
    shape[name] = shapes[name];
  }
  const parsed = z.strictObject(shape).safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const name = unknownKey ?? issue.path.map(String).join('.');
    const message =
      unknownKey !== undefined
        ? `Unknown parameter ${unknownKey}; this report takes ${['format', ...allowed].join(', ')}`
        : `${name} ${Array.isArray(query[name]) ? 'must be given once' : issue.message}`;
    throw new errors.ValidationError(message, { errors: [{ path: [name], message }] });
  }
  const values = parsed.data as Partial<ReportParams>;
  if (values.from !== undefined && values.to !== undefined && values.from > values.to) {
    const message = `from (${values.from}) is after to (${values.to})`;
    throw new errors.ValidationError(message, { errors: [{ path: ['from'], message }] });
  }
  return { ...values, format: values.format ?? 'json', asOf: values.asOf ?? today(now) };
}
