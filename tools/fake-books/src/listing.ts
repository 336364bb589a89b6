import { invalidValue } from './errors';

/**
 * A parsed query string. NOTE: typed loosely on purpose: Koa gives strings and arrays, but
 * Strapi's type augmentation of Koa (present when both are in one program, as in the tests)
 * widens `ctx.query` to unknown values, so every reader checks what it gets.
 */
export type QueryParams = Readonly<Record<string, unknown>>;

/** A text filter such as `invoice_number`, with Zoho's `_startswith` and `_contains` variants. */
export interface TextFilter<Doc> {
  readonly param: string;
  readonly valueOf: (doc: Doc) => string | undefined;
}

export interface ListSpec<Doc> {
  /** Zoho's `page_context.report_name`, e.g. "Invoices". */
  readonly reportName: string;
  readonly textFilters: readonly TextFilter<Doc>[];
  readonly modifiedAt: (doc: Doc) => number;
}

export interface PageContext {
  page: number;
  per_page: number;
  has_more_page: boolean;
  report_name: string;
  applied_filter: string;
  sort_column: string;
  sort_order: 'A' | 'D';
}

export interface ListPage<Doc> {
  readonly docs: Doc[];
  readonly pageContext: PageContext;
}

/** Zoho's default and largest page size. */
export const MAX_PER_PAGE = 200;

export function firstValue(query: QueryParams, name: string): string | undefined {
  const value: unknown = query[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

function positiveIntParam(query: QueryParams, name: string, fallback: number): number {
  const raw = firstValue(query, name);
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw invalidValue(name);
  }
  return Number(raw);
}

function matchesText<Doc>(doc: Doc, filter: TextFilter<Doc>, query: QueryParams): boolean {
  const value = (filter.valueOf(doc) ?? '').toLowerCase();
  const exact = firstValue(query, filter.param);
  const startsWith = firstValue(query, `${filter.param}_startswith`);
  const contains = firstValue(query, `${filter.param}_contains`);
  return (
    (exact === undefined || value === exact.toLowerCase()) &&
    (startsWith === undefined || value.startsWith(startsWith.toLowerCase())) &&
    (contains === undefined || value.includes(contains.toLowerCase()))
  );
}

/**
 * Filters, sorts (oldest first, so pages are stable while documents are added) and pages a list.
 * `last_modified_time` keeps documents changed at or after that instant.
 */
export function listPage<Doc>(
  docs: Iterable<Doc>,
  query: QueryParams,
  spec: ListSpec<Doc>,
): ListPage<Doc> {
  const page = positiveIntParam(query, 'page', 1);
  const perPage = Math.min(positiveIntParam(query, 'per_page', MAX_PER_PAGE), MAX_PER_PAGE);
  const modifiedSinceText = firstValue(query, 'last_modified_time');
  const modifiedSince = modifiedSinceText === undefined ? undefined : Date.parse(modifiedSinceText);
  if (modifiedSince !== undefined && Number.isNaN(modifiedSince)) {
    throw invalidValue('last_modified_time');
  }
  const matching = [...docs].filter(
    (doc) =>
      spec.textFilters.every((filter) => matchesText(doc, filter, query)) &&
      (modifiedSince === undefined || spec.modifiedAt(doc) >= modifiedSince),
  );
  const start = (page - 1) * perPage;
  return {
    docs: matching.slice(start, start + perPage),
    pageContext: {
      page,
      per_page: perPage,
      has_more_page: matching.length > start + perPage,
      report_name: spec.reportName,
      applied_filter: 'Status.All',
      sort_column: 'created_time',
      sort_order: 'A',
    },
  };
}
