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

interface TaxView {
  tax_id: string;
  tax_name: string;
  tax_percentage: number;
  tax_type: string;
}

interface TaxedDocument {
  sub_total: number;
  tax_total: number;
  adjustment: number;
  total: number;
  taxes: { tax_name: string; tax_amount: number }[];
  line_items: { item_total: number; tax_id: string; tax_percentage: number }[];
}

describe('/settings/taxes and taxed lines', () => {
  let books: TestBooks;

  beforeAll(async () => {
    books = await startTestBooks();
  });

  afterAll(async () => {
    await books.server.close();
  });

  beforeEach(() => resetBooks(books));

  async function createTax(name: string, percentage: number | string): Promise<string> {
    const response = await books.api.post<Envelope>('/settings/taxes', {
      tax_name: name,
      tax_percentage: percentage,
    });
    expect(response.status).toBe(201);
    return resource<TaxView>(response, 'tax').tax_id;
  }

  it('creates a tax, lists it and gets it by id', async () => {
    const created = await books.api.post<Envelope>('/settings/taxes', {
      tax_name: 'NY sales tax',
      tax_percentage: '8.875',
    });

    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ code: 0, message: 'The tax has been added.' });
    const tax = resource<TaxView>(created, 'tax');
    expect(tax).toMatchObject({ tax_name: 'NY sales tax', tax_percentage: 8.875, tax_type: 'tax' });
    const listed = await books.api.get<Envelope>('/settings/taxes');
    expect(listed.data.taxes).toEqual([expect.objectContaining({ tax_id: tax.tax_id })]);
    expect(listed.data.page_context).toMatchObject({ page: 1, has_more_page: false });
    const found = await books.api.get<Envelope>(`/settings/taxes/${tax.tax_id}`);
    expect(resource(found, 'tax')).toEqual(tax);
  });

  it('refuses a second tax of the same name (any case) with code 1001', async () => {
    await createTax('VAT', 20);

    const again = await books.api.post<Envelope>('/settings/taxes', {
      tax_name: 'vat ',
      tax_percentage: 19,
    });

    expect(again.status).toBe(400);
    expect(again.data).toEqual({ code: 1001, message: 'The tax "vat" already exists.' });
    expect((await books.api.get<Envelope>('/settings/taxes')).data.taxes).toHaveLength(1);
  });

  it.each([
    ['above 100', 100.5],
    ['negative', -1],
    ['with more than 4 decimals', '8.87501'],
    ['not a number', 'eight'],
  ])('refuses a percentage %s, naming the field', async (_what, percentage) => {
    const response = await books.api.post<Envelope>('/settings/taxes', {
      tax_name: 'Odd tax',
      tax_percentage: percentage,
    });

    expect(response.status).toBe(400);
    expect(response.data).toEqual({ code: 4, message: 'Invalid value passed for tax_percentage' });
    expect((await books.api.get<Envelope>('/settings/taxes')).data.taxes).toEqual([]);
  });

  it('answers 404 with code 1002 for a tax that does not exist', async () => {
    const response = await books.api.get<Envelope>('/settings/taxes/460000000777777');

    expect(response.status).toBe(404);
    expect(response.data).toEqual({ code: 1002, message: 'Tax does not exist.' });
  });

  it('taxes each line on its rounded total and adds the tax to the total', async () => {
    const ny = await createTax('NY', '8.875');
    const reduced = await createTax('Reduced', 5);
    const invoice = await createInvoice(books.api, {
      line_items: [
        { item_id: await createItem(books.api), quantity: 7, rate: '17.1', tax_id: ny },
        { item_id: await createItem(books.api), quantity: 3, rate: '10.01', tax_id: reduced },
        { item_id: await createItem(books.api), quantity: 1, rate: '0.3', tax_id: ny },
        { item_id: await createItem(books.api), quantity: 1, rate: '12.5' },
      ],
      adjustment: 0.01,
    });

    // 119.70 × 8.875 % = 10.623 → 10.62; 30.03 × 5 % = 1.5015 → 1.50; 0.30 → 0.027 → 0.03.
    const taxed = invoice as unknown as TaxedDocument;
    expect(taxed).toMatchObject({
      sub_total: 162.53,
      tax_total: 12.15,
      adjustment: 0.01,
      total: 174.69,
      taxes: [
        { tax_name: 'NY', tax_amount: 10.65 },
        { tax_name: 'Reduced', tax_amount: 1.5 },
      ],
    });
    expect(taxed.line_items.map((line) => [line.tax_id, line.tax_percentage])).toEqual([
      [ny, 8.875],
      [reduced, 5],
      [ny, 8.875],
      ['', 0],
    ]);
  });

  it('rounds a half-cent tax with the organization rounding', async () => {
    const eighth = await createTax('Eighth', '12.5');
    const line = async () => ({ item_id: await createItem(books.api), rate: 1, tax_id: eighth });
    const halfUp = (await createInvoice(books.api, {
      line_items: [await line()],
    })) as unknown as TaxedDocument;
    books.server.admin.configure({ rounding: 'half-even' });
    try {
      const halfEven = (await createInvoice(books.api, {
        line_items: [await line()],
      })) as unknown as TaxedDocument;
      // 1.00 × 12.5 % = 0.125
      expect(halfUp).toMatchObject({ tax_total: 0.13, total: 1.13 });
      expect(halfEven).toMatchObject({ tax_total: 0.12, total: 1.12 });
    } finally {
      books.server.admin.configure({ rounding: 'half-up' });
    }
  });

  it('refuses a line with an unknown tax and writes nothing', async () => {
    const response = await books.api.post<Envelope>('/invoices', {
      customer_id: await createContact(books.api),
      line_items: [{ item_id: await createItem(books.api), tax_id: '460000000666666' }],
    });

    expect(response.status).toBe(400);
    expect(response.data).toEqual({ code: 1002, message: 'Tax 460000000666666 does not exist.' });
    expect((await books.api.get<Envelope>('/invoices')).data.invoices).toEqual([]);
  });

  it('taxes credit-note lines and keeps a tax deleted later on the documents that had it', async () => {
    const tax = await createTax('GST', 10);
    const response = await books.api.post<Envelope>('/creditnotes', {
      customer_id: await createContact(books.api),
      line_items: [{ item_id: await createItem(books.api), quantity: 2, rate: 4.99, tax_id: tax }],
    });
    expect(response.status).toBe(201);
    const note = resource<TaxedDocument & { creditnote_id: string }>(response, 'creditnote');
    expect(note).toMatchObject({ sub_total: 9.98, tax_total: 1, total: 10.98 });

    books.server.admin.deleteDocument('taxes', tax);
    const kept = await books.api.get<Envelope>(`/creditnotes/${note.creditnote_id}`);
    expect(resource(kept, 'creditnote')).toMatchObject({ tax_total: 1, total: 10.98 });
    expect(books.server.admin.documents('taxes')).toEqual([]);
  });
});
