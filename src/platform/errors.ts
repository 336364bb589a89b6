import createHttpError from 'http-errors';
import { errors } from '@strapi/utils';
import { MoneyError } from './money';

/**
 * Domain errors carry a kind, a stable code and a message that states the fact with its ids.
 * The kind decides the HTTP status in exactly one place, the table below, because Strapi's own
 * error middleware sends every error class it does not know as a 400.
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable';

const HTTP_BY_KIND: Record<DomainErrorKind, { status: number; name: string }> = {
  invalid: { status: 400, name: 'ValidationError' },
  forbidden: { status: 403, name: 'ForbiddenError' },
  not_found: { status: 404, name: 'NotFoundError' },
  conflict: { status: 409, name: 'ConflictError' },
  unprocessable: { status: 422, name: 'UnprocessableEntityError' },
};

export type ErrorDetails = Record<string, unknown>;

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: string;
  readonly details: ErrorDetails;

  constructor(kind: DomainErrorKind, code: string, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

/** A 400 that names the offending field, in the shape Strapi's own validation uses. */
export function invalidField(path: readonly (string | number)[], message: string): DomainError {
  const field = formatPath(path);
  return new DomainError('invalid', 'invalid_input', `${field}: ${message}`, {
    errors: [{ path: path.map(String), message, name: 'ValidationError' }],
  });
}

export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part,
    '',
  );
}

/**
 * Turns a domain or money error into the error Strapi renders as
 * `{ data: null, error: { status, name, message, details } }`; anything else is returned as is.
 */
export function toStrapiError(error: unknown): unknown {
  if (error instanceof MoneyError) {
    return new errors.ValidationError(error.message, { code: error.code });
  }
  if (!(error instanceof DomainError)) {
    return error;
  }
  if (error.kind === 'invalid') {
    return new errors.ValidationError(error.message, { code: error.code, ...error.details });
  }
  if (error.kind === 'forbidden') {
    return new errors.ForbiddenError(error.message, { code: error.code, ...error.details });
  }
  if (error.kind === 'not_found') {
    return new errors.NotFoundError(error.message, { code: error.code, ...error.details });
  }
  const { status, name } = HTTP_BY_KIND[error.kind];
  return createHttpError(status, error.message, {
    name,
    details: { code: error.code, ...error.details },
  });
}

/**
 * True for a unique-index violation from PostgreSQL (SQLSTATE 23505) or SQLite. Checked by its
 * properties: the driver's error class can differ between module instances.
 */
export function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    (typeof message === 'string' && message.includes('UNIQUE constraint failed'))
  );
}

/**
 * Runs a write whose uniqueness was checked beforehand; when a concurrent writer won the race
 * and the unique index refuses the row, answers the same 400 the check would have given.
 */
export async function refusingDuplicates<T>(
  work: () => Promise<T>,
  duplicate: () => DomainError,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw duplicate();
    }
    throw error;
  }
}

/**
 * True for a DomainError, checked by shape: code compiled twice (the TypeScript source in tests
 * and the compiled app Strapi runs) has two DomainError classes.
 */
export function isDomainError(error: unknown): error is DomainError {
  const candidate = error as Partial<DomainError> | null;
  return (
    error instanceof Error &&
    candidate !== null &&
    typeof candidate.kind === 'string' &&
    typeof candidate.code === 'string' &&
    typeof candidate.details === 'object'
  );
}
