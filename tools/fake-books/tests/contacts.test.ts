import {
  createContact,
  resetBooks,
  resource,
  startTestBooks,
  type Envelope,
  type TestBooks,
} from './helpers';

interface ContactView {
  contact_id: string;
  contact_name: string;
  email: string;
  last_modified_time: string;
}

describe('/contacts', () => {
  let books: TestBooks;

  beforeAll(async () => {
    books = await startTestBooks();
  });

  afterAll(async () => {
    await books.server.close();
  });

  beforeEach(() => resetBooks(books));

  it('creates a contact with a numeric-string id in Zoho envelope, HTTP 201', async () => {
    const response = await books.api.post<Envelope>('/contacts', {
      contact_name: 'Bowman Furniture',
      email: 'ben@bowman.test',
      billing_address: { city: 'Austin', country: 'USA' },
    });

    expect(response.status).toBe(201);
    expect(response.data.code).toBe(0);
    expect(response.data.message).toBe('The contact has been added.');
    const contact = resource<ContactView>(response, 'contact');
    expect(contact.contact_id).toMatch(/^\d{15}$/);
    expect(contact).toMatchObject({ contact_name: 'Bowman Furniture', email: 'ben@bowman.test' });
  });

  it('gives deterministic ids, counting from the start after a reset', async () => {
    const first = await createContact(books.api);
    resetBooks(books);
    expect(await createContact(books.api)).toBe(first);
  });

  it('gets and updates a contact', async () => {
    const contactId = await createContact(books.api, { contact_name: 'Old Name' });

    const updated = await books.api.put<Envelope>(`/contacts/${contactId}`, {
      contact_name: 'New Name',
    });
    expect(updated.status).toBe(200);
    expect(updated.data.code).toBe(0);
    expect(updated.data.message).toBe('Contact has been updated successfully');

    const fetched = await books.api.get<Envelope>(`/contacts/${contactId}`);
    expect(fetched.status).toBe(200);
    expect(fetched.data.message).toBe('success');
    expect(resource<ContactView>(fetched, 'contact').contact_name).toBe('New Name');
  });

  it('answers an unknown contact id with 404 and code 1002', async () => {
    const response = await books.api.get<Envelope>('/contacts/460000000999999');

    expect(response.status).toBe(404);
    expect(response.data).toEqual({ code: 1002, message: 'Contact does not exist.' });
  });

  it('refuses a contact without a name, and unknown fields, with 400', async () => {
    const missing = await books.api.post<Envelope>('/contacts', { email: 'a@b.test' });
    expect(missing.status).toBe(400);
    expect(missing.data).toEqual({ code: 4, message: 'Invalid value passed for contact_name' });

    const unknown = await books.api.post<Envelope>('/contacts', {
      contact_name: 'Typo Ltd',
      emial: 'a@b.test',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.data).toEqual({ code: 4, message: 'Invalid value passed for emial' });
    const listed = await books.api.get<Envelope>('/contacts');
    expect(listed.data.contacts).toEqual([]);
  });

  it('refuses a second contact with the same name (any case) with code 1001', async () => {
    await createContact(books.api, { contact_name: 'Acme' });

    const response = await books.api.post<Envelope>('/contacts', { contact_name: 'ACME ' });

    expect(response.status).toBe(400);
    expect(response.data).toEqual({
      code: 1001,
      message: 'The contact name "ACME" already exists.',
    });
  });

  it('accepts the legacy JSONString form body', async () => {
    const response = await books.api.post<Envelope>(
      '/contacts',
      new URLSearchParams({ JSONString: JSON.stringify({ contact_name: 'Form Co' }) }).toString(),
      { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
    );

    expect(response.status).toBe(201);
    expect(resource<ContactView>(response, 'contact').contact_name).toBe('Form Co');
  });

  it('answers malformed JSON with code 1038', async () => {
    const response = await books.api.post<Envelope>('/contacts', '{"contact_name":', {
      headers: { 'Content-Type': 'application/json' },
    });

    expect(response.status).toBe(400);
    expect(response.data).toEqual({ code: 1038, message: 'JSON is not well formed' });
  });

  it('pages the list with page, per_page and has_more_page', async () => {
    for (let index = 1; index <= 5; index += 1) {
      await createContact(books.api, { contact_name: `Customer ${index}` });
    }

    const first = await books.api.get<Envelope>('/contacts', { params: { per_page: 2 } });
    const last = await books.api.get<Envelope>('/contacts', { params: { page: 3, per_page: 2 } });

    expect(first.data.page_context).toMatchObject({ page: 1, per_page: 2, has_more_page: true });
    expect((first.data.contacts as ContactView[]).map((c) => c.contact_name)).toEqual([
      'Customer 1',
      'Customer 2',
    ]);
    expect(last.data.page_context).toMatchObject({ page: 3, per_page: 2, has_more_page: false });
    expect((last.data.contacts as ContactView[]).map((c) => c.contact_name)).toEqual([
      'Customer 5',
    ]);
  });

  it('refuses a page number that is not a positive integer', async () => {
    const response = await books.api.get<Envelope>('/contacts', { params: { page: 0 } });

    expect(response.status).toBe(400);
    expect(response.data).toEqual({ code: 4, message: 'Invalid value passed for page' });
  });

  it('filters by contact_name, its _contains variant and last_modified_time', async () => {
    await createContact(books.api, { contact_name: 'Alpha Traders' });
    const betaId = await createContact(books.api, { contact_name: 'Beta Traders' });
    books.server.admin.advanceClock(60_000);
    await books.api.put(`/contacts/${betaId}`, { email: 'beta@traders.test' });
    const beta = resource<ContactView>(await books.api.get(`/contacts/${betaId}`), 'contact');

    const names = async (params: Record<string, string>): Promise<string[]> => {
      const response = await books.api.get<Envelope>('/contacts', { params });
      return (response.data.contacts as ContactView[]).map((contact) => contact.contact_name);
    };

    expect(await names({ contact_name: 'alpha traders' })).toEqual(['Alpha Traders']);
    expect(await names({ contact_name_contains: 'Traders' })).toEqual([
      'Alpha Traders',
      'Beta Traders',
    ]);
    expect(await names({ last_modified_time: beta.last_modified_time })).toEqual(['Beta Traders']);
  });
});
