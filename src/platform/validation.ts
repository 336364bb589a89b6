import type { z } from 'zod';
import { DomainError, formatPath } from './errors';

/**
 * Parses input with a strict zod schema. A refusal is a 400 whose message names the first
 * offending field ("data.lines[0].quantity: must be a positive integer") and whose details list
 * every problem found.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  root: readonly (string | number)[] = ['data'],
): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = [...root, ...issue.path.map((part) => (typeof part === 'symbol' ? '?' : part))];
    // NOTE: an unknown key is reported at the key itself, so the message names the field.
    const fieldPath = keys.length === 1 ? [...path, keys[0]] : path;
    const message =
      issue.code === 'unrecognized_keys' ? `is not a field that can be written` : issue.message;
    return { fieldPath, message };
  });
  const first = problems[0];
  throw new DomainError(
    'invalid',
    'invalid_input',
    `${formatPath(first.fieldPath)}: ${first.message}`,
    {
      errors: problems.map(({ fieldPath, message }) => ({
        path: fieldPath.map(String),
        message,
        name: 'ValidationError',
      })),
    },
  );
}

/**
 * Refuses fields that only a service may write (stock levels, totals), with a message that says
 * who owns them, before the strict schema would call them merely unknown.
 */
export function refuseReadOnlyFields(
  input: unknown,
  fields: readonly string[],
  owner: string,
  root: readonly (string | number)[] = ['data'],
): void {
  if (!input || typeof input !== 'object') {
    return;
  }
  const present = fields.filter((field) => field in input);
  if (present.length === 0) {
    return;
  }
  const problems = present.map((field) => ({
    path: [...root, field].map(String),
    message: `is computed by ${owner} and cannot be written`,
    name: 'ValidationError',
  }));
  throw new DomainError(
    'invalid',
    'read_only_field',
    `${formatPath([...root, present[0]])}: is computed by ${owner} and cannot be written`,
    { errors: problems },
  );
}
