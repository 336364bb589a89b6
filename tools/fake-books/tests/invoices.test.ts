import {
  createContact,
  createInvoice,
  createItem,
  resetBooks,
  resource,
  startTestBooks,
  type Envelope,
  type InvoiceView,
  type TestBooks,
} from './helpers';

describe('/invoices', () => {
  let books: TestBooks;

  beforeAll(async () => {
    books = await startTestBooks();
  });

  afterAll(async () => {
    await books.server.close();
  });

  beforeEach(() => resetBooks(books));

  async function getInvoice(invoiceId: string): Promise<InvoiceView> {
    return resource<InvoiceView>(await books.api.get(`/invoices/${invoiceId}`), 'invoice');
  }

  it('creates a draft invoice and computes line totals, sub-total and total itself', async () => {
    const customerId = await createContact(books.api);
    const teaId = await createItem(books.api, { rate: 4.99 });
    const mugId = await createItem(books.api, { rate: 10 });

    const response = await books.api.post<Envelope>('/invoices', {
      customer_id: customerId,
      invoice_number: 'MP-1001',
      line_items: [
        { item_id: teaId, quantity: 3 },
        { item_id: mugId, quantity: 2, rate: '0.1' },
      ],
      adjustment: -0.5,
      adjustment_description: 'Rounding',
    });

    expect(response.status).toBe(201);
    expect(response.data.code).toBe(0);
    expect(response.data.message).toBe('The invoice has been created.');
    const invoice = resource<InvoiceView>(response, 'invoice');
    expect(invoice.line_items.map((line) => line.item_total)).toEqual([14.97, 0.2]);
    expect(invoice).toMatchObject({
      invoice_number: 'MP-1001',
      status: 'draft',
      sub_total: 15.17,
      adjustment: -0.5,
      total: 14.67,
      balance: 14.67,
    });
  });

  it('numbers invoices automatically when no number is given', async () => {
    const first = await createInvoice(books.api);
    const second = await createInvoice(books.api);

    expect([first.invoice_number, second.invoice_number]).toEqual(['INV-000001', 'INV-000002']);
  });

  it('rounds a half-cent line up in the default half-up mode', async () => {
    const invoice = await createInvoice(books.api, {
      line_items: [
        { item_id: await createItem(books.api), quantity: '0.5', rate: '0.05' },
        { item_id: await createItem(books.api), quantity: 1, rate: '0.125' },
      ],
    });

    expect(invoice.line_items.map((line) => line.item_total)).toEqual([0.03, 0.13]);
    expect(invoice.total).toBe(0.16);
  });

  it('rounds a half-cent line to the even cent in half-even mode', async () => {
    books.server.admin.configure({ rounding: 'half-even' });
    try {
      const invoice = await createInvoice(books.api, {
        line_items: [
          { item_id: await createItem(books.api), quantity: '0.5', rate: '0.05' },
          { item_id: await createItem(books.api), quantity: 1, rate: '0.125' },
          { item_id: await createItem(books.api), quantity: 1, rate: '0.135' },
        ],
      });

      expect(invoice.line_items.map((line) => line.item_total)).toEqual([0.02, 0.12, 0.14]);
      expect(invoice.total).toBe(0.28);
    } finally {
      books.server.admin.configure({ rounding: 'half-up' });
    }
  });

  it('refuses client-sent totals instead of trusting them', async () => {
    const itemId = await createItem(books.api);
    const response = await books.api.post<Envelope>('/invoices', {
      customer_id: await createContact(books.api),
      line_items: [{ item_id: itemId, item_total: 1 }],
    });

    expect(response.status).toBe(400);
    expect(response.data).toEqual({
      code: 4,
      message: 'Invalid value passed for line_items.0.item_total',
    });
  });

  it('refuses a second invoice with the same number (any case) with code 1001', async () => {
    await createInvoice(books.api, { invoice_number: 'MP-7' });

    const response = await books.api.post<Envelope>('/invoices', {
      customer_id: await createContact(books.api),
      invoice_number: 'mp-7',
      line_items: [{ item_id: await createItem(books.api) }],
    });

    expect(response.status).toBe(400);
    expect(response.data).toEqual({ code: 1001, message: 'Invoice number mp-7 already exists.' });
    const listed = await books.api.get<Envelope>('/invoices');
    expect(listed.data.invoices).toHaveLength(1);
  });

  it('refuses an invoice whose customer or item does not exist', async () => {
    const itemId = await createItem(books.api);
    const noCustomer = await books.api.post<Envelope>('/invoices', {
      customer_id: '460000000999999',
      line_items: [{ item_id: itemId }],
    });
    const noItem = await books.api.post<Envelope>('/invoices', {
      customer_id: await createContact(books.api),
      line_items: [{ item_id: '460000000888888' }],
    });

    expect(noCustomer.status).toBe(400);
    expect(noCustomer.data).toEqual({
      code: 3004,
      message:
        'The Customer field can neither be blank nor incorrect. Contact 460000000999999 does not exist.',
    });
    expect(noItem.status).toBe(400);
    expect(noItem.data).toEqual({ code: 1002, message: 'Item 460000000888888 does not exist.' });
  });

  it('answers an unknown invoice with 404 and code 1002', async () => {
    const response = await books.api.get<Envelope>('/invoices/460000000999999');

    expect(response.status).toBe(404);
    expect(response.data).toEqual({ code: 1002, message: 'Invoice does not exist.' });
  });

  it('updates an invoice and recomputes its totals', async () => {
    const invoice = await createInvoice(books.api);

    const response = await books.api.put<Envelope>(`/invoices/${invoice.invoice_id}`, {
      reference_number: 'ORDER-9',
      adjustment: '1.25',
    });

    expect(response.status).toBe(200);
    expect(response.data.message).toBe('Invoice information has been updated.');
    expect(resource(response, 'invoice')).toMatchObject({
      reference_number: 'ORDER-9',
      total: 101.25,
    });
  });

  it('marks an invoice sent and voids it; a void invoice cannot change', async () => {
    const invoice = await createInvoice(books.api);

    const sent = await books.api.post<Envelope>(`/invoices/${invoice.invoice_id}/status/sent`);
    expect(sent.data).toEqual({ code: 0, message: 'Invoice status has been changed to Sent.' });
    expect((await getInvoice(invoice.invoice_id)).status).toBe('sent');

    const voided = await books.api.post<Envelope>(`/invoices/${invoice.invoice_id}/status/void`);
    expect(voided.status).toBe(200);
    expect(voided.data).toEqual({ code: 0, message: 'Invoice status has been changed to Void.' });

    const update = await books.api.put<Envelope>(`/invoices/${invoice.invoice_id}`, {
      reference_number: 'late change',
    });
    expect(update.status).toBe(400);
    expect(update.data).toEqual({
      code: 1040,
      message: `Invoice ${invoice.invoice_number} is void and cannot be changed.`,
    });
    const after = await getInvoice(invoice.invoice_id);
    expect(after).toMatchObject({ status: 'void', balance: 0 });
    expect(after).not.toHaveProperty('reference_number', 'late change');
  });

  it('accepts voiding a void invoice again without change (safe to retry)', async () => {
    const invoice = await createInvoice(books.api);
    await books.api.post(`/invoices/${invoice.invoice_id}/status/void`);

    const again = await books.api.post<Envelope>(`/invoices/${invoice.invoice_id}/status/void`);

    expect(again.status).toBe(200);
    expect(again.data.code).toBe(0);
  });

  it('refuses to void an invoice that has payments', async () => {
    const invoice = await createInvoice(books.api);
    await books.api.post('/customerpayments', {
      customer_id: invoice.customer_id,
      amount: 10,
      date: '2024-05-01',
      invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 10 }],
    });

    const response = await books.api.post<Envelope>(`/invoices/${invoice.invoice_id}/status/void`);

    expect(response.status).toBe(400);
    expect(response.data).toEqual({
      code: 4001,
      message: `Payments have been recorded for invoice ${invoice.invoice_number}. Hence it cannot be voided.`,
    });
    expect((await getInvoice(invoice.invoice_id)).status).toBe('partially_paid');
  });

  it('lists summaries without line items and filters by number, reference and customer', async () => {
    const customerId = await createContact(books.api, { contact_name: 'Zed Stores' });
    await createInvoice(books.api, { invoice_number: 'A-1', reference_number: 'ORD-1' });
    await createInvoice(books.api, { invoice_number: 'A-2', customer_id: customerId });
    await createInvoice(books.api, { invoice_number: 'B-1', reference_number: 'ORD-3' });

    const numbers = async (params: Record<string, string | number>): Promise<string[]> => {
      const response = await books.api.get<Envelope>('/invoices', { params });
      return (response.data.invoices as InvoiceView[]).map((invoice) => invoice.invoice_number);
    };

    const all = await books.api.get<Envelope>('/invoices');
    expect(all.data.invoices).toEqual(
      expect.arrayContaining([expect.not.objectContaining({ line_items: expect.anything() })]),
    );
    expect(await numbers({ invoice_number: 'A-2' })).toEqual(['A-2']);
    expect(await numbers({ invoice_number_startswith: 'A-' })).toEqual(['A-1', 'A-2']);
    expect(await numbers({ reference_number: 'ORD-3' })).toEqual(['B-1']);
    expect(await numbers({ customer_name: 'zed stores' })).toEqual(['A-2']);
    expect(await numbers({ per_page: 2, page: 2 })).toEqual(['B-1']);
  });

  it('filters invoices changed since last_modified_time', async () => {
    const old = await createInvoice(books.api, { invoice_number: 'OLD-1' });
    await createInvoice(books.api, { invoice_number: 'OLD-2' });
    books.server.admin.advanceClock(60_000);
    await books.api.put(`/invoices/${old.invoice_id}`, { notes: 'changed' });
    const changed = await getInvoice(old.invoice_id);

    const response = await books.api.get<Envelope>('/invoices', {
      params: { last_modified_time: changed.last_modified_time },
    });

    expect((response.data.invoices as InvoiceView[]).map((i) => i.invoice_number)).toEqual([
      'OLD-1',
    ]);
  });

  it('refuses an unparseable last_modified_time', async () => {
    const response = await books.api.get<Envelope>('/invoices', {
      params: { last_modified_time: 'yesterday' },
    });

    expect(response.status).toBe(400);
    expect(response.data).toEqual({
      code: 4,
      message: 'Invalid value passed for last_modified_time',
    });
  });
});
