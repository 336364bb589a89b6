import { Box, Flex, Status, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { READ_PERMISSIONS } from '../constants';
import { DataTable } from '../components/DataTable';
import { formatMoney } from '../components/format';
import { ProfitAndLossChart, type ProfitAndLossMonth } from '../components/ProfitAndLossChart';
import { ReportSection } from '../components/ReportSection';
import { useReport } from '../components/useReport';

interface CustomerValueRow {
  customerDocumentId: string;
  code: string;
  companyName: string;
  orders: number;
  revenue: number;
  grossMargin: number;
  marginPercent: string | null;
  outstanding: number;
}

interface StockRow {
  assetDocumentId: string;
  sku: string;
  name: string;
  available: number;
  reorderLevel: number;
  stockValue: number;
}

interface ReceivableRow {
  customerDocumentId: string;
  code: string;
  companyName: string;
  outstanding: number;
  days0to30: number;
  days31to60: number;
  days61to90: number;
  over90: number;
}

interface MirrorCheck {
  mirrored: number;
  pending: number;
  dead: number;
  mismatching: number;
}

interface Reconciliation {
  tiedOut: boolean;
  counts: {
    orders: number;
    entries: number;
    assets: number;
    mismatches: number;
    /** Present once the accounting connector has mirrored or queued anything. */
    mirror?: { invoices: MirrorCheck; creditNotes: MirrorCheck };
  };
  mismatches: { kind: string; id: string; expected: number; actual: number; reason: string }[];
}

/** One line on what the accounting connector mirrored, waits to send, or gave up on. */
function describeMirror(mirror: { invoices: MirrorCheck; creditNotes: MirrorCheck }): string {
  const { invoices, creditNotes } = mirror;
  const sum = (field: keyof MirrorCheck) => invoices[field] + creditNotes[field];
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    `Accounting system: ${count(invoices.mirrored, 'invoice', 'invoices')} and ` +
    `${count(creditNotes.mirrored, 'credit note', 'credit notes')} mirrored, ` +
    `${sum('mismatching')} differing, ${sum('pending')} waiting to be sent, ` +
    `${count(sum('dead'), 'dead letter', 'dead letters')}`
  );
}

const TOP_CUSTOMERS = 10;
const currencyOf = (meta: Record<string, unknown>) => String(meta.currency ?? 'USD');

function ReconciliationStatus() {
  const state = useReport<Reconciliation>('reconciliation');
  return (
    <ReportSection
      title="Reconciliation"
      report="reconciliation"
      state={state}
      isEmpty={() => false}
      emptyText=""
    >
      {(data, meta) => (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Status variant={data.tiedOut ? 'success' : 'danger'} size="S">
            <Typography fontWeight="bold" data-tied-out={String(data.tiedOut)}>
              {data.tiedOut
                ? `Tied out: ${data.counts.orders} orders, ${data.counts.entries} journal entries and ${data.counts.assets} assets agree`
                : `${data.counts.mismatches} mismatches found`}
            </Typography>
          </Status>
          {data.counts.mirror && (
            <Typography variant="pi" data-mirror-status>
              {describeMirror(data.counts.mirror)}
            </Typography>
          )}
          {!data.tiedOut && (
            <DataTable
              rows={data.mismatches.slice(0, 20)}
              rowKey={(row) => `${row.kind}:${row.id}:${row.reason}`}
              columns={[
                { label: 'Kind', render: (row) => row.kind },
                { label: 'Record', render: (row) => row.id },
                {
                  label: 'Expected',
                  render: (row) => formatMoney(row.expected, currencyOf(meta)),
                  numeric: true,
                },
                {
                  label: 'Actual',
                  render: (row) => formatMoney(row.actual, currencyOf(meta)),
                  numeric: true,
                },
                { label: 'Reason', render: (row) => row.reason },
              ]}
            />
          )}
        </Flex>
      )}
    </ReportSection>
  );
}

function ProfitAndLoss() {
  const state = useReport<ProfitAndLossMonth[]>('profit-and-loss');
  return (
    <ReportSection
      title="Profit and loss by month"
      report="profit-and-loss"
      state={state}
      isEmpty={(months) => months.length === 0}
      emptyText="Nothing has been invoiced yet"
    >
      {(months, meta) => <ProfitAndLossChart months={months} currency={currencyOf(meta)} />}
    </ReportSection>
  );
}

function TopCustomers() {
  const state = useReport<CustomerValueRow[]>('customer-value');
  return (
    <ReportSection
      title={`Top ${TOP_CUSTOMERS} customers by margin`}
      report="customer-value"
      state={state}
      isEmpty={(rows) => rows.every((row) => row.orders === 0)}
      emptyText="No customer has been invoiced yet"
    >
      {(rows, meta) => (
        <DataTable
          rows={rows.filter((row) => row.orders > 0).slice(0, TOP_CUSTOMERS)}
          rowKey={(row) => row.customerDocumentId}
          columns={[
            { label: 'Customer', render: (row) => `${row.companyName} (${row.code})` },
            { label: 'Orders', render: (row) => row.orders, numeric: true },
            {
              label: 'Revenue',
              render: (row) => formatMoney(row.revenue, currencyOf(meta)),
              numeric: true,
            },
            {
              label: 'Gross margin',
              render: (row) => formatMoney(row.grossMargin, currencyOf(meta)),
              numeric: true,
            },
            { label: 'Margin %', render: (row) => row.marginPercent ?? '–', numeric: true },
            {
              label: 'Outstanding',
              render: (row) => formatMoney(row.outstanding, currencyOf(meta)),
              numeric: true,
            },
          ]}
        />
      )}
    </ReportSection>
  );
}

function StockBelowReorderLevel() {
  const query = { belowReorderLevel: 'true' };
  const state = useReport<StockRow[]>('stock', query);
  return (
    <ReportSection
      title="Stock below reorder level"
      report="stock"
      query={query}
      state={state}
      isEmpty={(rows) => rows.length === 0}
      emptyText="Every asset is at or above its reorder level"
    >
      {(rows, meta) => (
        <DataTable
          rows={rows}
          rowKey={(row) => row.assetDocumentId}
          columns={[
            { label: 'SKU', render: (row) => row.sku },
            { label: 'Name', render: (row) => row.name },
            { label: 'Available', render: (row) => row.available, numeric: true },
            { label: 'Reorder level', render: (row) => row.reorderLevel, numeric: true },
            {
              label: 'Stock value',
              render: (row) => formatMoney(row.stockValue, currencyOf(meta)),
              numeric: true,
            },
          ]}
        />
      )}
    </ReportSection>
  );
}

function ReceivablesAging() {
  const state = useReport<ReceivableRow[]>('receivables');
  return (
    <ReportSection
      title="Receivables aging"
      report="receivables"
      state={state}
      isEmpty={(rows) => rows.every((row) => row.outstanding === 0)}
      emptyText="Nothing is owed"
    >
      {(rows, meta) => {
        const money = (amount: number) => formatMoney(amount, currencyOf(meta));
        const totals = meta.totals as Record<string, number>;
        return (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography data-aging-total>
              Outstanding {money(totals.outstanding)}: 0–30 days {money(totals.days0to30)}, 31–60{' '}
              {money(totals.days31to60)}, 61–90 {money(totals.days61to90)}, over 90{' '}
              {money(totals.over90)}
            </Typography>
            <DataTable
              rows={rows.filter((row) => row.outstanding !== 0)}
              rowKey={(row) => row.customerDocumentId}
              columns={[
                { label: 'Customer', render: (row) => `${row.companyName} (${row.code})` },
                { label: 'Outstanding', render: (row) => money(row.outstanding), numeric: true },
                { label: '0–30', render: (row) => money(row.days0to30), numeric: true },
                { label: '31–60', render: (row) => money(row.days31to60), numeric: true },
                { label: '61–90', render: (row) => money(row.days61to90), numeric: true },
                { label: 'Over 90', render: (row) => money(row.over90), numeric: true },
              ]}
            />
          </Flex>
        );
      }}
    </ReportSection>
  );
}

/** The Reports page: only admins with `plugin::reports.read` reach it. */
export default function ReportsPage() {
  return (
    <Page.Protect permissions={READ_PERMISSIONS}>
      <Page.Main>
        <Page.Title>Reports</Page.Title>
        <Layouts.Header
          title="Reports"
          subtitle="Profit and loss, customers, stock, receivables and reconciliation, each downloadable as CSV"
        />
        <Layouts.Content>
          <Box>
            <ReconciliationStatus />
            <ProfitAndLoss />
            <TopCustomers />
            <StockBelowReorderLevel />
            <ReceivablesAging />
          </Box>
        </Layouts.Content>
      </Page.Main>
    </Page.Protect>
  );
}
