import type {
  AccountingProvider,
  ProviderLimits,
  ProviderSession,
  RemoteRef,
  RemoteTotalled,
} from '../accounting-provider';
import { isSameRate, minorToDecimal } from '../../domain/money';
import {
  ZOHO_MINOR_DIGITS,
  contactBody,
  creditNoteBody,
  invoiceBody,
  itemBody,
  paymentBody,
  readList,
  readPayment,
  readRef,
  readRefund,
  readTax,
  readTotalled,
  refundBody,
  taxBody,
} from './zoho-books.mapping';
import { ZohoHttp, type ZohoHttpOptions, type ZohoRequest } from './zoho-http';

/** Zoho Books' published limits: 100 requests a minute per organization; the daily cap depends
 * on the plan (1,000 on Free up to 10,000), so the lowest is assumed unless configured. */
export const ZOHO_BOOKS_LIMITS: ProviderLimits = {
  requestsPerWindow: 100,
  windowMs: 60_000,
  requestsPerDay: 1_000,
  rateDecimalPlaces: 6,
};

type Method = ZohoRequest['method'];

/** Looks markers up as Zoho compares them: names and numbers are unique case-insensitively. */
function sameMarker(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The Zoho Books v3 implementation of the provider seam. */
export function createZohoBooksProvider(
  options: ZohoHttpOptions & { readonly limits?: Partial<ProviderLimits> } = {},
): AccountingProvider {
  const http = new ZohoHttp(options);
  const limits = { ...ZOHO_BOOKS_LIMITS, ...options.limits };

  const call = (
    session: ProviderSession,
    method: Method,
    path: string,
    extra: { query?: Record<string, string>; body?: unknown } = {},
  ) =>
    http.call({
      method,
      path,
      baseUrl: session.apiBaseUrl,
      organizationId: session.organizationId,
      accessToken: session.accessToken,
      ...extra,
    });

  /** One exact-filter list call; the first document whose marker matches, or undefined. */
  async function findOne(
    session: ProviderSession,
    path: string,
    listKey: string,
    filter: string,
    marker: string,
  ): Promise<Record<string, unknown> | undefined> {
    const envelope = await call(session, 'GET', path, { query: { [filter]: marker } });
    const docs = readList(envelope, listKey, `GET ${path}`) as Record<string, unknown>[];
    return docs.find((doc) => typeof doc[filter] === 'string' && sameMarker(doc[filter], marker));
  }

  /**
   * The organization's taxes, oldest first. NOTE: one page of 200, so one call through the
   * rate limiter: an organization keeps a handful. A tax beyond them is not found, and creating
   * ours then fails on its name with the provider's own message, for a person to look at.
   */
  async function listTaxes(session: ProviderSession) {
    const query = { page: '1', per_page: '200' };
    const envelope = await call(session, 'GET', '/settings/taxes', { query });
    return readList(envelope, 'taxes', 'GET /settings/taxes').map((doc) => ({
      ...readTax(doc, 'GET /settings/taxes'),
      isSimple: (doc as Record<string, unknown>).tax_type === 'tax',
    }));
  }

  const contactRef = (value: unknown, op: string): RemoteRef =>
    readRef(value, 'contact_id', 'contact_name', op);
  const itemRef = (value: unknown, op: string): RemoteRef => readRef(value, 'item_id', 'sku', op);
  const invoice = (value: unknown, op: string): RemoteTotalled =>
    readTotalled(value, 'invoice_id', 'invoice_number', op);
  const creditNote = (value: unknown, op: string): RemoteTotalled =>
    readTotalled(value, 'creditnote_id', 'creditnote_number', op);

  return {
    name: 'zoho-books',
    limits,

    async refreshAccessToken(credentials) {
      return http.refreshToken(credentials.tokenUrl, {
        grant_type: 'refresh_token',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        refresh_token: credentials.refreshToken,
      });
    },

    async createContact(session, draft) {
      const envelope = await call(session, 'POST', '/contacts', { body: contactBody(draft) });
      return contactRef(envelope.contact, 'POST /contacts');
    },
    async updateContact(session, remoteId, draft) {
      const path = `/contacts/${remoteId}`;
      const envelope = await call(session, 'PUT', path, { body: contactBody(draft) });
      return contactRef(envelope.contact, 'PUT /contacts/:id');
    },
    async findContact(session, marker) {
      const doc = await findOne(session, '/contacts', 'contacts', 'contact_name', marker);
      return doc ? contactRef(doc, 'GET /contacts') : undefined;
    },

    async createItem(session, draft) {
      const envelope = await call(session, 'POST', '/items', { body: itemBody(draft) });
      return itemRef(envelope.item, 'POST /items');
    },
    async updateItem(session, remoteId, draft) {
      const envelope = await call(session, 'PUT', `/items/${remoteId}`, { body: itemBody(draft) });
      return itemRef(envelope.item, 'PUT /items/:id');
    },
    async findItem(session, marker) {
      const doc = await findOne(session, '/items', 'items', 'sku', marker);
      return doc ? itemRef(doc, 'GET /items') : undefined;
    },

    async createTax(session, draft) {
      const envelope = await call(session, 'POST', '/settings/taxes', { body: taxBody(draft) });
      return readTax(envelope.tax, 'POST /settings/taxes');
    },
    async findTax(session, draft) {
      const taxes = await listTaxes(session);
      // NOTE: any simple tax of the rate will do: the CRM knows rates, not tax authorities.
      const found =
        taxes.find((tax) => sameMarker(tax.marker, draft.marker)) ??
        taxes.find((tax) => tax.isSimple && isSameRate(tax.rate, draft.rate));
      return found && { remoteId: found.remoteId, marker: found.marker, rate: found.rate };
    },

    async createInvoice(session, draft) {
      // NOTE: Zoho numbers invoices itself unless told to keep ours; our number is the marker
      // the look-up relies on.
      const envelope = await call(session, 'POST', '/invoices', {
        query: { ignore_auto_number_generation: 'true' },
        body: invoiceBody(draft),
      });
      return invoice(envelope.invoice, 'POST /invoices');
    },
    async findInvoice(session, marker) {
      const doc = await findOne(session, '/invoices', 'invoices', 'invoice_number', marker);
      return doc ? invoice(doc, 'GET /invoices') : undefined;
    },
    async adjustInvoice(session, remoteId, adjustment, note) {
      const envelope = await call(session, 'PUT', `/invoices/${remoteId}`, {
        body: {
          adjustment: minorToDecimal(adjustment, ZOHO_MINOR_DIGITS),
          adjustment_description: note,
        },
      });
      return invoice(envelope.invoice, 'PUT /invoices/:id');
    },

    async createCreditNote(session, draft) {
      const envelope = await call(session, 'POST', '/creditnotes', {
        query: { ignore_auto_number_generation: 'true' },
        body: creditNoteBody(draft),
      });
      return creditNote(envelope.creditnote, 'POST /creditnotes');
    },
    async findCreditNote(session, marker) {
      const doc = await findOne(
        session,
        '/creditnotes',
        'creditnotes',
        'creditnote_number',
        marker,
      );
      return doc ? creditNote(doc, 'GET /creditnotes') : undefined;
    },
    async adjustCreditNote(session, remoteId, adjustment, note) {
      const envelope = await call(session, 'PUT', `/creditnotes/${remoteId}`, {
        body: {
          adjustment: minorToDecimal(adjustment, ZOHO_MINOR_DIGITS),
          adjustment_description: note,
        },
      });
      return creditNote(envelope.creditnote, 'PUT /creditnotes/:id');
    },

    async createPayment(session, draft) {
      const body = paymentBody(draft);
      const envelope = await call(session, 'POST', '/customerpayments', { body });
      return readPayment(envelope.payment, 'POST /customerpayments');
    },
    async updatePayment(session, remoteId, draft) {
      const body = paymentBody(draft);
      const envelope = await call(session, 'PUT', `/customerpayments/${remoteId}`, { body });
      return readPayment(envelope.payment, 'PUT /customerpayments/:id');
    },
    async findPayment(session, marker) {
      const path = '/customerpayments';
      const doc = await findOne(session, path, 'customerpayments', 'reference_number', marker);
      return doc ? readPayment(doc, `GET ${path}`) : undefined;
    },

    async createRefund(session, draft) {
      const isPayment = draft.from.kind === 'payment';
      const path = `/${isPayment ? 'customerpayments' : 'creditnotes'}/${draft.from.remoteId}/refunds`;
      const envelope = await call(session, 'POST', path, { body: refundBody(draft) });
      return isPayment
        ? readRefund(
            envelope.payment_refund,
            'payment_refund_id',
            'POST /customerpayments/:id/refunds',
          )
        : readRefund(
            envelope.creditnote_refund,
            'creditnote_refund_id',
            'POST /creditnotes/:id/refunds',
          );
    },
    async findRefund(session, from, marker) {
      const isPayment = from.kind === 'payment';
      const path = `/${isPayment ? 'customerpayments' : 'creditnotes'}/${from.remoteId}/refunds`;
      const listKey = isPayment ? 'payment_refunds' : 'creditnote_refunds';
      const idField = isPayment ? 'payment_refund_id' : 'creditnote_refund_id';
      const envelope = await call(session, 'GET', path);
      const refunds = readList(envelope, listKey, `GET ${path}`) as Record<string, unknown>[];
      const doc = refunds.find(
        (refund) =>
          typeof refund.reference_number === 'string' &&
          sameMarker(refund.reference_number, marker),
      );
      return doc ? readRefund(doc, idField, `GET ${path}`) : undefined;
    },
  };
}
