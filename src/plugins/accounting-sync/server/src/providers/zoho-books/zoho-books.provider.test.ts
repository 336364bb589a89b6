import { startFakeBooks, type FakeBooksServer } from '../../../../../../../tools/fake-books/src';
import { classifyFailure } from '../../sync/classify-failure';
import type {
  AccountingProvider,
  ProviderSession,
  RemoteRef,
  TotalledDraft,
} from '../accounting-provider';
import { type ProviderFailure, isProviderFailure } from '../provider-failure';
import { createZohoBooksProvider } from './zoho-books.provider';

/**
 * The Zoho Books provider against the fake Zoho Books server over loopback: real sockets, real
 * envelopes, real faults. The fake's clock is frozen so limit windows never depend on speed.
 */

let books: FakeBooksServer;
let provider: AccountingProvider;
let session: ProviderSession;
const calls: string[] = [];

async function failureOf(promise: Promise<unknown>): Promise<ProviderFailure> {
  try {
    await promise;
  } catch (error) {
    if (isProviderFailure(error)) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function connect(): Promise<ProviderSession> {
  const grant = await provider.refreshAccessToken({
    tokenUrl: books.tokenUrl,
    clientId: books.clientId,
    clientSecret: books.clientSecret,
    refreshToken: books.refreshToken,
  });
  return {
    apiBaseUrl: books.apiBaseUrl,
    organizationId: books.organizationId,
    accessToken: grant.accessToken,
  };
}

async function createCustomerAndItem(suffix: string) {
  const contact = await provider.createContact(session, {
    marker: `Alfreds Futterkiste ${suffix}`,
    email: 'maria@example.com',
    billingAddress: { street: 'Obere Str. 57', city: 'Berlin', country: 'Germany' },
  });
  const item = await provider.createItem(session, {
    marker: `CHAI-${suffix}`,
    name: `Chai ${suffix}`,
    rate: 1800,
    kind: 'goods',
  });
  return { contact, item };
}

/** An invoice of two units at 18.00, the shape most tests need. */
function simpleInvoice(marker: string, contact: RemoteRef, item: RemoteRef): TotalledDraft {
  return {
    marker,
    remoteContactId: contact.remoteId,
    date: '2026-12-03',
    lines: [{ remoteItemId: item.remoteId, quantity: 2, rate: '18' }],
    adjustment: 0,
  };
}

beforeAll(async () => {
  const frozen = Date.parse('2026-12-03T12:00:00.000Z');
  books = await startFakeBooks({ port: 0, now: () => frozen });
  provider = createZohoBooksProvider({
    timeoutMs: 10_000,
    onCall: (call) => calls.push(call.operation),
  });
});

afterAll(async () => {
  await books.close();
});

beforeEach(async () => {
  books.admin.reset();
  books.admin.configure({
    rateLimit: { requestsPerWindow: 100, windowMs: 60_000, dailyLimit: 1000 },
  });
  calls.length = 0;
  session = await connect();
});

describe('Zoho Books provider: tokens', () => {
  it('gets an access token with the refresh token grant', async () => {
    const grant = await provider.refreshAccessToken({
      tokenUrl: books.tokenUrl,
      clientId: books.clientId,
      clientSecret: books.clientSecret,
      refreshToken: books.refreshToken,
    });
    expect(grant.expiresInSeconds).toBe(3600);
    expect(grant.accessToken).toMatch(/^1000\./);
  });

  it('reports a revoked refresh token as rejected credentials, without the secrets', async () => {
    books.admin.revokeRefreshToken();
    const failure = await failureOf(
      provider.refreshAccessToken({
        tokenUrl: books.tokenUrl,
        clientId: books.clientId,
        clientSecret: books.clientSecret,
        refreshToken: books.refreshToken,
      }),
    );
    expect(failure.facts.oauthError).toBe('invalid_code');
    expect(classifyFailure(failure.facts)).toEqual({
      kind: 'auth',
      reason: 'credentials-rejected',
    });
    const shown = JSON.stringify({ message: failure.message, facts: failure.facts });
    expect(shown).not.toContain(books.refreshToken);
    expect(shown).not.toContain(books.clientSecret);
  });

  it('reports an expired access token as a 401 to refresh, without the token', async () => {
    books.admin.expireAccessTokens();
    const failure = await failureOf(provider.findContact(session, 'Anyone'));
    expect(failure.facts.httpStatus).toBe(401);
    expect(classifyFailure(failure.facts)).toEqual({ kind: 'auth', reason: 'token-expired' });
    expect(JSON.stringify(failure.facts)).not.toContain(session.accessToken);
  });
});

describe('Zoho Books provider: documents', () => {
  it('creates, finds and updates contacts and items by their markers', async () => {
    const { contact, item } = await createCustomerAndItem('A');
    expect(await provider.findContact(session, 'alfreds futterkiste a')).toEqual(contact);
    expect(await provider.findItem(session, 'CHAI-A')).toEqual(item);
    expect(await provider.findItem(session, 'CHAI-B')).toBeUndefined();

    await provider.updateItem(session, item.remoteId, {
      marker: 'CHAI-A',
      name: 'Chai tea A',
      rate: 1900,
      kind: 'goods',
    });
    const [stored] = books.admin.documents('items');
    expect(stored).toMatchObject({ name: 'Chai tea A', rate: 19, sku: 'CHAI-A' });
  });

  it('creates an invoice under our number and reads its totals exactly', async () => {
    const { contact, item } = await createCustomerAndItem('A');
    const invoice = await provider.createInvoice(session, {
      marker: 'INV-2026-00042',
      remoteContactId: contact.remoteId,
      date: '2026-12-03',
      reference: 'SO-00042',
      lines: [
        { remoteItemId: item.remoteId, quantity: 7, rate: '9.328332' },
        { remoteItemId: item.remoteId, quantity: 3, rate: '12.24' },
      ],
      adjustment: 0,
    });
    // 7 × 9.328332 = 65.298324 → 65.30; 3 × 12.24 = 36.72
    expect(invoice).toEqual({
      remoteId: expect.any(String),
      marker: 'INV-2026-00042',
      subTotal: 10202,
      taxTotal: 0,
      adjustment: 0,
      total: 10202,
      isVoid: false,
    });
    expect(await provider.findInvoice(session, 'INV-2026-00042')).toEqual(invoice);

    const adjusted = await provider.adjustInvoice(session, invoice.remoteId, -1, 'Rounding');
    expect(adjusted).toMatchObject({ subTotal: 10202, adjustment: -1, total: 10201 });
  });

  it('creates a tax, finds it by name or by rate, and taxes invoice lines with it', async () => {
    const { contact, item } = await createCustomerAndItem('T');
    const tax = await provider.createTax(session, { marker: 'Sales tax 8.875%', rate: '0.08875' });
    expect(tax).toEqual({
      remoteId: expect.any(String),
      marker: 'Sales tax 8.875%',
      rate: '0.08875',
    });
    expect(books.admin.documents('taxes')).toEqual([
      expect.objectContaining({ tax_name: 'Sales tax 8.875%', tax_percentage: 8.875 }),
    ]);
    // By name in any case; else any simple tax of the rate (one the accountant made).
    expect(await provider.findTax(session, { marker: 'SALES TAX 8.875%', rate: '0.2' })).toEqual(
      tax,
    );
    expect(await provider.findTax(session, { marker: 'NYC', rate: '0.088750' })).toEqual(tax);
    expect(await provider.findTax(session, { marker: 'NYC', rate: '0.07' })).toBeUndefined();

    const invoice = await provider.createInvoice(session, {
      marker: 'INV-2026-00043',
      remoteContactId: contact.remoteId,
      date: '2026-12-03',
      lines: [
        { remoteItemId: item.remoteId, quantity: 7, rate: '17.1', remoteTaxId: tax.remoteId },
        { remoteItemId: item.remoteId, quantity: 1, rate: '12.5' },
      ],
      adjustment: 0,
    });
    // 119.70 × 8.875 % = 10.623375 → 10.62 on the first line only.
    expect(invoice).toMatchObject({ subTotal: 13220, taxTotal: 1062, total: 14282 });
    expect(await provider.findInvoice(session, 'INV-2026-00043')).toEqual(invoice);
  });

  it('applies a payment to an invoice and refunds an unapplied one', async () => {
    const { contact, item } = await createCustomerAndItem('A');
    const invoice = await provider.createInvoice(session, simpleInvoice('INV-1', contact, item));
    const applied = await provider.createPayment(session, {
      marker: 'pay-order-1-a',
      remoteContactId: contact.remoteId,
      amount: 3000,
      date: '2026-12-03',
      method: 'cash',
      applications: [{ remoteInvoiceId: invoice.remoteId, amount: 3000 }],
    });
    expect(applied).toMatchObject({ marker: 'pay-order-1-a', amount: 3000, unusedAmount: 0 });
    expect(await provider.findPayment(session, 'pay-order-1-a')).toEqual(applied);

    const unapplied = await provider.createPayment(session, {
      marker: 'pay-order-2-a',
      remoteContactId: contact.remoteId,
      amount: 1234,
      date: '2026-12-03',
      applications: [],
    });
    const refund = await provider.createRefund(session, {
      marker: 'refund-order-2-a',
      from: { kind: 'payment', remoteId: unapplied.remoteId },
      amount: 1234,
      date: '2026-12-04',
    });
    expect(refund).toMatchObject({ marker: 'refund-order-2-a', amount: 1234 });
    const from = { kind: 'payment', remoteId: unapplied.remoteId } as const;
    expect(await provider.findRefund(session, from, 'refund-order-2-a')).toEqual(refund);
    expect(await provider.findRefund(session, from, 'refund-other')).toBeUndefined();
  });

  it('creates a credit note against an invoice and refunds it', async () => {
    const { contact, item } = await createCustomerAndItem('A');
    const invoice = await provider.createInvoice(session, simpleInvoice('INV-2', contact, item));
    const note = await provider.createCreditNote(session, {
      marker: 'CN-2026-00001',
      remoteContactId: contact.remoteId,
      remoteInvoiceId: invoice.remoteId,
      date: '2026-12-05',
      lines: [{ remoteItemId: item.remoteId, quantity: 1, rate: '18' }],
      adjustment: 0,
    });
    expect(note).toMatchObject({ marker: 'CN-2026-00001', total: 1800 });
    expect(await provider.findCreditNote(session, 'CN-2026-00001')).toEqual(note);
    const from = { kind: 'creditNote', remoteId: note.remoteId } as const;
    const refund = await provider.createRefund(session, {
      marker: 'refund-cn-1',
      from,
      amount: 1800,
      date: '2026-12-05',
    });
    expect(await provider.findRefund(session, from, 'refund-cn-1')).toEqual(refund);
  });
});

describe('Zoho Books provider: failures', () => {
  it('finds an invoice whose create was performed but never answered, and it exists once', async () => {
    const { contact, item } = await createCustomerAndItem('A');
    books.admin.injectFault({
      kind: 'commit-then-drop',
      method: 'POST',
      path: '/books/v3/invoices',
    });
    const draft = {
      marker: 'INV-7',
      remoteContactId: contact.remoteId,
      date: '2026-12-03',
      lines: [{ remoteItemId: item.remoteId, quantity: 1, rate: '18' }],
      adjustment: 0,
    };
    const failure = await failureOf(provider.createInvoice(session, draft));
    expect(failure.facts.httpStatus).toBeUndefined();
    expect(classifyFailure(failure.facts)).toEqual({ kind: 'transient', isOutcomeUnknown: true });

    const found = await provider.findInvoice(session, 'INV-7');
    expect(found).toMatchObject({ marker: 'INV-7', total: 1800 });
    expect(books.admin.documents('invoices')).toHaveLength(1);
  });

  it('reports a 500 after commit as an unknown outcome', async () => {
    books.admin.injectFault({
      kind: 'commit-then-error',
      method: 'POST',
      path: '/books/v3/contacts',
    });
    const failure = await failureOf(provider.createContact(session, { marker: 'Ernst Handel' }));
    expect(failure.facts).toMatchObject({ httpStatus: 500, providerCode: 1000 });
    expect(classifyFailure(failure.facts)).toEqual({ kind: 'transient', isOutcomeUnknown: true });
    expect(await provider.findContact(session, 'Ernst Handel')).toBeDefined();
  });

  it('reports a 429 burst as the window limit and the daily cap as daily', async () => {
    books.admin.injectFault({ kind: 'rate-limit', path: '/books/v3/contacts' });
    const burst = await failureOf(provider.findContact(session, 'Anyone'));
    expect(classifyFailure(burst.facts)).toEqual({ kind: 'throttled', scope: 'window' });

    books.admin.configure({ rateLimit: { dailyLimit: 1 } });
    await provider.findContact(session, 'Anyone');
    const capped = await failureOf(provider.findContact(session, 'Anyone'));
    expect(capped.facts.httpStatus).toBe(429);
    expect(classifyFailure(capped.facts)).toEqual({
      kind: 'throttled',
      scope: 'daily',
      resetSeconds: 12 * 3600,
    });
  });

  it("dead-letters a document the provider refuses, with the provider's message", async () => {
    const { contact } = await createCustomerAndItem('A');
    const failure = await failureOf(
      provider.createInvoice(session, {
        marker: 'INV-9',
        remoteContactId: contact.remoteId,
        date: '2026-12-03',
        lines: [{ remoteItemId: '999999999999999', quantity: 1, rate: '1' }],
        adjustment: 0,
      }),
    );
    expect(classifyFailure(failure.facts)).toEqual({
      kind: 'invalid',
      providerCode: 1002,
      message: 'Item 999999999999999 does not exist.',
    });
  });

  it('pauses on a wrong organization id', async () => {
    const failure = await failureOf(
      provider.findContact({ ...session, organizationId: '999' }, 'Anyone'),
    );
    expect(classifyFailure(failure.facts)).toEqual({
      kind: 'auth',
      reason: 'organization-rejected',
    });
  });

  it('knows a server that is down never got the request', async () => {
    const down = await startFakeBooks({ port: 0 });
    const downSession = { ...session, apiBaseUrl: down.apiBaseUrl };
    await down.close();
    const failure = await failureOf(provider.createContact(downSession, { marker: 'Nobody' }));
    expect(failure.facts.networkCode).toBe('ECONNREFUSED');
    expect(classifyFailure(failure.facts)).toEqual({ kind: 'transient', isOutcomeUnknown: false });
  });

  it('logs each call by its template, never with ids, tokens or queries', async () => {
    const { contact } = await createCustomerAndItem('A');
    await provider.updateContact(session, contact.remoteId, { marker: 'Alfreds Futterkiste A' });
    expect(calls).toEqual([
      'POST /oauth/v2/token',
      'POST /contacts',
      'POST /items',
      'PUT /contacts/:id',
    ]);
  });
});
