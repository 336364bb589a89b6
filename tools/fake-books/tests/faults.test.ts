import { isAxiosError } from 'axios';
import type { RequestLogEntry } from '../src';
import {
  createContact,
  createItem,
  resetBooks,
  resource,
  startTestBooks,
  type Envelope,
  type InvoiceView,
  type TestBooks,
} from './helpers';

describe('fault injection and the request log', () => {
  let books: TestBooks;

  beforeAll(async () => {
    books = await startTestBooks();
  });

  afterAll(async () => {
    await books.server.close();
  });

  beforeEach(() => resetBooks(books));

  async function invoiceBody(invoiceNumber: string): Promise<Record<string, unknown>> {
    return {
      customer_id: await createContact(books.api),
      invoice_number: invoiceNumber,
      line_items: [{ item_id: await createItem(books.api), quantity: 1, rate: 10 }],
    };
  }

  async function invoicesNumbered(invoiceNumber: string): Promise<InvoiceView[]> {
    const response = await books.api.get<Envelope>('/invoices', {
      params: { invoice_number: invoiceNumber },
    });
    return response.data.invoices as InvoiceView[];
  }

  /** The error a client sees when the connection ends without an answer. */
  async function connectionError(request: Promise<unknown>): Promise<string | undefined> {
    try {
      await request;
    } catch (error) {
      return isAxiosError(error) ? error.code : String(error);
    }
    throw new Error('the request was answered');
  }

  function lastLogEntry(): RequestLogEntry {
    const entries = books.server.admin.requestLog();
    const last = entries[entries.length - 1];
    if (!last) {
      throw new Error('the request log is empty');
    }
    return last;
  }

  it('commit-then-drop creates the invoice but leaves the client without an answer', async () => {
    const body = await invoiceBody('DROP-1');
    books.server.admin.injectFault({
      kind: 'commit-then-drop',
      method: 'POST',
      path: '/books/v3/invoices',
    });

    const code = await connectionError(books.api.post('/invoices', body));

    expect(code).toBe('ECONNRESET');
    expect(await invoicesNumbered('DROP-1')).toHaveLength(1);
    const entry = books.server.admin
      .requestLog()
      .find((candidate) => candidate.fault === 'commit-then-drop');
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/books/v3/invoices',
      status: 201,
      answered: false,
    });
    expect(entry?.endedAt).toBeGreaterThanOrEqual(entry?.startedAt ?? Infinity);
  });

  it('a retried create after commit-then-drop is refused as a duplicate number', async () => {
    const body = await invoiceBody('DROP-2');
    books.server.admin.injectFault({ kind: 'commit-then-drop', path: '/books/v3/invoices' });
    await connectionError(books.api.post('/invoices', body));

    const retry = await books.api.post<Envelope>('/invoices', body);

    expect(retry.status).toBe(400);
    expect(retry.data).toEqual({ code: 1001, message: 'Invoice number DROP-2 already exists.' });
  });

  it('connection reset ends the request before anything is created', async () => {
    const body = await invoiceBody('RESET-1');
    books.server.admin.injectFault({ kind: 'reset', method: 'POST', path: '/books/v3/invoices' });

    const code = await connectionError(books.api.post('/invoices', body));

    expect(code).toBe('ECONNRESET');
    expect(await invoicesNumbered('RESET-1')).toEqual([]);
    expect(
      books.server.admin.requestLog().find((candidate) => candidate.fault === 'reset'),
    ).toMatchObject({ method: 'POST', answered: false, status: undefined });
  });

  it('answers the next N matching requests with a 5xx, then serves normally', async () => {
    books.server.admin.injectFault({
      kind: 'error',
      status: 500,
      count: 1,
      path: '/books/v3/items',
    });
    books.server.admin.injectFault({
      kind: 'error',
      status: 503,
      count: 1,
      path: '/books/v3/items',
    });

    const first = await books.api.get<Envelope>('/items');
    const second = await books.api.get('/items');
    const contacts = await books.api.get('/contacts');
    const third = await books.api.get('/items');

    expect(first.status).toBe(500);
    expect(first.data).toEqual({ code: 1000, message: 'Internal error' });
    expect(second.status).toBe(503);
    expect(contacts.status).toBe(200);
    expect(third.status).toBe(200);
    const faults = books.server.admin.requestLog().map((entry) => [entry.status, entry.fault]);
    expect(faults).toEqual([
      [500, 'error'],
      [503, 'error'],
      [200, undefined],
      [200, undefined],
    ]);
  });

  it('commit-then-error creates the document and answers 500', async () => {
    const body = await invoiceBody('ERR-1');
    books.server.admin.injectFault({ kind: 'commit-then-error', path: '/books/v3/invoices' });

    const response = await books.api.post<Envelope>('/invoices', body);

    expect(response.status).toBe(500);
    expect(response.data).toEqual({ code: 1000, message: 'Internal error' });
    expect(await invoicesNumbered('ERR-1')).toHaveLength(1);
  });

  it('delays a request by the injected latency and records it in the log', async () => {
    books.server.admin.injectFault({ kind: 'latency', latencyMs: 50, path: '/books/v3/contacts' });

    const response = await books.api.get('/contacts');

    expect(response.status).toBe(200);
    expect(lastLogEntry()).toMatchObject({ fault: 'latency', latencyMs: 50, status: 200 });
  });

  it('answers a burst of 429s in Zoho’s envelope without Retry-After', async () => {
    books.server.admin.injectFault({ kind: 'rate-limit', count: 2 });

    const responses = [
      await books.api.get<Envelope>('/contacts'),
      await books.api.get<Envelope>('/items'),
      await books.api.get<Envelope>('/items'),
    ];

    expect(responses.map((response) => response.status)).toEqual([429, 429, 200]);
    expect(responses[0]?.data).toEqual({
      code: 44,
      message: 'You have made too many requests continuously. Please try again after some time.',
    });
    expect(responses[0]?.headers['retry-after']).toBeUndefined();
  });

  it('voids and deletes documents behind the client’s back', async () => {
    const created = await books.api.post<Envelope>('/invoices', await invoiceBody('GONE-1'));
    const invoiceId = resource<InvoiceView>(created, 'invoice').invoice_id;

    books.server.admin.voidDocument('invoices', invoiceId);
    const voided = await books.api.get<Envelope>(`/invoices/${invoiceId}`);
    expect(resource<InvoiceView>(voided, 'invoice').status).toBe('void');

    books.server.admin.deleteDocument('invoices', invoiceId);
    const deleted = await books.api.get<Envelope>(`/invoices/${invoiceId}`);
    expect(deleted.status).toBe(404);
    expect(deleted.data).toEqual({ code: 1002, message: 'Invoice does not exist.' });
  });

  it('does the same through the HTTP admin API, and its calls stay out of the log', async () => {
    const injected = await books.raw.post('/__admin/faults', {
      kind: 'error',
      status: 502,
      path: '/books/v3/contacts',
    });
    expect(injected.status).toBe(201);

    const failed = await books.api.get('/contacts');
    const log = await books.raw.get<{ entries: RequestLogEntry[] }>('/__admin/log');
    const documents = await books.raw.get<{ documents: unknown[] }>('/__admin/documents/contacts');
    const badFault = await books.raw.post<{ error: string }>('/__admin/faults', { kind: 'nope' });

    expect(failed.status).toBe(502);
    expect(log.data.entries).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/books/v3/contacts',
        status: 502,
        fault: 'error',
      }),
    ]);
    expect(documents.data.documents).toEqual([]);
    expect(badFault.status).toBe(400);
    expect(badFault.data.error).toContain('kind');
  });

  it('resets all state: documents, faults, log and ids', async () => {
    await createContact(books.api);
    books.server.admin.injectFault({ kind: 'error', path: '/books/v3/never' });

    const reset = await books.raw.post('/__admin/reset');

    expect(reset.status).toBe(204);
    expect(books.server.admin.documents('contacts')).toEqual([]);
    expect(books.server.admin.pendingFaults()).toEqual([]);
    expect(books.server.admin.requestLog()).toEqual([]);
  });

  it('answers unknown URLs and unsupported methods in Zoho’s envelope', async () => {
    const unknown = await books.api.get<Envelope>('/nothing-here');
    const method = await books.api.delete<Envelope>('/contacts');

    expect(unknown.status).toBe(404);
    expect(unknown.data).toEqual({ code: 5, message: 'Invalid URL Passed' });
    expect(method.status).toBe(405);
    expect(method.data).toEqual({ code: 37, message: 'The HTTP method DELETE is not allowed' });
  });
});
