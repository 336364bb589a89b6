import type { Core } from '@strapi/strapi';
import { loadConfig } from '../../platform/config';
import type { Row } from '../../platform/documents';
import { insertRows } from '../../platform/row-writes';
import { parseInput } from '../../platform/validation';
import { resolveAccountCode } from './chart-of-accounts';
import {
  assertBalanced,
  differencesBetween,
  normalizeLines,
  type JournalLine,
} from './domain/journal';
import { LedgerError } from './ledger.errors';
import { postJournalEntrySchema, type PostJournalEntryInput } from './ledger.schemas';
import { writeAsLedger } from './ledger.transactions';
import { ENTRY_UID, LINE_UID } from './ledger.uids';
import { presentEntry, type JournalEntryView } from './ledger.views';

/**
 * Posts a balanced journal entry under a unique key, in the caller's transaction (or its own).
 * Posting a key again returns the stored entry and writes nothing; a different posting under a
 * stored key is a 409. Lines of 0 on both sides are dropped; accounts are roles or codes.
 */
export async function postJournalEntry(
  strapi: Core.Strapi,
  input: PostJournalEntryInput,
): Promise<JournalEntryView> {
  const entry = parseInput(postJournalEntrySchema, input, []);
  const lines = normalizeLines(entry.lines, (account, index) =>
    resolveAccountCode(account, ['lines', index, 'account']),
  );
  const totals = assertBalanced(lines, `Journal entry ${entry.key}`);

  return writeAsLedger(strapi, `Journal entry ${entry.key}`, async () => {
    const stored = await readStoredEntry(strapi, entry.key);
    if (stored) {
      assertSamePosting(entry.key, stored, { ...entry, lines });
      return stored.view;
    }
    // NOTE: the entry and its lines go in through the query engine, not the Document Service:
    // its validation and relation look-ups cost more than the rest of a posting. They are
    // written only here, in the entry's transaction; the ledger document middleware still
    // refuses every other Document Service write of them.
    const created = (await strapi.db.query(ENTRY_UID).create({
      data: {
        entryKey: entry.key,
        date: entry.date,
        memo: entry.memo ?? null,
        sourceType: entry.sourceType,
        sourceId: entry.sourceId,
        orderDocumentId: entry.orderDocumentId ?? null,
        customerDocumentId: entry.customerDocumentId ?? null,
        currency: loadConfig().BASE_CURRENCY,
        ...totals,
        publishedAt: new Date(),
      },
    })) as Row;
    await insertRows(
      strapi,
      LINE_UID,
      lines.map((line) => ({ entryKey: entry.key, date: entry.date, ...line })),
      { field: 'entry', targetIds: lines.map(() => created.id as number), targetsAreNew: true },
    );
    return presentEntry(
      created,
      lines.map((line) => ({ ...line })),
    );
  });
}

interface StoredEntry {
  view: JournalEntryView;
  lines: JournalLine[];
}

async function readStoredEntry(strapi: Core.Strapi, key: string): Promise<StoredEntry | null> {
  const row = (await strapi.db
    .query(ENTRY_UID)
    .findOne({ where: { entryKey: key } })) as Row | null;
  if (!row) {
    return null;
  }
  const lineRows = (await strapi.db.query(LINE_UID).findMany({
    where: { entryKey: key },
    select: ['accountCode', 'debit', 'credit'],
    orderBy: { id: 'asc' },
  })) as Row[];
  const view = presentEntry(row, lineRows);
  return { view, lines: view.lines };
}

function assertSamePosting(
  key: string,
  stored: StoredEntry,
  incoming: { date: string; sourceType: string; sourceId: string; lines: JournalLine[] },
): void {
  const differences = differencesBetween({ ...stored.view, lines: stored.lines }, incoming);
  if (differences.length > 0) {
    throw new LedgerError(
      'conflict',
      'entry_key_reused',
      `Journal entry ${key} was already posted with different ${differences.join(', ')}; entries are never changed (post a reversing entry under a new key)`,
      { key, fields: differences },
    );
  }
}
