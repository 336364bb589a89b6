import { formatZohoTime } from '../clock';
import { ZohoApiError, documentNotFound, referenceNotFound } from '../errors';
import { listPage, type ListPage, type QueryParams } from '../listing';
import { decimalToNumber, multiplyToCents, type Cents, type Decimal } from '../money';
import type { TaxCreateInput } from '../schemas/tax.schemas';
import type { LineTax, Tax } from '../store';
import { uniquenessKey, type BooksContext } from './context';

/** `/settings/taxes`: simple sales taxes a line item can carry by `tax_id`. */

function assertNameFree(ctx: BooksContext, name: string): void {
  const key = uniquenessKey(name);
  for (const tax of ctx.books.taxes.values()) {
    if (uniquenessKey(tax.tax_name) === key) {
      throw new ZohoApiError('alreadyExists', `The tax "${name}" already exists.`);
    }
  }
}

/** Creates a tax; names are unique per organization (case-insensitive). */
export function createTax(ctx: BooksContext, input: TaxCreateInput): Tax {
  assertNameFree(ctx, input.tax_name);
  const tax: Tax = {
    tax_id: ctx.ids.next(),
    tax_name: input.tax_name,
    tax_percentage: input.tax_percentage,
    tax_type: input.tax_type ?? 'tax',
    createdAt: ctx.now,
    modifiedAt: ctx.now,
  };
  ctx.books.taxes.set(tax.tax_id, tax);
  return tax;
}

export function getTax(ctx: BooksContext, taxId: string): Tax {
  const tax = ctx.books.taxes.get(taxId);
  if (!tax) {
    throw documentNotFound('Tax');
  }
  return tax;
}

export function listTaxes(ctx: BooksContext, query: QueryParams): ListPage<Tax> {
  return listPage(ctx.books.taxes.values(), query, {
    reportName: 'Taxes',
    textFilters: [{ param: 'tax_name', valueOf: (tax) => tax.tax_name }],
    modifiedAt: (tax) => tax.modifiedAt,
  });
}

/** 8.875 % as the exact fraction 0.08875 (the percentage's scale grows by two). */
function fractionOf(percentage: Decimal): Decimal {
  return { units: percentage.units, scale: percentage.scale + 2 };
}

/**
 * The tax a line with this `tax_id` carries: the line total × the percentage, rounded once to
 * cents. NOTE: per line, on the rounded line total, as Zoho does with tax rounding at line level
 * (assumed; Zoho also offers rounding on the whole document, which is not faked).
 */
export function taxLine(ctx: BooksContext, taxId: string, itemTotal: Cents): LineTax {
  const tax = ctx.books.taxes.get(taxId);
  if (!tax) {
    throw referenceNotFound('Tax', taxId);
  }
  const lineTotal: Decimal = { units: BigInt(itemTotal), scale: 2 };
  return {
    tax_id: tax.tax_id,
    tax_name: tax.tax_name,
    tax_percentage: tax.tax_percentage,
    amount: multiplyToCents(lineTotal, fractionOf(tax.tax_percentage), ctx.rounding),
  };
}

export function renderTax(tax: Tax): Record<string, unknown> {
  return {
    tax_id: tax.tax_id,
    tax_name: tax.tax_name,
    tax_percentage: decimalToNumber(tax.tax_percentage),
    tax_type: tax.tax_type,
    created_time: formatZohoTime(tax.createdAt),
    last_modified_time: formatZohoTime(tax.modifiedAt),
  };
}
