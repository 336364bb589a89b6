import { capabilities } from '../capabilities';
import { averageAmount, daysBefore, differenceOf, percentOf } from '../domain/figures';
import { defineReport, rowsTable, sum } from './report';

/** Receivables with aging, and each customer's value, from the ledger, orders and customers. */

export interface ReceivableRow {
  [column: string]: string | number;
  customerDocumentId: string;
  code: string;
  companyName: string;
  invoiced: number;
  paid: number;
  credited: number;
  outstanding: number;
  days0to30: number;
  days31to60: number;
  days61to90: number;
  over90: number;
  prepaid: number;
}

const AMOUNT_COLUMNS = [
  'invoiced',
  'paid',
  'credited',
  'outstanding',
  'days0to30',
  'days31to60',
  'days61to90',
  'over90',
  'prepaid',
] as const;

export const receivables = defineReport<ReceivableRow[]>({
  params: ['asOf'],
  async run(strapi, { asOf }) {
    const { ledger, customers } = capabilities(strapi);
    const boundaries = {
      days30: daysBefore(asOf, 30),
      days60: daysBefore(asOf, 60),
      days90: daysBefore(asOf, 90),
    };
    const balances = await ledger.receivablesByCustomer(asOf, boundaries);
    const directory = await customers.customerDirectory();
    const byDocumentId = new Map(directory.map((customer) => [customer.documentId, customer]));
    const data = balances
      .map((row) => ({
        customerDocumentId: row.customerDocumentId,
        code: byDocumentId.get(row.customerDocumentId)?.code ?? '',
        companyName: byDocumentId.get(row.customerDocumentId)?.companyName ?? '',
        invoiced: row.invoiced,
        paid: row.paid,
        credited: row.credited,
        outstanding: row.outstanding,
        ...row.aging,
        prepaid: row.prepaid,
      }))
      .sort((a, b) => b.outstanding - a.outstanding || a.code.localeCompare(b.code));
    const totals = Object.fromEntries(
      AMOUNT_COLUMNS.map((column) => [column, sum(data, (row) => row[column])]),
    );
    return { data, meta: { currency: ledger.baseCurrency(), asOf, totals } };
  },
  table: rowsTable<ReceivableRow>(['customerDocumentId', 'code', 'companyName', ...AMOUNT_COLUMNS]),
});

export interface CustomerValueRow {
  [column: string]: string | number | null;
  rank: number;
  customerDocumentId: string;
  code: string;
  companyName: string;
  orders: number;
  revenue: number;
  cost: number;
  grossMargin: number;
  marginPercent: string | null;
  averageOrderValue: number;
  outstanding: number;
  firstOrder: string | null;
  lastOrder: string | null;
}

/**
 * Per customer: invoiced orders, net sales revenue and its cost (from the ledger, over the
 * range), margin, average invoiced order, what is outstanding as of `asOf`, and the first and
 * last order placed; ranked by gross margin.
 */
export const customerValue = defineReport<CustomerValueRow[]>({
  params: ['from', 'to', 'asOf'],
  async run(strapi, { from, to, asOf }) {
    const { ledger, orders, customers } = capabilities(strapi);
    const directory = await customers.customerDirectory();
    const results = await ledger.resultsByCustomer({ from, to }, asOf);
    const stats = await orders.customerOrderStats();
    const resultOf = new Map(results.map((row) => [row.customerDocumentId, row]));
    const statsOf = new Map(stats.map((row) => [row.customerId, row]));
    const data = directory
      .map((customer) => {
        const result = resultOf.get(customer.documentId);
        const revenue = result?.revenue ?? 0;
        const cost = result?.costOfGoods ?? 0;
        const invoices = result?.invoices ?? 0;
        const grossMargin = differenceOf(revenue, cost, `gross margin of ${customer.code}`);
        return {
          rank: 0,
          customerDocumentId: customer.documentId,
          code: customer.code,
          companyName: customer.companyName,
          orders: invoices,
          revenue,
          cost,
          grossMargin,
          marginPercent: percentOf(grossMargin, revenue),
          averageOrderValue: averageAmount(revenue, invoices),
          outstanding: result?.outstanding ?? 0,
          firstOrder: statsOf.get(customer.id)?.firstOrder ?? null,
          lastOrder: statsOf.get(customer.id)?.lastOrder ?? null,
        };
      })
      .sort((a, b) => b.grossMargin - a.grossMargin || a.code.localeCompare(b.code))
      .map((row, index) => ({ ...row, rank: index + 1 }));
    return {
      data,
      meta: { currency: ledger.baseCurrency(), from: from ?? null, to: to ?? null, asOf },
    };
  },
  table: rowsTable<CustomerValueRow>([
    'rank',
    'customerDocumentId',
    'code',
    'companyName',
    'orders',
    'revenue',
    'cost',
    'grossMargin',
    'marginPercent',
    'averageOrderValue',
    'outstanding',
    'firstOrder',
    'lastOrder',
  ]),
});
