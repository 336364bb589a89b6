import type { RoundingMode } from '../money';
import type { IdGenerator, OrganizationBooks } from '../store';

/** What a use-case needs besides its input: one organization's books, ids, time and rounding. */
export interface BooksContext {
  readonly books: OrganizationBooks;
  readonly ids: IdGenerator;
  /** Server clock, epoch ms. */
  readonly now: number;
  readonly rounding: RoundingMode;
  /** Decimal places a rate keeps (Zoho's organization price precision). */
  readonly pricePrecision: number;
}

/** Case- and space-insensitive key for uniqueness checks ("INV-1 " equals "inv-1"). */
export function uniquenessKey(value: string): string {
  return value.trim().toLowerCase();
}

/** Copies the listed fields that the request actually set (absent and undefined are skipped). */
export function pickDefined<Source extends object, Key extends keyof Source>(
  source: Source,
  keys: readonly Key[],
): Partial<Pick<Source, Key>> {
  const picked: Partial<Pick<Source, Key>> = {};
  for (const key of keys) {
    if (source[key] !== undefined) {
      picked[key] = source[key];
    }
  }
  return picked;
}
