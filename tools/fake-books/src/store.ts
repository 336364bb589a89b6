import type { Cents, Decimal } from './money';

/** Kinds of remote documents, named like their URL segment. */
export const DOCUMENT_KINDS = [
  'contacts',
  'items',
  'invoices',
  'customerpayments',
  'creditnotes',
  'taxes',
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

interface Tracked {
  /** Server clock (epoch ms) at creation and at the last change. */
  readonly createdAt: number;
  modifiedAt: number;
}

export interface Address {
  attention?: string;
  address?: string;
  street2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
  phone?: string;
}

export interface ContactPerson {
  contact_person_id: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string;
  is_primary_contact: boolean;
}

export interface Contact extends Tracked {
  readonly contact_id: string;
  contact_name: string;
  company_name?: string;
  contact_type: 'customer' | 'vendor';
  email?: string;
  phone?: string;
  website?: string;
  notes?: string;
  billing_address?: Address;
  shipping_address?: Address;
  contact_persons: ContactPerson[];
  status: 'active' | 'inactive';
}

export interface Item extends Tracked {
  readonly item_id: string;
  name: string;
  rate: Decimal;
  description?: string;
  sku?: string;
  unit?: string;
  product_type: 'goods' | 'service' | 'digital_service';
  item_type: 'sales' | 'purchases' | 'sales_and_purchases' | 'inventory';
  status: 'active' | 'inactive';
}

/** A simple tax (`/settings/taxes`); the percentage is exact ("8.875" for 8.875 %). */
export interface Tax extends Tracked {
  readonly tax_id: string;
  tax_name: string;
  tax_percentage: Decimal;
  tax_type: 'tax';
}

/** The tax a line carries, as it was when the line was written. */
export interface LineTax {
  readonly tax_id: string;
  readonly tax_name: string;
  readonly tax_percentage: Decimal;
  /** itemTotal x percentage / 100, rounded once to cents with the organization's rounding. */
  readonly amount: Cents;
}

export interface LineItem {
  readonly line_item_id: string;
  item_id: string;
  name: string;
  description?: string;
  unit?: string;
  quantity: Decimal;
  rate: Decimal;
  /** quantity x rate, rounded once to cents with the organization's rounding mode. */
  itemTotal: Cents;
  /** None: the line is not taxed. */
  tax?: LineTax;
}

/** Shared by invoices and credit notes: lines, totals and the free-text fields. */
export interface TotalledDocument extends Tracked {
  customer_id: string;
  date: string;
  reference_number?: string;
  notes?: string;
  terms?: string;
  lineItems: LineItem[];
  subTotal: Cents;
  /** Σ of the lines' taxes. */
  taxTotal: Cents;
  adjustment: Cents;
  adjustment_description?: string;
  total: Cents;
}

export type InvoiceStatus = 'draft' | 'sent' | 'partially_paid' | 'paid' | 'void';

export interface Invoice extends TotalledDocument {
  readonly invoice_id: string;
  invoice_number: string;
  due_date?: string;
  /** Status before payments (draft or sent); paid states are derived from the balance. */
  baseStatus: 'draft' | 'sent';
  isVoid: boolean;
}

export interface PaymentApplication {
  readonly invoice_id: string;
  amountApplied: Cents;
}

export interface Payment extends Tracked {
  readonly payment_id: string;
  customer_id: string;
  payment_mode: string;
  amount: Cents;
  date: string;
  reference_number?: string;
  description?: string;
  applications: PaymentApplication[];
}

export interface CreditNote extends TotalledDocument {
  readonly creditnote_id: string;
  creditnote_number: string;
  invoice_id?: string;
  isVoid: boolean;
}

export interface Refund extends Tracked {
  readonly refund_id: string;
  /** The payment or credit note refunded. */
  readonly parentKind: 'customerpayments' | 'creditnotes';
  readonly parentId: string;
  readonly customer_id: string;
  date: string;
  refund_mode: string;
  reference_number?: string;
  description?: string;
  from_account_id?: string;
  amount: Cents;
}

/** Every document of one organization. */
export class OrganizationBooks {
  readonly contacts = new Map<string, Contact>();
  readonly items = new Map<string, Item>();
  readonly invoices = new Map<string, Invoice>();
  readonly payments = new Map<string, Payment>();
  readonly creditNotes = new Map<string, CreditNote>();
  readonly refunds = new Map<string, Refund>();
  readonly taxes = new Map<string, Tax>();
  invoiceSerial = 0;
  creditNoteSerial = 0;

  constructor(readonly organizationId: string) {}

  /** Next automatic number, as Zoho's auto-numbering does ("INV-000001"). */
  nextInvoiceNumber(): string {
    this.invoiceSerial += 1;
    return `INV-${String(this.invoiceSerial).padStart(6, '0')}`;
  }

  nextCreditNoteNumber(): string {
    this.creditNoteSerial += 1;
    return `CN-${String(this.creditNoteSerial).padStart(5, '0')}`;
  }
}

/** Counter-based ids shaped like Zoho's 15-digit numeric strings; deterministic per run. */
export class IdGenerator {
  private static readonly BASE = 460_000_000_000_000;
  counter = 0;

  next(): string {
    this.counter += 1;
    return String(IdGenerator.BASE + this.counter);
  }

  reset(): void {
    this.counter = 0;
  }
}

/** In-memory state of every organization the fake serves. */
export class Store {
  readonly ids = new IdGenerator();
  private organizations = new Map<string, OrganizationBooks>();

  constructor(readonly organizationIds: readonly string[]) {
    this.reset();
  }

  books(organizationId: string): OrganizationBooks | undefined {
    return this.organizations.get(organizationId);
  }

  reset(): void {
    this.ids.reset();
    this.organizations = new Map(
      this.organizationIds.map((organizationId) => [
        organizationId,
        new OrganizationBooks(organizationId),
      ]),
    );
  }
}
