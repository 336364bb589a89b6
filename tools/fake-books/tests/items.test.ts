import {
  createItem,
  resetBooks,
  resource,
  startTestBooks,
  type Envelope,
  type TestBooks,
} from './helpers';

interface ItemView {
  item_id: string;
  name: string;
  rate: number;
  sku: string;
}

describe('/items', () => {
  let books: TestBooks;

  beforeAll(async () => {
    books = await startTestBooks();
  });

  afterAll(async () => {
    await books.server.close();
  });

  beforeEach(() => resetBooks(books));

  it('creates an item and returns its rate exactly', async () => {
    const response = await books.api.post<Envelope>('/items', {
      name: 'Chai 250g',
      rate: '12.345',
      sku: 'CHAI-001',
    });

    expect(response.status).toBe(201);
    expect(response.data.code).toBe(0);
    expect(response.data.message).toBe('The item has been added.');
    expect(resource<ItemView>(response, 'item')).toMatchObject({
      name: 'Chai 250g',
      rate: 12.345,
      sku: 'CHAI-001',
    });
  });

  it('gets and updates an item', async () => {
    const itemId = await createItem(books.api, { name: 'Mug' });

    const updated = await books.api.put<Envelope>(`/items/${itemId}`, { rate: 7.5 });
    const fetched = await books.api.get<Envelope>(`/items/${itemId}`);

    expect(updated.status).toBe(200);
    expect(updated.data.message).toBe('The item details have been saved.');
    expect(resource<ItemView>(fetched, 'item')).toMatchObject({ name: 'Mug', rate: 7.5 });
  });

  it('answers an unknown item with 404 and code 1002', async () => {
    const response = await books.api.put<Envelope>('/items/460000000999999', { rate: 1 });

    expect(response.status).toBe(404);
    expect(response.data).toEqual({ code: 1002, message: 'Item does not exist.' });
  });

  it('refuses a rate that is not a number and a negative rate', async () => {
    for (const rate of ['abc', -1, '1e3']) {
      const response = await books.api.post<Envelope>('/items', { name: 'Bad', rate });
      expect(response.status).toBe(400);
      expect(response.data).toEqual({ code: 4, message: 'Invalid value passed for rate' });
    }
  });

  it('refuses a duplicate item name or SKU with code 1001', async () => {
    await createItem(books.api, { name: 'Kettle', sku: 'K-1' });

    const byName = await books.api.post<Envelope>('/items', { name: 'kettle', rate: 1 });
    const bySku = await books.api.post<Envelope>('/items', { name: 'Pot', rate: 1, sku: 'k-1' });

    expect(byName.status).toBe(400);
    expect(byName.data).toEqual({ code: 1001, message: 'The item "kettle" already exists.' });
    expect(bySku.data).toEqual({ code: 1001, message: 'The SKU "k-1" already exists.' });
  });

  it('filters items by name_startswith and sku', async () => {
    await createItem(books.api, { name: 'Green Tea', sku: 'T-1' });
    await createItem(books.api, { name: 'Black Tea', sku: 'T-2' });

    const byPrefix = await books.api.get<Envelope>('/items', {
      params: { name_startswith: 'gre' },
    });
    const bySku = await books.api.get<Envelope>('/items', { params: { sku: 'T-2' } });

    expect((byPrefix.data.items as ItemView[]).map((item) => item.name)).toEqual(['Green Tea']);
    expect((bySku.data.items as ItemView[]).map((item) => item.name)).toEqual(['Black Tea']);
    expect(bySku.data.page_context).toMatchObject({ report_name: 'Items' });
  });
});
