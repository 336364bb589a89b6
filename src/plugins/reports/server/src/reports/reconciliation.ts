import { capabilities, mirrorReports } from '../capabilities';
import { differenceOf } from '../domain/figures';
import {
  creditNoteMismatches,
  orderMismatches,
  type DocumentMismatchKind,
} from './document-checks';
import { mirrorMismatches, type MirrorCheck, type MirrorMismatchKind } from './mirror-checks';
import { defineReport } from './report';

/**
 * Reconciliation: per order and per credit note, that its lines, its stock movements and its
 * journal lines agree (document-checks.ts) and, when the accounting connector mirrored it, that
 * the provider's copy had its total (mirror-checks.ts); globally, that the inventory account
 * equals the stock values, the receivable account equals what the documents say is owed, every
 * entry balances and every level equals its movements.
 */

export type MismatchKind =
  | DocumentMismatchKind
  | MirrorMismatchKind
  | 'entry-unbalanced'
  | 'stock-level'
  | 'inventory-account'
  | 'receivables';

export interface Mismatch {
  [column: string]: string | number;
  kind: MismatchKind;
  id: string;
  expected: number;
  actual: number;
  reason: string;
}

export interface ReconciliationData {
  tiedOut: boolean;
  counts: {
    orders: number;
    creditNotes: number;
    entries: number;
    assets: number;
    ordersMismatching: number;
    creditNotesMismatching: number;
    entriesUnbalanced: number;
    assetsMismatching: number;
    mismatches: number;
    /** What the accounting connector mirrored; absent while it has mirrored nothing. */
    mirror?: { invoices: MirrorCheck; creditNotes: MirrorCheck };
  };
  mismatches: Mismatch[];
}

/** At most this many mismatches are listed; the counts say how many there are. */
export const MISMATCH_LIMIT = 500;

export const reconciliation = defineReport<ReconciliationData>({
  params: [],
  async run(strapi) {
    const found = capabilities(strapi);
    const { ledger, stock, orders } = found;
    const mirror = mirrorReports(strapi);
    // NOTE: one statement after the other: the report runs in one read snapshot, which is one
    // connection (see snapshot.ts).
    const ordersChecked = await orderMismatches(strapi, found, MISMATCH_LIMIT);
    const notesChecked = await creditNoteMismatches(strapi, found, MISMATCH_LIMIT);
    const entries = await ledger.unbalancedEntries(MISMATCH_LIMIT);
    const levels = await stock.levelMismatches(MISMATCH_LIMIT);
    const inventoryAccount = await ledger.accountTotal('inventory');
    const stockValue = await stock.totalStockValue();
    const receivable = await ledger.accountTotal('receivable');
    const owed = await orders.invoicedLessCredited();
    const paid = await ledger.netCustomerPayments();
    const mirrored = mirror
      ? await mirrorMismatches(strapi, found, mirror, MISMATCH_LIMIT)
      : undefined;
    const mismatches: Mismatch[] = [
      ...ordersChecked.mismatches,
      ...notesChecked.mismatches,
      ...(mirrored?.mismatches ?? []),
    ];
    for (const entry of entries.rows) {
      mismatches.push({
        kind: 'entry-unbalanced',
        id: entry.entryKey,
        expected: entry.debit,
        actual: entry.credit,
        reason:
          'the entry does not balance (expected: Σ debit, actual: Σ credit), or its lines differ from its totals',
      });
    }
    for (const level of levels.rows) {
      mismatches.push({
        kind: 'stock-level',
        id: level.sku,
        expected: level.expected,
        actual: level.actual,
        reason: `${level.field} differs from the sum of the asset's stock movements`,
      });
    }
    if (inventoryAccount.balance !== stockValue) {
      mismatches.push({
        kind: 'inventory-account',
        id: inventoryAccount.code,
        expected: stockValue,
        actual: inventoryAccount.balance,
        reason: `account ${inventoryAccount.code} differs from the sum of the assets' stock values`,
      });
    }
    const stillOwed = differenceOf(owed, paid, 'invoices − credit notes − net payments');
    if (receivable.balance !== stillOwed) {
      mismatches.push({
        kind: 'receivables',
        id: receivable.code,
        expected: stillOwed,
        actual: receivable.balance,
        reason: `account ${receivable.code} differs from invoices − credit notes − payments + refunds`,
      });
    }
    const counts = {
      orders: ordersChecked.checked,
      creditNotes: notesChecked.checked,
      entries: entries.checked,
      assets: levels.checked,
      ordersMismatching: ordersChecked.count,
      creditNotesMismatching: notesChecked.count,
      entriesUnbalanced: entries.count,
      assetsMismatching: levels.count,
      mismatches: mismatches.length,
      ...(mirrored && { mirror: mirrored.counts }),
    };
    const tiedOut =
      mismatches.length === 0 &&
      counts.ordersMismatching === 0 &&
      counts.creditNotesMismatching === 0 &&
      counts.entriesUnbalanced === 0 &&
      counts.assetsMismatching === 0 &&
      (mirrored === undefined ||
        (mirrored.counts.invoices.mismatching === 0 &&
          mirrored.counts.creditNotes.mismatching === 0));
    return {
      data: { tiedOut, counts, mismatches },
      meta: { currency: ledger.baseCurrency(), listedAtMost: MISMATCH_LIMIT },
    };
  },
  table: (result) => ({
    columns: ['kind', 'id', 'expected', 'actual', 'reason'],
    rows: result.data.mismatches,
  }),
});
