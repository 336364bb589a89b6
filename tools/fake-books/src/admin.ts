import type { Clock } from './clock';
import type { RateLimitConfig, ResolvedConfig } from './config';
import type { Fault, FaultQueue, FaultRequest } from './faults';
import type { RoundingMode } from './money';
import type { OAuthService } from './oauth';
import type { RateLimiter } from './rate-limit';
import type { RequestLog, RequestLogEntry } from './request-log';
import { renderContact } from './services/contacts';
import type { BooksContext } from './services/context';
import { renderCreditNote } from './services/creditnotes';
import { renderInvoice } from './services/invoices';
import { renderItem } from './services/items';
import { renderPayment } from './services/payments';
import { renderTax } from './services/taxes';
import type { DocumentKind, OrganizationBooks, Store } from './store';

export class AdminError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

export interface AdminSettings {
  rounding?: RoundingMode;
  pricePrecision?: number;
  rateLimit?: Partial<RateLimitConfig>;
  accessTokenLifetimeSeconds?: number;
}

export interface AdminDeps {
  readonly config: ResolvedConfig;
  readonly clock: Clock;
  readonly store: Store;
  readonly oauth: OAuthService;
  readonly rateLimiter: RateLimiter;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
}

/**
 * Fault injection and inspection, used in-process by tests (`server.admin`) and over HTTP under
 * `/__admin` by demos. Nothing here goes through OAuth, limits or the request log.
 */
export class AdminService {
  constructor(private readonly deps: AdminDeps) {}

  requestLog(): readonly RequestLogEntry[] {
    return this.deps.log.list();
  }

  clearRequestLog(): void {
    this.deps.log.clear();
  }

  injectFault(request: FaultRequest): Fault {
    return this.deps.faults.add(request);
  }

  pendingFaults(): readonly Fault[] {
    return this.deps.faults.pending();
  }

  clearFaults(): void {
    this.deps.faults.clear();
  }

  /** A valid access token without calling the token endpoint (for tests that skip OAuth). */
  issueAccessToken(): string {
    return this.deps.oauth.issueAccessToken();
  }

  revokeRefreshToken(refreshToken?: string): void {
    this.deps.oauth.revokeRefreshToken(refreshToken);
  }

  expireAccessTokens(): void {
    this.deps.oauth.expireAccessTokens();
  }

  /** Moves the server clock forward: tokens expire and limit windows roll without waiting. */
  advanceClock(ms: number): void {
    this.deps.clock.advance(ms);
  }

  /** The limits in force now (after `configure`). */
  rateLimit(): RateLimitConfig {
    return { ...this.deps.config.rateLimit };
  }

  configure(settings: AdminSettings): void {
    const config = this.deps.config;
    config.rounding = settings.rounding ?? config.rounding;
    config.pricePrecision = settings.pricePrecision ?? config.pricePrecision;
    config.rateLimit = { ...config.rateLimit, ...settings.rateLimit };
    config.accessTokenLifetimeSeconds =
      settings.accessTokenLifetimeSeconds ?? config.accessTokenLifetimeSeconds;
  }

  /** Every document of a kind, rendered as the API's GET would. */
  documents(kind: DocumentKind, organizationId?: string): Record<string, unknown>[] {
    const ctx = this.context(organizationId);
    const { books } = ctx;
    switch (kind) {
      case 'contacts':
        return [...books.contacts.values()].map(renderContact);
      case 'items':
        return [...books.items.values()].map(renderItem);
      case 'invoices':
        return [...books.invoices.values()].map((invoice) => renderInvoice(ctx, invoice));
      case 'customerpayments':
        return [...books.payments.values()].map((payment) => renderPayment(ctx, payment));
      case 'creditnotes':
        return [...books.creditNotes.values()].map((note) => renderCreditNote(ctx, note));
      case 'taxes':
        return [...books.taxes.values()].map(renderTax);
    }
  }

  /** Voids an invoice or credit note behind the client's back, bypassing Zoho's rules. */
  voidDocument(kind: DocumentKind, id: string, organizationId?: string): void {
    if (kind !== 'invoices' && kind !== 'creditnotes') {
      throw new AdminError(400, `Only invoices and credit notes can be voided, not ${kind}`);
    }
    const { books, now } = this.context(organizationId);
    const doc = kind === 'invoices' ? books.invoices.get(id) : books.creditNotes.get(id);
    if (!doc) {
      throw new AdminError(404, `No ${kind} document ${id}`);
    }
    doc.isVoid = true;
    doc.modifiedAt = now;
  }

  /** Deletes a document behind the client's back, with what hangs off it. */
  deleteDocument(kind: DocumentKind, id: string, organizationId?: string): void {
    const { books } = this.context(organizationId);
    if (!deleteFrom(books, kind, id)) {
      throw new AdminError(404, `No ${kind} document ${id}`);
    }
  }

  /** Back to the state at start: no documents, faults, log, usage, tokens or clock offset. */
  reset(): void {
    this.deps.store.reset();
    this.deps.faults.clear();
    this.deps.log.clear();
    this.deps.rateLimiter.reset();
    this.deps.oauth.reset();
    this.deps.clock.reset();
  }

  private context(organizationId?: string): BooksContext {
    const id = organizationId ?? this.deps.config.organizationIds[0] ?? '';
    const books = this.deps.store.books(id);
    if (!books) {
      throw new AdminError(404, `No organization ${id}`);
    }
    return {
      books,
      ids: this.deps.store.ids,
      now: this.deps.clock.now(),
      rounding: this.deps.config.rounding,
      pricePrecision: this.deps.config.pricePrecision,
    };
  }
}

function deleteFrom(books: OrganizationBooks, kind: DocumentKind, id: string): boolean {
  switch (kind) {
    case 'contacts':
      return books.contacts.delete(id);
    case 'items':
      return books.items.delete(id);
    case 'invoices':
      // Payments stay, as unused amounts, like after deleting an invoice in Zoho.
      for (const payment of books.payments.values()) {
        payment.applications = payment.applications.filter((app) => app.invoice_id !== id);
      }
      return books.invoices.delete(id);
    case 'customerpayments':
    case 'creditnotes':
      for (const refund of [...books.refunds.values()]) {
        if (refund.parentKind === kind && refund.parentId === id) {
          books.refunds.delete(refund.refund_id);
        }
      }
      return kind === 'customerpayments' ? books.payments.delete(id) : books.creditNotes.delete(id);
    case 'taxes':
      // Lines keep the tax as it was, like documents written before a tax is deleted in Zoho.
      return books.taxes.delete(id);
  }
}
