import {
  createContact,
  createInvoice,
  createItem,
  resetBooks,
  resource,
  startTestBooks,
  type Envelope,
  type TestBooks,
} from './helpers';

interface CreditNoteView {
  creditnote_id: string;
  creditnote_number: string;
  status: string;
  total: number;
  balance: number;
  invoice_id: string;
}

describe('/creditnotes', () => {
  let books: TestBooks;

  beforeAll(async () => {
    books = await startTestBooks();
  });

  afterAll(async () => {
    await books.server.close();
  });

  beforeEach(() => resetBooks(books));

  async function createNote(overrides: Record<string, unknown> = {}): Promise<CreditNoteView> {
    const response = await books.api.post<Envelope>('/creditnotes', {
      customer_id: await createContact(books.api),
      line_items: [{ item_id: await createItem(books.api), quantity: 2, rate: 12.5 }],
      ...overrides,
    });
    expect(response.status).toBe(201);
    return resource<CreditNoteView>(response, 'creditnote');
  }

  async function getNote(creditNoteId: string): Promise<CreditNoteView> {
    return resource<CreditNoteView>(
      await books.api.get(`/creditnotes/${creditNoteId}`),
      'creditnote',
    );
  }

  function refund(creditNoteId: string, amount: number) {
    return books.api.post<Envelope>(`/creditnotes/${creditNoteId}/refunds`, {
      date: '2024-06-01',
      amount,
      refund_mode: 'cash',
    });
  }

  it('creates an open credit note for an invoice with server-computed totals', async () => {
    const invoice = await createInvoice(books.api);
    const response = await books.api.post<Envelope>('/creditnotes', {
      customer_id: invoice.customer_id,
      invoice_id: invoice.invoice_id,
      creditnote_number: 'RET-1',
      line_items: [{ item_id: await createItem(books.api), quantity: 3, rate: '3.333' }],
      adjustment: 0.01,
    });

    expect(response.status).toBe(201);
    expect(response.data.code).toBe(0);
    expect(response.data.message).toBe('The credit note has been created.');
    expect(resource(response, 'creditnote')).toMatchObject({
      creditnote_number: 'RET-1',
      invoice_id: invoice.invoice_id,
      status: 'open',
      sub_total: 10,
      total: 10.01,
      balance: 10.01,
    });
  });

  it('refuses a second credit note with the same number with code 12018', async () => {
    await createNote({ creditnote_number: 'RET-2' });

    const response = await books.api.post<Envelope>('/creditnotes', {
      customer_id: await createContact(books.api),
      creditnote_number: 'RET-2',
      line_items: [{ item_id: await createItem(books.api) }],
    });

    expect(response.status).toBe(400);
    expect(response.data).toEqual({
      code: 12018,
      message: 'The specified Credit Note Number already exists',
    });
  });

  it('refunds a credit note, closing it when no credit is left', async () => {
    const note = await createNote();

    const first = await refund(note.creditnote_id, 20);
    expect(first.status).toBe(201);
    expect(first.data.message).toBe('The refund information has been saved.');
    expect(resource(first, 'creditnote_refund')).toMatchObject({
      creditnote_refund_id: expect.stringMatching(/^\d+$/),
      creditnote_id: note.creditnote_id,
      amount: 20,
    });
    expect(await getNote(note.creditnote_id)).toMatchObject({ status: 'open', balance: 5 });

    await refund(note.creditnote_id, 5);
    expect(await getNote(note.creditnote_id)).toMatchObject({ status: 'closed', balance: 0 });
    const listed = await books.api.get<Envelope>(`/creditnotes/${note.creditnote_id}/refunds`);
    expect(listed.data.creditnote_refunds).toHaveLength(2);
  });

  it('refuses a refund above the remaining credits and changes nothing', async () => {
    const note = await createNote();

    const response = await refund(note.creditnote_id, 25.01);

    expect(response.status).toBe(400);
    expect(response.data).toEqual({
      code: 24020,
      message: `The refund amount 25.01 is more than the available credits 25 of credit note ${note.creditnote_number}.`,
    });
    expect((await getNote(note.creditnote_id)).balance).toBe(25);
  });

  it('voids a credit note; a void credit note cannot be refunded or changed', async () => {
    const note = await createNote();

    const voided = await books.api.post<Envelope>(`/creditnotes/${note.creditnote_id}/status/void`);
    expect(voided.status).toBe(200);
    expect(voided.data).toEqual({
      code: 0,
      message: 'Credit Note status has been changed to Void.',
    });

    const refused = await refund(note.creditnote_id, 1);
    const update = await books.api.put<Envelope>(`/creditnotes/${note.creditnote_id}`, {
      notes: 'late',
    });
    for (const response of [refused, update]) {
      expect(response.status).toBe(400);
      expect(response.data).toEqual({
        code: 1040,
        message: `Credit note ${note.creditnote_number} is void and cannot be changed.`,
      });
    }
    expect(await getNote(note.creditnote_id)).toMatchObject({ status: 'void', balance: 0 });
  });

  it('refuses to void a credit note that has refunds', async () => {
    const note = await createNote();
    await refund(note.creditnote_id, 1);

    const response = await books.api.post<Envelope>(
      `/creditnotes/${note.creditnote_id}/status/void`,
    );

    expect(response.status).toBe(400);
    expect(response.data.code).toBe(4001);
    expect((await getNote(note.creditnote_id)).status).toBe('open');
  });

  it('updates a credit note and recomputes its total', async () => {
    const note = await createNote();

    const response = await books.api.put<Envelope>(`/creditnotes/${note.creditnote_id}`, {
      reference_number: 'RMA-4',
      line_items: [{ item_id: await createItem(books.api), quantity: 1, rate: 5 }],
    });

    expect(response.status).toBe(200);
    expect(response.data.message).toBe('Credit Note information has been updated.');
    expect(resource(response, 'creditnote')).toMatchObject({ reference_number: 'RMA-4', total: 5 });
  });

  it('answers an unknown credit note with 404 and code 1002', async () => {
    const response = await books.api.get<Envelope>('/creditnotes/460000000999999');

    expect(response.status).toBe(404);
    expect(response.data).toEqual({ code: 1002, message: 'Credit Note does not exist.' });
  });

  it('filters credit notes by creditnote_number and status', async () => {
    await createNote({ creditnote_number: 'CN-A' });
    const closing = await createNote({ creditnote_number: 'CN-B' });
    await refund(closing.creditnote_id, 25);

    const byNumber = await books.api.get<Envelope>('/creditnotes', {
      params: { creditnote_number: 'CN-A' },
    });
    const closed = await books.api.get<Envelope>('/creditnotes', { params: { status: 'closed' } });

    expect((byNumber.data.creditnotes as CreditNoteView[]).map((n) => n.creditnote_number)).toEqual(
      ['CN-A'],
    );
    expect((closed.data.creditnotes as CreditNoteView[]).map((n) => n.creditnote_number)).toEqual([
      'CN-B',
    ]);
  });
});
