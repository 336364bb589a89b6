import { capabilities } from '../capabilities';
import { differenceOf, percentOf, sumOf } from '../domain/figures';
import { defineReport, rowsTable, sum } from './report';

/** The trial balance and the profit and loss by month, from the ledger. */

export interface TrialBalanceRow {
  [column: string]: string | number;
  code: string;
  name: string;
  debit: number;
  credit: number;
  balance: number;
}

export const trialBalance = defineReport<TrialBalanceRow[]>({
  params: ['from', 'to'],
  async run(strapi, { from, to }) {
    const { ledger } = capabilities(strapi);
    const data = (await ledger.trialBalance({ from, to })).map((row) => ({
      ...row,
      balance: differenceOf(row.debit, row.credit, `balance of ${row.code}`),
    }));
    const debit = sum(data, (row) => row.debit);
    const credit = sum(data, (row) => row.credit);
    return {
      data,
      meta: {
        currency: ledger.baseCurrency(),
        from: from ?? null,
        to: to ?? null,
        totals: { debit, credit },
        balanced: debit === credit,
      },
    };
  },
  table: rowsTable<TrialBalanceRow>(['code', 'name', 'debit', 'credit', 'balance']),
});

export interface ProfitAndLossRow {
  [column: string]: string | number | null;
  month: string;
  revenue: number;
  freight: number;
  costOfGoods: number;
  grossMargin: number;
  marginPercent: string | null;
}

/** Gross margin is revenue + freight income − cost of goods; margin % is of revenue + freight. */
function withMargin<T extends { revenue: number; freight: number; costOfGoods: number }>(row: T) {
  const income = sumOf([row.revenue, row.freight], 'revenue and freight');
  const grossMargin = differenceOf(income, row.costOfGoods, 'gross margin');
  return { ...row, grossMargin, marginPercent: percentOf(grossMargin, income) };
}

export const profitAndLoss = defineReport<ProfitAndLossRow[]>({
  params: ['from', 'to'],
  async run(strapi, { from, to }) {
    const { ledger } = capabilities(strapi);
    const data = (await ledger.monthlyResults({ from, to })).map(withMargin);
    const totals = withMargin({
      revenue: sum(data, (row) => row.revenue),
      freight: sum(data, (row) => row.freight),
      costOfGoods: sum(data, (row) => row.costOfGoods),
    });
    return {
      data,
      meta: { currency: ledger.baseCurrency(), from: from ?? null, to: to ?? null, totals },
    };
  },
  table: rowsTable<ProfitAndLossRow>([
    'month',
    'revenue',
    'freight',
    'costOfGoods',
    'grossMargin',
    'marginPercent',
  ]),
});
