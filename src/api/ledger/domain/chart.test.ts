import { LedgerError } from '../ledger.errors';
import { ACCOUNT_ROLES, DEFAULT_CHART, buildChart, findAccount } from './chart';

function refusalOf(work: () => unknown): LedgerError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError);
    return error as LedgerError;
  }
  throw new Error('expected a refusal');
}

describe('buildChart', () => {
  it('is the default chart of ten accounts without overrides', () => {
    const chart = buildChart();
    expect(
      chart.map((account) => `${account.code} ${account.role} ${account.accountType}`),
    ).toEqual([
      '1000 cash asset',
      '1100 receivable asset',
      '1200 inventory asset',
      '2000 payable liability',
      '2200 salesTax liability',
      '3000 openingEquity equity',
      '4000 sales revenue',
      '4100 freightIncome revenue',
      '5000 costOfGoods expense',
      '5100 inventoryAdjustments expense',
    ]);
    expect(chart.map((account) => account.role)).toEqual([...ACCOUNT_ROLES]);
  });

  it('takes the codes given per role and keeps the others', () => {
    const chart = buildChart({ cash: '1010', receivable: '1110' });
    expect(findAccount(chart, 'cash')?.code).toBe('1010');
    expect(findAccount(chart, 'receivable')?.code).toBe('1110');
    expect(findAccount(chart, 'inventory')?.code).toBe('1200');
  });

  it('does not change the default chart it starts from', () => {
    buildChart({ cash: '1010' });
    expect(DEFAULT_CHART[0].code).toBe('1000');
  });

  it('refuses an unknown role, naming it', () => {
    const error = refusalOf(() => buildChart({ bank: '1010' }));
    expect(error.code).toBe('invalid_account_codes');
    expect(error.message).toMatch(/^LEDGER_ACCOUNT_CODES names an unknown account role "bank"/);
  });

  it('refuses two accounts with one code, naming both roles', () => {
    const error = refusalOf(() => buildChart({ receivable: '1000' }));
    expect(error.message).toBe('LEDGER_ACCOUNT_CODES gives cash and receivable the same code 1000');
  });

  it('refuses a code that is a role name', () => {
    const error = refusalOf(() => buildChart({ cash: 'receivable' }));
    expect(error.message).toBe(
      'LEDGER_ACCOUNT_CODES gives cash the code "receivable", which is a role name',
    );
  });
});

describe('findAccount', () => {
  const chart = buildChart();

  it('finds an account by role or by code', () => {
    expect(findAccount(chart, 'salesTax')?.code).toBe('2200');
    expect(findAccount(chart, '2200')?.role).toBe('salesTax');
  });

  it('finds nothing for an unknown name', () => {
    expect(findAccount(chart, '9999')).toBeUndefined();
  });
});
