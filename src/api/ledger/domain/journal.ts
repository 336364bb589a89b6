import { MAX_AMOUNT, sumAmounts } from '../../../platform/money';
import { LedgerError } from '../ledger.errors';

/** Pure rules of a journal entry's lines: each line one-sided, the entry balanced. */

/** What a journal entry can come from; its `sourceId` names that document. */
export const SOURCE_TYPES = [
  'order',
  'invoice',
  'credit-note',
  'payment',
  'refund',
  'receipt',
  'adjustment',
  'supplier-payment',
  'opening-stock',
] as const;

export type SourceType = (typeof SOURCE_TYPES)[number];

/** A line as a caller gives it: an account (role or code) and a debit or a credit. */
export interface LineInput {
  account: string;
  debit: number;
  credit: number;
}

/** A line as it is stored: the account's code, minor units, one side 0. */
export interface JournalLine {
  accountCode: string;
  debit: number;
  credit: number;
}

export interface EntryTotals {
  totalDebit: number;
  totalCredit: number;
}

/** What makes two postings of one key the same event. */
export interface Posting {
  date: string;
  sourceType: string;
  sourceId: string;
  lines: readonly JournalLine[];
}

/** Refuses a line whose amounts are not whole minor units, are negative, or are on both sides. */
export function assertValidLine(line: LineInput, index: number): void {
  for (const side of ['debit', 'credit'] as const) {
    const amount = line[side];
    if (!Number.isSafeInteger(amount) || Math.abs(amount) > MAX_AMOUNT) {
      throw invalidLine(index, side, 'must be an integer number of minor units');
    }
    if (amount < 0) {
      throw invalidLine(index, side, `must not be negative (got ${amount})`);
    }
  }
  if (line.debit > 0 && line.credit > 0) {
    throw invalidLine(
      index,
      'credit',
      `a line is a debit or a credit, not both (debit ${line.debit}, credit ${line.credit})`,
    );
  }
}

/**
 * Validates the lines, turns each account into its code and drops lines of 0 on both sides.
 * An entry left with no line is refused.
 */
export function normalizeLines(
  lines: readonly LineInput[],
  codeOf: (account: string, index: number) => string,
): JournalLine[] {
  const kept: JournalLine[] = [];
  lines.forEach((line, index) => {
    assertValidLine(line, index);
    const accountCode = codeOf(line.account, index);
    if (line.debit !== 0 || line.credit !== 0) {
      kept.push({ accountCode, debit: line.debit, credit: line.credit });
    }
  });
  if (kept.length === 0) {
    throw new LedgerError(
      'invalid',
      'empty_journal_entry',
      'A journal entry needs at least one line with a debit or a credit',
    );
  }
  return kept;
}

/** Σ debit = Σ credit, or a refusal naming both totals; returns the totals. */
export function assertBalanced(
  lines: readonly JournalLine[],
  label = 'Journal entry',
): EntryTotals {
  const totalDebit = sumAmounts(
    lines.map((line) => line.debit),
    'total debit',
  );
  const totalCredit = sumAmounts(
    lines.map((line) => line.credit),
    'total credit',
  );
  if (totalDebit !== totalCredit) {
    throw new LedgerError(
      'invalid',
      'unbalanced_journal_entry',
      `${label} does not balance: debits total ${totalDebit}, credits total ${totalCredit}`,
      { totalDebit, totalCredit },
    );
  }
  return { totalDebit, totalCredit };
}

/**
 * The fields in which a new posting differs from the one stored under the same key; lines are
 * compared as a set, in any order.
 */
export function differencesBetween(stored: Posting, incoming: Posting): string[] {
  const differences: string[] = [];
  for (const field of ['date', 'sourceType', 'sourceId'] as const) {
    if (stored[field] !== incoming[field]) {
      differences.push(field);
    }
  }
  const key = (line: JournalLine) => `${line.accountCode}|${line.debit}|${line.credit}`;
  const sortedKeys = (lines: readonly JournalLine[]) => lines.map(key).sort().join('\n');
  if (sortedKeys(stored.lines) !== sortedKeys(incoming.lines)) {
    differences.push('lines');
  }
  return differences;
}

function invalidLine(index: number, field: string, message: string): LedgerError {
  return new LedgerError(
    'invalid',
    'invalid_journal_line',
    `lines[${index}].${field}: ${message}`,
    {
      errors: [{ path: ['lines', String(index), field], message, name: 'ValidationError' }],
    },
  );
}
