import { LedgerError } from '../ledger.errors';

/** The chart of accounts: the brief's default codes, each account known by a role. */

export const ACCOUNT_ROLES = [
  'cash',
  'receivable',
  'inventory',
  'payable',
  'salesTax',
  'openingEquity',
  'sales',
  'freightIncome',
  'costOfGoods',
  'inventoryAdjustments',
] as const;

export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;

export type AccountType = (typeof ACCOUNT_TYPES)[number];

export interface AccountDefinition {
  role: AccountRole;
  code: string;
  name: string;
  accountType: AccountType;
}

export const DEFAULT_CHART: readonly AccountDefinition[] = [
  { role: 'cash', code: '1000', name: 'Cash', accountType: 'asset' },
  { role: 'receivable', code: '1100', name: 'Accounts receivable', accountType: 'asset' },
  { role: 'inventory', code: '1200', name: 'Inventory', accountType: 'asset' },
  { role: 'payable', code: '2000', name: 'Accounts payable', accountType: 'liability' },
  { role: 'salesTax', code: '2200', name: 'Sales tax payable', accountType: 'liability' },
  { role: 'openingEquity', code: '3000', name: 'Opening balance equity', accountType: 'equity' },
  { role: 'sales', code: '4000', name: 'Sales revenue', accountType: 'revenue' },
  { role: 'freightIncome', code: '4100', name: 'Freight income', accountType: 'revenue' },
  { role: 'costOfGoods', code: '5000', name: 'Cost of goods sold', accountType: 'expense' },
  {
    role: 'inventoryAdjustments',
    code: '5100',
    name: 'Inventory adjustments',
    accountType: 'expense',
  },
];

export function isAccountRole(value: string): value is AccountRole {
  return (ACCOUNT_ROLES as readonly string[]).includes(value);
}

/**
 * The default chart with the codes of `overrides` (role → code, from LEDGER_ACCOUNT_CODES).
 * Refuses an unknown role and two accounts with one code.
 */
export function buildChart(overrides: Readonly<Record<string, string>> = {}): AccountDefinition[] {
  for (const role of Object.keys(overrides)) {
    if (!isAccountRole(role)) {
      throw new LedgerError(
        'invalid',
        'invalid_account_codes',
        `LEDGER_ACCOUNT_CODES names an unknown account role "${role}" (known: ${ACCOUNT_ROLES.join(', ')})`,
        { role },
      );
    }
  }
  const chart = DEFAULT_CHART.map((account) => ({
    ...account,
    code: overrides[account.role] ?? account.code,
  }));
  const roleByCode = new Map<string, AccountRole>();
  for (const account of chart) {
    if (isAccountRole(account.code)) {
      throw new LedgerError(
        'invalid',
        'invalid_account_codes',
        `LEDGER_ACCOUNT_CODES gives ${account.role} the code "${account.code}", which is a role name`,
        { code: account.code, role: account.role },
      );
    }
    const clash = roleByCode.get(account.code);
    if (clash) {
      throw new LedgerError(
        'invalid',
        'invalid_account_codes',
        `LEDGER_ACCOUNT_CODES gives ${clash} and ${account.role} the same code ${account.code}`,
        { code: account.code, roles: [clash, account.role] },
      );
    }
    roleByCode.set(account.code, account.role);
  }
  return chart;
}

/** Finds an account by role ("receivable") or code ("1100"); undefined when there is none. */
export function findAccount(
  chart: readonly AccountDefinition[],
  roleOrCode: string,
): AccountDefinition | undefined {
  return chart.find((account) => account.role === roleOrCode || account.code === roleOrCode);
}
