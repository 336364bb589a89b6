import type { Core } from '@strapi/strapi';
import { loadConfig } from '../../platform/config';
import type { Row } from '../../platform/documents';
import { distinct, groupBy, readInChunks } from '../../platform/batches';
import { insertRows } from '../../platform/row-writes';
import { parseInput } from '../../platform/validation';
import { resolveAccountCode } from './chart-of-accounts';
import {
  assertBalanced,
  differencesBetween,
  normalizeLines,
  type JournalLine,
  type Posting,
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
  const [view] = await postJournalEntries(strapi, [input]);
  return view;
}

/**
 * Posts many journal entries at once under the rules of `postJournalEntry`, each returned in
 * the order given: the stored keys are read, and the new entries and their lines written, in a
 * few statements however many there are. A key given twice in one call is posted once.
 */
export async function postJournalEntries(
  strapi: Core.Strapi,
  inputs: readonly PostJournalEntryInput[],
): Promise<JournalEntryView[]> {
  const entries = inputs.map((input, index) => parseEntry(input, inputs.length > 1 ? [index] : []));
  if (entries.length === 0) {
    return [];
  }
  const label =
    entries.length === 1 ? `Journal entry ${entries[0].key}` : `${entries.length} journal entries`;

  return writeAsLedger(strapi, label, async () => {
    const views = await readStoredEntries(strapi, distinct(entries.map((entry) => entry.key)));
    const fresh = new Map<string, ParsedEntry>();
    for (const entry of entries) {
      const known = views.get(entry.key) ?? fresh.get(entry.key);
      if (known) {
        assertSamePosting(entry.key, known, entry);
      } else {
        fresh.set(entry.key, entry);
      }
    }
    for (const view of await writeEntries(strapi, [...fresh.values()])) {
      views.set(view.entryKey, view);
    }
    return entries.map((entry) => views.get(entry.key) as JournalEntryView);
  });
}

/** The entry checked: its fields, its lines with account codes, balanced, and its totals. */
function parseEntry(input: PostJournalEntryInput, root: readonly number[]) {
  const entry = parseInput(postJournalEntrySchema, input, root);
  const lines: JournalLine[] = normalizeLines(entry.lines, (account, line) =>
    resolveAccountCode(account, ['lines', line, 'account']),
  );
  return { ...entry, lines, totals: assertBalanced(lines, `Journal entry ${entry.key}`) };
}

type ParsedEntry = ReturnType<typeof parseEntry>;

/**
 * Writes new entries and their lines: one multi-row insert each (in the dialect's batch size),
 * then one read for the ids, document ids and timestamps the views show.
 * NOTE: through the query engine, not the Document Service: its validation and relation
 * look-ups cost more than the rest of a posting. Entries and lines are written only here, in
 * the entry's transaction; the ledger document middleware refuses every other write of them.
 */
async function writeEntries(
  strapi: Core.Strapi,
  entries: readonly ParsedEntry[],
): Promise<JournalEntryView[]> {
  if (entries.length === 0) {
    return [];
  }
  const currency = loadConfig().BASE_CURRENCY;
  const ids = await insertRows(
    strapi,
    ENTRY_UID,
    entries.map((entry) => ({
      entryKey: entry.key,
      date: entry.date,
      memo: entry.memo ?? null,
      sourceType: entry.sourceType,
      sourceId: entry.sourceId,
      orderDocumentId: entry.orderDocumentId ?? null,
      customerDocumentId: entry.customerDocumentId ?? null,
      currency,
      ...entry.totals,
    })),
  );
  await insertRows(
    strapi,
    LINE_UID,
    entries.flatMap((entry) =>
      entry.lines.map((line) => ({ entryKey: entry.key, date: entry.date, ...line })),
    ),
    {
      field: 'entry',
      targetIds: entries.flatMap((entry, index) => entry.lines.map(() => ids[index])),
      targetsAreNew: true,
    },
  );
  const rows = await readInChunks(
    ids,
    (chunk) =>
      strapi.db.query(ENTRY_UID).findMany({
        where: { id: { $in: chunk } },
      }) as Promise<Row[]>,
  );
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return entries.map((entry, index) =>
    presentEntry(
      byId.get(ids[index]) as Row,
      entry.lines.map((line) => ({ ...line })),
    ),
  );
}

/** The stored entries under the given keys, with their lines, by key. */
async function readStoredEntries(
  strapi: Core.Strapi,
  keys: readonly string[],
): Promise<Map<string, JournalEntryView>> {
  const rows = await readInChunks(
    keys,
    (chunk) =>
      strapi.db.query(ENTRY_UID).findMany({ where: { entryKey: { $in: chunk } } }) as Promise<
        Row[]
      >,
  );
  if (rows.length === 0) {
    return new Map();
  }
  const lineRows = await readInChunks(
    rows.map((row) => String(row.entryKey)),
    (chunk) =>
      strapi.db.query(LINE_UID).findMany({
        where: { entryKey: { $in: chunk } },
        select: ['entryKey', 'accountCode', 'debit', 'credit'],
        orderBy: { id: 'asc' },
      }) as Promise<Row[]>,
  );
  const linesByKey = groupBy(lineRows, (line) => String(line.entryKey));
  return new Map(
    rows.map((row) => [
      String(row.entryKey),
      presentEntry(row, linesByKey.get(String(row.entryKey)) ?? []),
    ]),
  );
}

/** Refuses a posting under a key that was posted (or given earlier in the call) differently. */
function assertSamePosting(key: string, stored: Posting, incoming: Posting): void {
  const differences = differencesBetween(stored, incoming);
  if (differences.length > 0) {
    throw new LedgerError(
      'conflict',
      'entry_key_reused',
      `Journal entry ${key} was already posted with different ${differences.join(', ')}; entries are never changed (post a reversing entry under a new key)`,
      { key, fields: differences },
    );
  }
}
