import type { Core } from '@strapi/strapi';
import { loadConfig } from '../../platform/config';
import type { Row } from '../../platform/documents';
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
    const created = (await strapi.documents(ENTRY_UID).create({
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
      } as never,
    })) as Row;
    // NOTE: lines go in through the query engine, not the Document Service: a Document Service
    // create costs about 10 ms a line (validation, relation look-ups), which made posting four
    // times slower. They are written only here, in the entry's transaction; the ledger document
    // middleware still refuses every other Document Service write of them.
    for (const line of lines) {
      await strapi.db.query(LINE_UID).create({
        data: {
          entry: created.id,
          entryKey: entry.key,
          date: entry.date,
          ...line,
          publishedAt: created.publishedAt,
        },
      });
    }
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
