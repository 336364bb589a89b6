import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createContact,
  createInvoice,
  createItem,
  resource,
  startTestBooks,
  type Envelope,
  type InvoiceView,
} from './helpers';

describe('stateFile', () => {
  let folder: string;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-books-state-'));
  });

  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('keeps the books between runs, new ids and numbers continuing where they stopped', async () => {
    const stateFile = path.join(folder, 'books.json');
    const first = await startTestBooks({ stateFile });
    const contactId = await createContact(first.api, { contact_name: 'Bowman Furniture' });
    await createInvoice(first.api, { customer_id: contactId });
    const exact = await first.api.post<Envelope>('/invoices', {
      customer_id: contactId,
      line_items: [{ item_id: await createItem(first.api), quantity: 3, rate: 5.005 }],
    });
    expect(exact.status).toBe(201);
    await first.server.close();
    expect(fs.existsSync(stateFile)).toBe(true);

    const second = await startTestBooks({ stateFile });
    try {
      const found = await second.api.get<Envelope>(`/contacts/${contactId}`);
      expect(found.status).toBe(200);
      expect(resource<{ contact_name: string }>(found, 'contact').contact_name).toBe(
        'Bowman Furniture',
      );
      const exactId = resource<InvoiceView>(exact, 'invoice').invoice_id;
      const kept = await second.api.get<Envelope>(`/invoices/${exactId}`);
      expect(resource(kept, 'invoice')).toMatchObject({
        invoice_number: 'INV-000002',
        sub_total: 15.02,
        line_items: [expect.objectContaining({ quantity: 3, rate: 5.005, item_total: 15.02 })],
      });
      const next = await createInvoice(second.api, { customer_id: contactId });
      expect(next.invoice_number).toBe('INV-000003');
      expect(BigInt(next.invoice_id)).toBeGreaterThan(BigInt(exactId));
    } finally {
      await second.server.close();
    }
  });

  it('starts empty when the file does not exist yet', async () => {
    const fresh = await startTestBooks({ stateFile: path.join(folder, 'none-yet.json') });
    try {
      const listed = await fresh.api.get<Envelope>('/contacts');
      expect(listed.data.contacts).toEqual([]);
    } finally {
      await fresh.server.close();
    }
  });
});
