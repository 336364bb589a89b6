import { formatZohoTime } from '../clock';
import { ZohoApiError, documentNotFound } from '../errors';
import { listPage, type ListPage, type QueryParams } from '../listing';
import { addCents, centsToNumber, subtractCents, type Cents } from '../money';
import type { InvoiceCreateInput, InvoiceUpdateInput } from '../schemas/document.schemas';
import type { Invoice, InvoiceStatus } from '../store';
import { pickDefined, uniquenessKey, type BooksContext } from './context';
import {
  adjustmentCents,
  buildLineItems,
  computeTotals,
  DOCUMENT_TEXT_FIELDS,
  renderLineItem,
  renderTotalled,
  requireCustomer,
  taxSummary,
  today,
} from './totals';

/** Sum applied to the invoice by payments, optionally leaving one payment out (for updates). */
export function paidOnInvoice(
  ctx: BooksContext,
  invoiceId: string,
  exceptPaymentId?: string,
): Cents {
  const applied: Cents[] = [];
  for (const payment of ctx.books.payments.values()) {
    if (payment.payment_id === exceptPaymentId) {
      continue;
    }
    for (const application of payment.applications) {
      if (application.invoice_id === invoiceId) {
        applied.push(application.amountApplied);
      }
    }
  }
  return addCents(...applied);
}

export function invoiceBalance(
  ctx: BooksContext,
  invoice: Invoice,
  exceptPaymentId?: string,
): Cents {
  if (invoice.isVoid) {
    return 0;
  }
  return subtractCents(invoice.total, paidOnInvoice(ctx, invoice.invoice_id, exceptPaymentId));
}

export function invoiceStatus(ctx: BooksContext, invoice: Invoice): InvoiceStatus {
  if (invoice.isVoid) {
    return 'void';
  }
  const paid = paidOnInvoice(ctx, invoice.invoice_id);
  if (paid === 0) {
    return invoice.baseStatus;
  }
  return invoiceBalance(ctx, invoice) === 0 ? 'paid' : 'partially_paid';
}

function assertInvoiceNumberFree(
  ctx: BooksContext,
  invoiceNumber: string,
  exceptId?: string,
): void {
  const key = uniquenessKey(invoiceNumber);
  for (const invoice of ctx.books.invoices.values()) {
    if (invoice.invoice_id !== exceptId && uniquenessKey(invoice.invoice_number) === key) {
      throw new ZohoApiError('alreadyExists', `Invoice number ${invoiceNumber} already exists.`);
    }
  }
}

export function assertInvoiceNotVoid(invoice: Invoice): void {
  if (invoice.isVoid) {
    throw new ZohoApiError(
      'voidDocumentLocked',
      `Invoice ${invoice.invoice_number} is void and cannot be changed.`,
    );
  }
}

/** Creates a draft invoice; the server computes line totals, sub-total and total. */
export function createInvoice(ctx: BooksContext, input: InvoiceCreateInput): Invoice {
  requireCustomer(ctx, input.customer_id);
  const invoiceNumber = input.invoice_number ?? ctx.books.nextInvoiceNumber();
  assertInvoiceNumberFree(ctx, invoiceNumber);
  const lineItems = buildLineItems(ctx, input.line_items);
  const invoice: Invoice = {
    ...pickDefined(input, [...DOCUMENT_TEXT_FIELDS, 'due_date']),
    invoice_id: ctx.ids.next(),
    invoice_number: invoiceNumber,
    customer_id: input.customer_id,
    date: input.date ?? today(ctx),
    lineItems,
    ...computeTotals(lineItems, adjustmentCents(ctx, input.adjustment)),
    baseStatus: 'draft',
    isVoid: false,
    createdAt: ctx.now,
    modifiedAt: ctx.now,
  };
  ctx.books.invoices.set(invoice.invoice_id, invoice);
  return invoice;
}

export function getInvoice(ctx: BooksContext, invoiceId: string): Invoice {
  const invoice = ctx.books.invoices.get(invoiceId);
  if (!invoice) {
    throw documentNotFound('Invoice');
  }
  return invoice;
}

/** Updates an invoice that is not void; totals are recomputed and may not drop below payments. */
export function updateInvoice(
  ctx: BooksContext,
  invoiceId: string,
  input: InvoiceUpdateInput,
): Invoice {
  const invoice = getInvoice(ctx, invoiceId);
  assertInvoiceNotVoid(invoice);
  const paid = paidOnInvoice(ctx, invoiceId);
  if (input.customer_id !== undefined && input.customer_id !== invoice.customer_id) {
    requireCustomer(ctx, input.customer_id);
    if (paid > 0) {
      throw new ZohoApiError(
        'customerLocked',
        'The customer for this invoice cannot be changed because payments have been recorded for this invoice',
      );
    }
  }
  if (input.invoice_number !== undefined) {
    assertInvoiceNumberFree(ctx, input.invoice_number, invoiceId);
  }
  const lineItems = input.line_items
    ? buildLineItems(ctx, input.line_items, invoice.lineItems)
    : invoice.lineItems;
  const adjustment =
    input.adjustment !== undefined ? adjustmentCents(ctx, input.adjustment) : invoice.adjustment;
  const totals = computeTotals(lineItems, adjustment);
  if (totals.total < paid) {
    throw new ZohoApiError(
      'totalBelowPayments',
      `Invoice ${invoice.invoice_number} total ${centsToNumber(totals.total)} cannot be less than the payments made (${centsToNumber(paid)}).`,
    );
  }
  const fields = pickDefined(input, [
    ...DOCUMENT_TEXT_FIELDS,
    'customer_id',
    'invoice_number',
    'date',
    'due_date',
  ]);
  Object.assign(invoice, fields, totals, { lineItems, modifiedAt: ctx.now });
  return invoice;
}

/** `POST /invoices/:id/status/void`; voiding a void invoice again is accepted and changes nothing. */
export function voidInvoice(ctx: BooksContext, invoiceId: string): Invoice {
  const invoice = getInvoice(ctx, invoiceId);
  if (invoice.isVoid) {
    return invoice;
  }
  if (paidOnInvoice(ctx, invoiceId) > 0) {
    throw new ZohoApiError(
      'hasDependents',
      `Payments have been recorded for invoice ${invoice.invoice_number}. Hence it cannot be voided.`,
    );
  }
  invoice.isVoid = true;
  invoice.modifiedAt = ctx.now;
  return invoice;
}

/** `POST /invoices/:id/status/sent`. */
export function markInvoiceSent(ctx: BooksContext, invoiceId: string): Invoice {
  const invoice = getInvoice(ctx, invoiceId);
  assertInvoiceNotVoid(invoice);
  invoice.baseStatus = 'sent';
  invoice.modifiedAt = ctx.now;
  return invoice;
}

export function listInvoices(ctx: BooksContext, query: QueryParams): ListPage<Invoice> {
  const customerName = (invoice: Invoice): string | undefined =>
    ctx.books.contacts.get(invoice.customer_id)?.contact_name;
  return listPage(ctx.books.invoices.values(), query, {
    reportName: 'Invoices',
    textFilters: [
      { param: 'invoice_number', valueOf: (invoice) => invoice.invoice_number },
      { param: 'reference_number', valueOf: (invoice) => invoice.reference_number },
      { param: 'customer_name', valueOf: customerName },
      { param: 'customer_id', valueOf: (invoice) => invoice.customer_id },
      { param: 'status', valueOf: (invoice) => invoiceStatus(ctx, invoice) },
    ],
    modifiedAt: (invoice) => invoice.modifiedAt,
  });
}

/** The fields Zoho lists for an invoice in `GET /invoices` (no line items there). */
export function renderInvoiceSummary(ctx: BooksContext, invoice: Invoice): Record<string, unknown> {
  return {
    invoice_id: invoice.invoice_id,
    invoice_number: invoice.invoice_number,
    status: invoiceStatus(ctx, invoice),
    ...renderTotalled(invoice, ctx.books.contacts.get(invoice.customer_id)),
    due_date: invoice.due_date ?? invoice.date,
    balance: centsToNumber(invoiceBalance(ctx, invoice)),
    created_time: formatZohoTime(invoice.createdAt),
    last_modified_time: formatZohoTime(invoice.modifiedAt),
  };
}

export function renderInvoice(ctx: BooksContext, invoice: Invoice): Record<string, unknown> {
  return {
    ...renderInvoiceSummary(ctx, invoice),
    notes: invoice.notes ?? '',
    terms: invoice.terms ?? '',
    payment_made: centsToNumber(paidOnInvoice(ctx, invoice.invoice_id)),
    line_items: invoice.lineItems.map(renderLineItem),
    taxes: taxSummary(invoice.lineItems),
  };
}
