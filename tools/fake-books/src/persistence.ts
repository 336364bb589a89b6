import fs from 'node:fs';
import path from 'node:path';
import type { Store } from './store';

/**
 * Keeps the fake's books in a JSON file between runs (`stateFile`), so that a demo started again
 * finds the documents the connector mirrored last time. Tests leave it off: their books live and
 * die with the test.
 */

/** 2 added taxes; a format-1 file is read as books without any. */
const FORMAT = 2;
const FORMATS_READ = [1, FORMAT];

/** Rates and quantities are exact decimals whose digits are a BigInt, which JSON lacks. */
const BIGINT_TAG = '$bigint';

const writeBigInts = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? { [BIGINT_TAG]: value.toString() } : value;

const readBigInts = (_key: string, value: unknown): unknown =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as Record<string, unknown>)[BIGINT_TAG] === 'string'
    ? BigInt((value as Record<string, string>)[BIGINT_TAG])
    : value;

interface BooksSnapshot {
  organizationId: string;
  invoiceSerial: number;
  creditNoteSerial: number;
  contacts: unknown[];
  items: unknown[];
  invoices: unknown[];
  payments: unknown[];
  creditNotes: unknown[];
  refunds: unknown[];
  taxes?: unknown[];
}

interface StoreSnapshot {
  format: number;
  idCounter: number;
  organizations: BooksSnapshot[];
}

const COLLECTIONS = [
  ['contacts', 'contact_id'],
  ['items', 'item_id'],
  ['invoices', 'invoice_id'],
  ['payments', 'payment_id'],
  ['creditNotes', 'creditnote_id'],
  ['refunds', 'refund_id'],
  ['taxes', 'tax_id'],
] as const;

function snapshotOf(store: Store): StoreSnapshot {
  const organizations = store.organizationIds.flatMap((id) => {
    const books = store.books(id);
    if (!books) {
      return [];
    }
    const snapshot: BooksSnapshot = {
      organizationId: id,
      invoiceSerial: books.invoiceSerial,
      creditNoteSerial: books.creditNoteSerial,
      contacts: [],
      items: [],
      invoices: [],
      payments: [],
      creditNotes: [],
      refunds: [],
      taxes: [],
    };
    for (const [name] of COLLECTIONS) {
      snapshot[name] = [...books[name].values()];
    }
    return [snapshot];
  });
  return { format: FORMAT, idCounter: store.ids.counter, organizations };
}

/** Writes the books to `file` atomically (a half-written file never replaces a whole one). */
export function saveStore(store: Store, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, JSON.stringify(snapshotOf(store), writeBigInts));
  fs.renameSync(partial, file);
}

/** Loads the books saved in `file`, if it exists; an unreadable file stops the start. */
export function loadStore(store: Store, file: string): boolean {
  if (!fs.existsSync(file)) {
    return false;
  }
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8'), readBigInts) as StoreSnapshot;
  if (!FORMATS_READ.includes(snapshot.format)) {
    throw new Error(
      `${file} was written by another version of the fake (format ${snapshot.format})`,
    );
  }
  store.reset();
  store.ids.counter = snapshot.idCounter;
  for (const saved of snapshot.organizations) {
    const books = store.books(saved.organizationId);
    if (!books) {
      // NOTE: an organization no longer configured is dropped, as a fresh start would drop it.
      continue;
    }
    books.invoiceSerial = saved.invoiceSerial;
    books.creditNoteSerial = saved.creditNoteSerial;
    for (const [name, key] of COLLECTIONS) {
      const target = books[name] as Map<string, unknown>;
      for (const document of (saved[name] ?? []) as Record<string, unknown>[]) {
        target.set(String(document[key]), withTaxTotal(document));
      }
    }
  }
  return true;
}

/** A document saved before taxes existed has no tax total: it is 0. */
function withTaxTotal(document: Record<string, unknown>): Record<string, unknown> {
  return 'lineItems' in document && document.taxTotal === undefined
    ? { ...document, taxTotal: 0 }
    : document;
}

/** Saves at most once per `delayMs` after a change, and once more when asked to flush. */
export function createStoreSaver(store: Store, file: string, delayMs = 1_000) {
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    saveStore(store, file);
  };
  return {
    changed(): void {
      if (!timer) {
        timer = setTimeout(() => {
          timer = undefined;
          try {
            saveStore(store, file);
          } catch (error) {
            // NOTE: the books stay in memory; the next change or the close tries again.
            console.error(`[fake-books] could not save ${file}: ${(error as Error).message}`);
          }
        }, delayMs);
        timer.unref();
      }
    },
    flush,
  };
}
