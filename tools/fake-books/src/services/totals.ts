import { formatZohoDate } from '../clock';
import { ZohoApiError, referenceNotFound } from '../errors';
import {
  addCents,
  centsToNumber,
  decimalToCents,
  decimalToNumber,
  multiplyToCents,
  parseDecimal,
  roundDecimal,
  type Cents,
  type Decimal,
} from '../money';
import type { LineItemInput } from '../schemas/document.schemas';
import type { Contact, LineItem, TotalledDocument } from '../store';
import type { BooksContext } from './context';
import { taxLine } from './taxes';

const ONE: Decimal = parseDecimal('1');

/** Fails unless the contact exists; invoices, credit notes and payments name one. */
export function requireCustomer(ctx: BooksContext, customerId: string): Contact {
  const contact = ctx.books.contacts.get(customerId);
  if (!contact) {
    throw new ZohoApiError(
      'customerInvalid',
      `The Customer field can neither be blank nor incorrect. Contact ${customerId} does not exist.`,
    );
  }
  return contact;
}

/**
 * Builds lines from the request: each item (and tax) must exist, rate defaults to the item's
 * rate, and the server computes every line total and line tax itself (client-sent totals are not
 * accepted).
 */
export function buildLineItems(
  ctx: BooksContext,
  inputs: readonly LineItemInput[],
  previous: readonly LineItem[] = [],
): LineItem[] {
  return inputs.map((input) => {
    const item = ctx.books.items.get(input.item_id);
    if (!item) {
      throw referenceNotFound('Item', input.item_id);
    }
    const kept = previous.find((line) => line.line_item_id === input.line_item_id);
    const quantity = input.quantity ?? ONE;
    // NOTE: like Zoho, a rate beyond the organization's price precision is rounded, not refused.
    const rate = roundDecimal(input.rate ?? item.rate, ctx.pricePrecision, ctx.rounding);
    const itemTotal = multiplyToCents(quantity, rate, ctx.rounding);
    return {
      line_item_id: kept?.line_item_id ?? ctx.ids.next(),
      item_id: item.item_id,
      name: input.name ?? item.name,
      description: input.description ?? item.description,
      unit: input.unit ?? item.unit,
      quantity,
      rate,
      itemTotal,
      tax: input.tax_id === undefined ? undefined : taxLine(ctx, input.tax_id, itemTotal),
    };
  });
}

export interface Totals {
  readonly subTotal: Cents;
  readonly taxTotal: Cents;
  readonly adjustment: Cents;
  readonly total: Cents;
}

/**
 * Sub-total is the sum of the rounded lines, tax the sum of the lines' rounded taxes; total is
 * sub-total + tax + the adjustment (which may be negative).
 */
export function computeTotals(lines: readonly LineItem[], adjustment: Cents): Totals {
  const subTotal = addCents(...lines.map((line) => line.itemTotal));
  const taxTotal = addCents(...lines.map((line) => line.tax?.amount ?? 0));
  return { subTotal, taxTotal, adjustment, total: addCents(subTotal, taxTotal, adjustment) };
}

/** Zoho's `taxes` summary: each tax on the document with the sum it comes to, in line order. */
export function taxSummary(lines: readonly LineItem[]): { tax_name: string; tax_amount: number }[] {
  const byTax = new Map<string, { name: string; amounts: Cents[] }>();
  for (const { tax } of lines) {
    if (tax) {
      const entry = byTax.get(tax.tax_id) ?? { name: tax.tax_name, amounts: [] };
      entry.amounts.push(tax.amount);
      byTax.set(tax.tax_id, entry);
    }
  }
  return [...byTax.values()].map((entry) => ({
    tax_name: entry.name,
    tax_amount: centsToNumber(addCents(...entry.amounts)),
  }));
}

export function adjustmentCents(ctx: BooksContext, adjustment: Decimal | undefined): Cents {
  return adjustment === undefined ? 0 : decimalToCents(adjustment, ctx.rounding);
}

export function today(ctx: BooksContext): string {
  return formatZohoDate(ctx.now);
}

export function renderLineItem(line: LineItem): Record<string, unknown> {
  return {
    line_item_id: line.line_item_id,
    item_id: line.item_id,
    name: line.name,
    description: line.description ?? '',
    unit: line.unit ?? '',
    quantity: decimalToNumber(line.quantity),
    rate: decimalToNumber(line.rate),
    item_total: centsToNumber(line.itemTotal),
    tax_id: line.tax?.tax_id ?? '',
    tax_name: line.tax?.tax_name ?? '',
    tax_type: line.tax ? 'tax' : '',
    tax_percentage: line.tax ? decimalToNumber(line.tax.tax_percentage) : 0,
  };
}

/** Free-text fields invoices and credit notes copy from the request as they are. */
export const DOCUMENT_TEXT_FIELDS = [
  'reference_number',
  'notes',
  'terms',
  'adjustment_description',
] as const;

/** Fields invoices and credit notes render the same way. */
export function renderTotalled(doc: TotalledDocument, customer: Contact | undefined) {
  return {
    customer_id: doc.customer_id,
    customer_name: customer?.contact_name ?? '',
    date: doc.date,
    reference_number: doc.reference_number ?? '',
    currency_code: 'USD',
    sub_total: centsToNumber(doc.subTotal),
    tax_total: centsToNumber(doc.taxTotal),
    adjustment: centsToNumber(doc.adjustment),
    adjustment_description: doc.adjustment_description ?? '',
    total: centsToNumber(doc.total),
  };
}
