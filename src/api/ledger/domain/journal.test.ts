import { MAX_AMOUNT } from '../../../platform/money';
import { LedgerError } from '../ledger.errors';
import {
  assertBalanced,
  assertValidLine,
  differencesBetween,
  normalizeLines,
  type JournalLine,
} from './journal';

const codes: Record<string, string> = { cash: '1000', receivable: '1100' };
const codeOf = (account: string) => codes[account] ?? account;

function refusalOf(work: () => unknown): LedgerError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError);
    return error as LedgerError;
  }
  throw new Error('expected a refusal');
}

describe('assertValidLine', () => {
  it('accepts a debit or a credit', () => {
    expect(() => assertValidLine({ account: 'cash', debit: 100, credit: 0 }, 0)).not.toThrow();
    expect(() => assertValidLine({ account: 'cash', debit: 0, credit: 100 }, 0)).not.toThrow();
  });

  it('refuses a negative amount, naming the line and side', () => {
    const error = refusalOf(() => assertValidLine({ account: 'cash', debit: -5, credit: 0 }, 2));
    expect(error.code).toBe('invalid_journal_line');
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe('lines[2].debit: must not be negative (got -5)');
  });

  it('refuses a line with both a debit and a credit', () => {
    const error = refusalOf(() => assertValidLine({ account: 'cash', debit: 5, credit: 3 }, 0));
    expect(error.message).toBe(
      'lines[0].credit: a line is a debit or a credit, not both (debit 5, credit 3)',
    );
  });

  it('refuses fractions and amounts beyond the largest', () => {
    expect(
      refusalOf(() => assertValidLine({ account: 'cash', debit: 1.5, credit: 0 }, 0)).message,
    ).toBe('lines[0].debit: must be an integer number of minor units');
    expect(
      refusalOf(() => assertValidLine({ account: 'cash', debit: 0, credit: MAX_AMOUNT + 2 }, 1))
        .message,
    ).toBe('lines[1].credit: must be an integer number of minor units');
  });
});

describe('normalizeLines', () => {
  it('turns accounts into codes and drops lines of zero on both sides', () => {
    const lines = normalizeLines(
      [
        { account: 'cash', debit: 500, credit: 0 },
        { account: '4100', debit: 0, credit: 0 },
        { account: 'receivable', debit: 0, credit: 500 },
      ],
      codeOf,
    );
    expect(lines).toEqual([
      { accountCode: '1000', debit: 500, credit: 0 },
      { accountCode: '1100', debit: 0, credit: 500 },
    ]);
  });

  it('refuses an entry left with no line', () => {
    const error = refusalOf(() =>
      normalizeLines([{ account: 'cash', debit: 0, credit: 0 }], codeOf),
    );
    expect(error.code).toBe('empty_journal_entry');
    expect(error.message).toBe('A journal entry needs at least one line with a debit or a credit');
  });

  it('resolves the account of a dropped line too, so an unknown account is still refused', () => {
    const seen: string[] = [];
    normalizeLines(
      [
        { account: 'cash', debit: 1, credit: 0 },
        { account: 'receivable', debit: 0, credit: 1 },
        { account: 'x', debit: 0, credit: 0 },
      ],
      (account) => {
        seen.push(account);
        return account;
      },
    );
    expect(seen).toEqual(['cash', 'receivable', 'x']);
  });
});

describe('assertBalanced', () => {
  const line = (accountCode: string, debit: number, credit: number): JournalLine => ({
    accountCode,
    debit,
    credit,
  });

  it('returns the totals of a balanced entry', () => {
    expect(
      assertBalanced([line('1100', 8382, 0), line('4000', 0, 7400), line('2200', 0, 982)]),
    ).toEqual({ totalDebit: 8382, totalCredit: 8382 });
  });

  it('refuses an unbalanced entry, naming both totals', () => {
    const error = refusalOf(() =>
      assertBalanced([line('1000', 1000, 0), line('1100', 0, 900)], 'Journal entry inv:7'),
    );
    expect(error.code).toBe('unbalanced_journal_entry');
    expect(error.message).toBe(
      'Journal entry inv:7 does not balance: debits total 1000, credits total 900',
    );
    expect(error.details).toEqual({ totalDebit: 1000, totalCredit: 900 });
  });

  it('adds exactly near the largest amount', () => {
    const half = Math.floor(MAX_AMOUNT / 2);
    expect(
      assertBalanced([line('1000', half, 0), line('1000', half, 0), line('1100', 0, half * 2)]),
    ).toEqual({ totalDebit: half * 2, totalCredit: half * 2 });
  });
});

describe('differencesBetween', () => {
  const posting = {
    date: '2024-03-01',
    sourceType: 'payment',
    sourceId: 'abc',
    lines: [
      { accountCode: '1000', debit: 500, credit: 0 },
      { accountCode: '1100', debit: 0, credit: 500 },
    ],
  };

  it('finds none for the same posting with its lines in another order', () => {
    expect(
      differencesBetween(posting, { ...posting, lines: [...posting.lines].reverse() }),
    ).toEqual([]);
  });

  it('names the fields that differ', () => {
    expect(
      differencesBetween(posting, {
        ...posting,
        date: '2024-03-02',
        lines: [
          { accountCode: '1000', debit: 600, credit: 0 },
          { accountCode: '1100', debit: 0, credit: 600 },
        ],
      }),
    ).toEqual(['date', 'lines']);
  });
});
