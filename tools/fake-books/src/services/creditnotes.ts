import { formatZohoTime } from '../clock';
import { ZohoApiError, documentNotFound, referenceNotFound } from '../errors';
import { listPage, type ListPage, type QueryParams } from '../listing';
import { centsToNumber, decimalToCents, subtractCents, type Cents } from '../money';
import type { CreditNoteCreateInput, CreditNoteUpdateInput } from '../schemas/document.schemas';
import type { RefundCreateInput } from '../schemas/payment.schemas';
import type { CreditNote, Refund } from '../store';
import { pickDefined, uniquenessKey, type BooksContext } from './context';
import { recordRefund, refundedFrom } from './refunds';
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

export type CreditNoteStatus = 'open' | 'closed' | 'void';

/** Credits still available to refund. */
export function creditNoteBalance(ctx: BooksContext, note: CreditNote): Cents {
  return note.isVoid
    ? 0
    : subtractCents(note.total, refundedFrom(ctx, 'creditnotes', note.creditnote_id));
}

export function creditNoteStatus(ctx: BooksContext, note: CreditNote): CreditNoteStatus {
  if (note.isVoid) {
    return 'void';
  }
  return creditNoteBalance(ctx, note) === 0 ? 'closed' : 'open';
}

function assertNumberFree(ctx: BooksContext, creditNoteNumber: string, exceptId?: string): void {
  const key = uniquenessKey(creditNoteNumber);
  for (const note of ctx.books.creditNotes.values()) {
    if (note.creditnote_id !== exceptId && uniquenessKey(note.creditnote_number) === key) {
      throw new ZohoApiError(
        'creditNoteNumberExists',
        'The specified Credit Note Number already exists',
      );
    }
  }
}

function assertNotVoid(note: CreditNote): void {
  if (note.isVoid) {
    throw new ZohoApiError(
      'voidDocumentLocked',
      `Credit note ${note.creditnote_number} is void and cannot be changed.`,
    );
  }
}

function assertInvoiceOfCustomer(ctx: BooksContext, invoiceId: string, customerId: string): void {
  const invoice = ctx.books.invoices.get(invoiceId);
  if (!invoice) {
    throw referenceNotFound('Invoice', invoiceId);
  }
  if (invoice.customer_id !== customerId) {
    throw new ZohoApiError(
      'customerMismatch',
      `Invoice ${invoice.invoice_number} does not belong to customer ${customerId}.`,
    );
  }
}

/** Creates an open credit note (for a return), optionally linked to the invoice it credits. */
export function createCreditNote(ctx: BooksContext, input: CreditNoteCreateInput): CreditNote {
  requireCustomer(ctx, input.customer_id);
  if (input.invoice_id !== undefined) {
    assertInvoiceOfCustomer(ctx, input.invoice_id, input.customer_id);
  }
  const creditNoteNumber = input.creditnote_number ?? ctx.books.nextCreditNoteNumber();
  assertNumberFree(ctx, creditNoteNumber);
  const lineItems = buildLineItems(ctx, input.line_items);
  const note: CreditNote = {
    ...pickDefined(input, [...DOCUMENT_TEXT_FIELDS, 'invoice_id']),
    creditnote_id: ctx.ids.next(),
    creditnote_number: creditNoteNumber,
    customer_id: input.customer_id,
    date: input.date ?? today(ctx),
    lineItems,
    ...computeTotals(lineItems, adjustmentCents(ctx, input.adjustment)),
    isVoid: false,
    createdAt: ctx.now,
    modifiedAt: ctx.now,
  };
  ctx.books.creditNotes.set(note.creditnote_id, note);
  return note;
}

export function getCreditNote(ctx: BooksContext, creditNoteId: string): CreditNote {
  const note = ctx.books.creditNotes.get(creditNoteId);
  if (!note) {
    throw documentNotFound('Credit Note');
  }
  return note;
}

export function updateCreditNote(
  ctx: BooksContext,
  creditNoteId: string,
  input: CreditNoteUpdateInput,
): CreditNote {
  const note = getCreditNote(ctx, creditNoteId);
  assertNotVoid(note);
  const customerId = input.customer_id ?? note.customer_id;
  requireCustomer(ctx, customerId);
  const invoiceId = input.invoice_id ?? note.invoice_id;
  if (invoiceId !== undefined) {
    assertInvoiceOfCustomer(ctx, invoiceId, customerId);
  }
  if (input.creditnote_number !== undefined) {
    assertNumberFree(ctx, input.creditnote_number, creditNoteId);
  }
  const lineItems = input.line_items
    ? buildLineItems(ctx, input.line_items, note.lineItems)
    : note.lineItems;
  const adjustment =
    input.adjustment !== undefined ? adjustmentCents(ctx, input.adjustment) : note.adjustment;
  const totals = computeTotals(lineItems, adjustment);
  const refunded = refundedFrom(ctx, 'creditnotes', creditNoteId);
  if (totals.total < refunded) {
    throw new ZohoApiError(
      'totalBelowPayments',
      `Credit note ${note.creditnote_number} total cannot be less than the amount refunded (${centsToNumber(refunded)}).`,
    );
  }
  const fields = pickDefined(input, [
    ...DOCUMENT_TEXT_FIELDS,
    'customer_id',
    'creditnote_number',
    'invoice_id',
    'date',
  ]);
  Object.assign(note, fields, totals, { lineItems, modifiedAt: ctx.now });
  return note;
}

/** `POST /creditnotes/:id/status/void`; refused once refunds exist, idempotent when void. */
export function voidCreditNote(ctx: BooksContext, creditNoteId: string): CreditNote {
  const note = getCreditNote(ctx, creditNoteId);
  if (note.isVoid) {
    return note;
  }
  if (refundedFrom(ctx, 'creditnotes', creditNoteId) > 0) {
    throw new ZohoApiError(
      'hasDependents',
      `Refunds have been recorded for credit note ${note.creditnote_number}. Hence it cannot be voided.`,
    );
  }
  note.isVoid = true;
  note.modifiedAt = ctx.now;
  return note;
}

/** `POST /creditnotes/:id/refunds`: at most the remaining credits, never from a void note. */
export function refundCreditNote(
  ctx: BooksContext,
  creditNoteId: string,
  input: RefundCreateInput,
): Refund {
  const note = getCreditNote(ctx, creditNoteId);
  assertNotVoid(note);
  const amount = decimalToCents(input.amount, ctx.rounding);
  const available = creditNoteBalance(ctx, note);
  if (amount > available) {
    throw new ZohoApiError(
      'refundExceedsAvailable',
      `The refund amount ${centsToNumber(amount)} is more than the available credits ${centsToNumber(available)} of credit note ${note.creditnote_number}.`,
    );
  }
  return recordRefund(
    ctx,
    { kind: 'creditnotes', id: creditNoteId, customerId: note.customer_id },
    input,
    amount,
  );
}

export function listCreditNotes(ctx: BooksContext, query: QueryParams): ListPage<CreditNote> {
  return listPage(ctx.books.creditNotes.values(), query, {
    reportName: 'Credit Notes',
    textFilters: [
      { param: 'creditnote_number', valueOf: (note) => note.creditnote_number },
      { param: 'reference_number', valueOf: (note) => note.reference_number },
      { param: 'customer_id', valueOf: (note) => note.customer_id },
      {
        param: 'customer_name',
        valueOf: (note) => ctx.books.contacts.get(note.customer_id)?.contact_name,
      },
      { param: 'status', valueOf: (note) => creditNoteStatus(ctx, note) },
    ],
    modifiedAt: (note) => note.modifiedAt,
  });
}

export function renderCreditNoteSummary(
  ctx: BooksContext,
  note: CreditNote,
): Record<string, unknown> {
  return {
    creditnote_id: note.creditnote_id,
    creditnote_number: note.creditnote_number,
    status: creditNoteStatus(ctx, note),
    ...renderTotalled(note, ctx.books.contacts.get(note.customer_id)),
    invoice_id: note.invoice_id ?? '',
    balance: centsToNumber(creditNoteBalance(ctx, note)),
    created_time: formatZohoTime(note.createdAt),
    last_modified_time: formatZohoTime(note.modifiedAt),
  };
}

export function renderCreditNote(ctx: BooksContext, note: CreditNote): Record<string, unknown> {
  return {
    ...renderCreditNoteSummary(ctx, note),
    notes: note.notes ?? '',
    terms: note.terms ?? '',
    line_items: note.lineItems.map(renderLineItem),
    taxes: taxSummary(note.lineItems),
  };
}
