import type { Minor } from '../domain/money';

/**
 * The seam between the sync worker and one accounting system. Zoho Books implements it first;
 * QuickBooks Online and Xero fit the same shape: each has contacts/customers, items, invoices,
 * payments applied to invoices, refunds and credit notes, OAuth 2 refresh tokens, a document
 * number or reference to look documents up by, and server-computed totals.
 *
 * Amounts are integer minor units; the provider converts to its own decimal form. Every create
 * carries a stable marker (our number, code, SKU or key) that `find` looks it up by, so a create
 * whose outcome is unknown is looked up before it is sent again. Failures are thrown as
 * `ProviderFailure` and sorted by `classifyFailure`.
 */

export type ProviderName = 'zoho-books';

/** The kinds of remote document the connector mirrors. */
export type RemoteKind =
  'contact' | 'item' | 'tax' | 'invoice' | 'payment' | 'refund' | 'creditNote';

export interface PostalAddress {
  readonly street?: string;
  readonly city?: string;
  readonly region?: string;
  readonly postalCode?: string;
  readonly country?: string;
  readonly phone?: string;
}

/** A customer, as a contact. `marker` is the display name the provider keeps unique. */
export interface ContactDraft {
  readonly marker: string;
  readonly companyName?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly billingAddress?: PostalAddress;
  readonly notes?: string;
}

/** A stock item. `marker` is our SKU. */
export interface ItemDraft {
  readonly marker: string;
  readonly name: string;
  readonly rate: Minor;
  readonly description?: string;
  readonly kind: 'goods' | 'service';
}

/** A sales tax of one rate. `marker` is its name; `rate` a decimal fraction ("0.08875"). */
export interface TaxDraft {
  readonly marker: string;
  readonly rate: string;
}

export interface DocumentLine {
  readonly remoteItemId: string;
  readonly quantity: number;
  /** Unit rate in major units as decimal text, at most `rateDecimalPlaces` places. */
  readonly rate: string;
  readonly description?: string;
  /** The provider's tax on this line; none: untaxed. */
  readonly remoteTaxId?: string;
}

/** An invoice or credit note. `marker` is our invoice or credit-note number. */
export interface TotalledDraft {
  readonly marker: string;
  readonly remoteContactId: string;
  readonly date: string;
  readonly reference?: string;
  readonly lines: readonly DocumentLine[];
  /** Booked through the provider's adjustment field (the amount rule); 0 for none. */
  readonly adjustment: Minor;
  readonly adjustmentNote?: string;
}

export interface CreditNoteDraft extends TotalledDraft {
  readonly remoteInvoiceId?: string;
}

/** A payment received, applied to invoices (none: an unapplied payment). `marker`: our key. */
export interface PaymentDraft {
  readonly marker: string;
  readonly remoteContactId: string;
  readonly amount: Minor;
  readonly date: string;
  readonly method?: string;
  readonly applications: readonly { readonly remoteInvoiceId: string; readonly amount: Minor }[];
}

/** Money paid back from a payment's unused part or from a credit note. `marker`: our key. */
export interface RefundDraft {
  readonly marker: string;
  readonly from: { readonly kind: 'payment' | 'creditNote'; readonly remoteId: string };
  readonly amount: Minor;
  readonly date: string;
  readonly method?: string;
}

export interface RemoteRef {
  readonly remoteId: string;
  readonly marker: string;
}

/** A remote tax and the rate it charges (a decimal fraction). */
export interface RemoteTax extends RemoteRef {
  readonly rate: string;
}

/** A remote document with the totals the provider computed. */
export interface RemoteTotalled extends RemoteRef {
  readonly subTotal: Minor;
  /** Σ of the lines' taxes. */
  readonly taxTotal: Minor;
  readonly adjustment: Minor;
  /** sub-total + tax + adjustment. */
  readonly total: Minor;
  readonly isVoid: boolean;
}

export interface RemotePayment extends RemoteRef {
  readonly amount: Minor;
  readonly unusedAmount: Minor;
}

export interface RemoteRefund extends RemoteRef {
  readonly amount: Minor;
}

/** What the worker holds to call the provider: where, which books, and a live access token. */
export interface ProviderSession {
  readonly apiBaseUrl: string;
  readonly organizationId: string;
  readonly accessToken: string;
}

export interface OAuthClientCredentials {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
}

export interface AccessTokenGrant {
  readonly accessToken: string;
  /** Seconds the token lives, as the provider says. */
  readonly expiresInSeconds: number;
}

/** The provider's limits, for the shared rate limiter. */
export interface ProviderLimits {
  readonly requestsPerWindow: number;
  readonly windowMs: number;
  readonly requestsPerDay: number;
  /** Places a line rate may have. */
  readonly rateDecimalPlaces: number;
}

export interface AccountingProvider {
  readonly name: ProviderName;
  readonly limits: ProviderLimits;

  refreshAccessToken(credentials: OAuthClientCredentials): Promise<AccessTokenGrant>;

  createContact(session: ProviderSession, draft: ContactDraft): Promise<RemoteRef>;
  updateContact(
    session: ProviderSession,
    remoteId: string,
    draft: ContactDraft,
  ): Promise<RemoteRef>;
  findContact(session: ProviderSession, marker: string): Promise<RemoteRef | undefined>;

  createItem(session: ProviderSession, draft: ItemDraft): Promise<RemoteRef>;
  updateItem(session: ProviderSession, remoteId: string, draft: ItemDraft): Promise<RemoteRef>;
  findItem(session: ProviderSession, marker: string): Promise<RemoteRef | undefined>;

  createTax(session: ProviderSession, draft: TaxDraft): Promise<RemoteTax>;
  /**
   * The tax named by the marker or, failing that, the first simple tax of the same rate (one the
   * accountant set up). The caller checks the rate of a tax found by name.
   */
  findTax(session: ProviderSession, draft: TaxDraft): Promise<RemoteTax | undefined>;

  createInvoice(session: ProviderSession, draft: TotalledDraft): Promise<RemoteTotalled>;
  findInvoice(session: ProviderSession, marker: string): Promise<RemoteTotalled | undefined>;
  /** Changes only the adjustment, to bring the provider's total to ours. */
  adjustInvoice(
    session: ProviderSession,
    remoteId: string,
    adjustment: Minor,
    note: string,
  ): Promise<RemoteTotalled>;

  createCreditNote(session: ProviderSession, draft: CreditNoteDraft): Promise<RemoteTotalled>;
  findCreditNote(session: ProviderSession, marker: string): Promise<RemoteTotalled | undefined>;
  /** Changes only the adjustment, to bring the provider's total to ours. */
  adjustCreditNote(
    session: ProviderSession,
    remoteId: string,
    adjustment: Minor,
    note: string,
  ): Promise<RemoteTotalled>;

  createPayment(session: ProviderSession, draft: PaymentDraft): Promise<RemotePayment>;
  findPayment(session: ProviderSession, marker: string): Promise<RemotePayment | undefined>;
  /** Replaces a payment's fields and applications (to free part of it for a refund). */
  updatePayment(
    session: ProviderSession,
    remoteId: string,
    draft: PaymentDraft,
  ): Promise<RemotePayment>;

  createRefund(session: ProviderSession, draft: RefundDraft): Promise<RemoteRefund>;
  findRefund(
    session: ProviderSession,
    from: RefundDraft['from'],
    marker: string,
  ): Promise<RemoteRefund | undefined>;
}
