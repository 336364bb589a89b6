import {
  decimalToMinor,
  minorToDecimal,
  percentToRate,
  rateToPercent,
  subtractMinor,
} from '../../domain/money';
import type {
  ContactDraft,
  CreditNoteDraft,
  ItemDraft,
  PaymentDraft,
  RefundDraft,
  RemotePayment,
  RemoteRef,
  RemoteRefund,
  RemoteTax,
  RemoteTotalled,
  TaxDraft,
  TotalledDraft,
} from '../accounting-provider';
import { ProviderFailure } from '../provider-failure';

/**
 * Our drafts → Zoho Books v3 bodies, and Zoho's answers → our remote records. Pure; amounts
 * cross as decimal text built from integer minor units, never as float arithmetic.
 */

/** Zoho Books keeps money with 2 decimals (every currency the connector supports today). */
export const ZOHO_MINOR_DIGITS = 2;

type Body = Record<string, unknown>;

/** Drops undefined and empty-string fields: the API refuses some empty values. */
function compact(body: Body): Body {
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined && value !== ''),
  );
}

const money = (amount: number): string => minorToDecimal(amount, ZOHO_MINOR_DIGITS);

export function contactBody(draft: ContactDraft): Body {
  const address = draft.billingAddress;
  return compact({
    contact_name: draft.marker,
    company_name: draft.companyName,
    contact_type: 'customer',
    email: draft.email,
    phone: draft.phone,
    notes: draft.notes,
    billing_address: address
      ? compact({
          address: address.street,
          city: address.city,
          state: address.region,
          zip: address.postalCode,
          country: address.country,
          phone: address.phone,
        })
      : undefined,
  });
}

export function itemBody(draft: ItemDraft): Body {
  return compact({
    name: draft.name,
    sku: draft.marker,
    rate: money(draft.rate),
    description: draft.description,
    product_type: draft.kind,
  });
}

/** A simple tax; Zoho takes the rate as a percentage (8.875 for 0.08875). */
export function taxBody(draft: TaxDraft): Body {
  return { tax_name: draft.marker, tax_percentage: rateToPercent(draft.rate), tax_type: 'tax' };
}

function totalledBody(draft: TotalledDraft): Body {
  return compact({
    customer_id: draft.remoteContactId,
    date: draft.date,
    reference_number: draft.reference,
    line_items: draft.lines.map((line) =>
      compact({
        item_id: line.remoteItemId,
        quantity: line.quantity,
        rate: line.rate,
        description: line.description,
        tax_id: line.remoteTaxId,
      }),
    ),
    adjustment: draft.adjustment === 0 ? undefined : money(draft.adjustment),
    adjustment_description: draft.adjustment === 0 ? undefined : draft.adjustmentNote,
  });
}

export function invoiceBody(draft: TotalledDraft): Body {
  return { ...totalledBody(draft), invoice_number: draft.marker };
}

export function creditNoteBody(draft: CreditNoteDraft): Body {
  return compact({
    ...totalledBody(draft),
    creditnote_number: draft.marker,
    invoice_id: draft.remoteInvoiceId,
  });
}

export function paymentBody(draft: PaymentDraft): Body {
  return compact({
    customer_id: draft.remoteContactId,
    amount: money(draft.amount),
    date: draft.date,
    payment_mode: draft.method,
    reference_number: draft.marker,
    invoices: draft.applications.map((application) => ({
      invoice_id: application.remoteInvoiceId,
      amount_applied: money(application.amount),
    })),
  });
}

export function refundBody(draft: RefundDraft): Body {
  return compact({
    date: draft.date,
    amount: money(draft.amount),
    refund_mode: draft.method,
    reference_number: draft.marker,
  });
}

// ---- answers ----

/** A malformed success answer is the provider's fault, not ours: treated as a server error. */
function malformed(operation: string, what: string): ProviderFailure {
  return new ProviderFailure({
    operation,
    isWrite: false,
    httpStatus: 502,
    message: `Zoho's answer has no valid ${what}`,
  });
}

function record(value: unknown, operation: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(operation, what);
  }
  return value as Record<string, unknown>;
}

function text(doc: Record<string, unknown>, field: string, operation: string): string {
  const value = doc[field];
  if (typeof value !== 'string' || value === '') {
    throw malformed(operation, field);
  }
  return value;
}

function amount(doc: Record<string, unknown>, field: string, operation: string): number {
  const value = doc[field];
  if (typeof value !== 'number' && typeof value !== 'string') {
    throw malformed(operation, field);
  }
  return decimalToMinor(value, ZOHO_MINOR_DIGITS);
}

export function readRef(
  value: unknown,
  idField: string,
  markerField: string,
  operation: string,
): RemoteRef {
  const doc = record(value, operation, idField);
  return {
    remoteId: text(doc, idField, operation),
    marker: text(doc, markerField, operation),
  };
}

/**
 * An invoice or credit note with its totals. NOTE: a list summary may come without
 * `tax_total`; the tax is then what the total holds beyond the sub-total and adjustment.
 */
export function readTotalled(
  value: unknown,
  idField: string,
  numberField: string,
  operation: string,
): RemoteTotalled {
  const doc = record(value, operation, idField);
  const subTotal = amount(doc, 'sub_total', operation);
  const adjustment = amount(doc, 'adjustment', operation);
  const total = amount(doc, 'total', operation);
  return {
    remoteId: text(doc, idField, operation),
    marker: text(doc, numberField, operation),
    subTotal,
    taxTotal:
      doc.tax_total === undefined
        ? subtractMinor(subtractMinor(total, subTotal), adjustment)
        : amount(doc, 'tax_total', operation),
    adjustment,
    total,
    isVoid: doc.status === 'void',
  };
}

export function readTax(value: unknown, operation: string): RemoteTax {
  const doc = record(value, operation, 'tax');
  const percentage = doc.tax_percentage;
  if (typeof percentage !== 'number' && typeof percentage !== 'string') {
    throw malformed(operation, 'tax_percentage');
  }
  return {
    ...readRef(doc, 'tax_id', 'tax_name', operation),
    rate: percentToRate(percentage),
  };
}

export function readPayment(value: unknown, operation: string): RemotePayment {
  const doc = record(value, operation, 'payment');
  return {
    remoteId: text(doc, 'payment_id', operation),
    marker: typeof doc.reference_number === 'string' ? doc.reference_number : '',
    amount: amount(doc, 'amount', operation),
    unusedAmount: amount(doc, 'unused_amount', operation),
  };
}

export function readRefund(value: unknown, idField: string, operation: string): RemoteRefund {
  const doc = record(value, operation, 'refund');
  return {
    remoteId: text(doc, idField, operation),
    marker: typeof doc.reference_number === 'string' ? doc.reference_number : '',
    amount: amount(doc, 'amount', operation),
  };
}

/** The documents of a list answer; a list that is not an array is malformed. */
export function readList(
  envelope: Record<string, unknown>,
  key: string,
  operation: string,
): unknown[] {
  const list = envelope[key];
  if (!Array.isArray(list)) {
    throw malformed(operation, key);
  }
  return list;
}
