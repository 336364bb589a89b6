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

  it('keeps taxes and taxed lines, and reads a file from before taxes as untaxed books', async () => {
    const stateFile = path.join(folder, 'books.json');
    const first = await startTestBooks({ stateFile });
    const tax = await first.api.post<Envelope>('/settings/taxes', {
      tax_name: 'NY',
      tax_percentage: '8.875',
    });
    const taxId = resource<{ tax_id: string }>(tax, 'tax').tax_id;
    const taxed = await createInvoice(first.api, {
      line_items: [{ item_id: await createItem(first.api), rate: 10, tax_id: taxId }],
    });
    await first.server.close();

    const second = await startTestBooks({ stateFile });
    try {
      const kept = await second.api.get<Envelope>(`/settings/taxes/${taxId}`);
      expect(resource(kept, 'tax')).toMatchObject({ tax_name: 'NY', tax_percentage: 8.875 });
      const invoice = await second.api.get<Envelope>(`/invoices/${taxed.invoice_id}`);
      expect(resource(invoice, 'invoice')).toMatchObject({ tax_total: 0.89, total: 10.89 });
    } finally {
      await second.server.close();
    }

    // The same books as the first format wrote them: no taxes, no tax totals.
    const saved = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    saved.format = 1;
    for (const books of saved.organizations) {
      delete books.taxes;
      for (const invoice of books.invoices) {
        delete invoice.taxTotal;
        invoice.lineItems.forEach((line: Record<string, unknown>) => delete line.tax);
        invoice.total = invoice.subTotal;
      }
    }
    fs.writeFileSync(stateFile, JSON.stringify(saved));
    const third = await startTestBooks({ stateFile });
    try {
      const invoice = await third.api.get<Envelope>(`/invoices/${taxed.invoice_id}`);
      expect(resource(invoice, 'invoice')).toMatchObject({ tax_total: 0, total: 10 });
      expect((await third.api.get<Envelope>('/settings/taxes')).data.taxes).toEqual([]);
    } finally {
      await third.server.close();
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
