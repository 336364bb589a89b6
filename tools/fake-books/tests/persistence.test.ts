import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContact, resource, startTestBooks, type Envelope } from './helpers';

describe('stateFile', () => {
  let folder: string;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-books-state-'));
  });

  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('keeps the books between runs, new ids continuing where they stopped', async () => {
    const stateFile = path.join(folder, 'books.json');
    const first = await startTestBooks({ stateFile });
    const contactId = await createContact(first.api, { contact_name: 'Bowman Furniture' });
    await first.server.close();
    expect(fs.existsSync(stateFile)).toBe(true);

    const second = await startTestBooks({ stateFile });
    try {
      const found = await second.api.get<Envelope>(`/contacts/${contactId}`);
      expect(found.status).toBe(200);
      expect(resource<{ contact_name: string }>(found, 'contact').contact_name).toBe(
        'Bowman Furniture',
      );
      const next = await createContact(second.api);
      expect(BigInt(next)).toBe(BigInt(contactId) + 1n);
    } finally {
      await second.server.close();
    }
  });

  it('starts empty when the file does not exist yet, and keeps nothing without a state file', async () => {
    const books = await startTestBooks();
    await createContact(books.api);
    await books.server.close();
    expect(fs.readdirSync(folder)).toEqual([]);

    const fresh = await startTestBooks({ stateFile: path.join(folder, 'none-yet.json') });
    try {
      const listed = await fresh.api.get<Envelope>('/contacts');
      expect(listed.data.contacts).toEqual([]);
    } finally {
      await fresh.server.close();
    }
  });
});
