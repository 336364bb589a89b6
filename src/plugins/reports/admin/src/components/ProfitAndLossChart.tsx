import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMajor, toMajor } from './format';

export interface ProfitAndLossMonth {
  month: string;
  revenue: number;
  freight: number;
  costOfGoods: number;
  grossMargin: number;
  marginPercent: string | null;
}

/** Revenue and cost of goods as bars and gross margin as a line, per month (recharts). */
export function ProfitAndLossChart({
  months,
  currency,
}: {
  months: readonly ProfitAndLossMonth[];
  currency: string;
}) {
  const points = months.map((month) => ({
    month: month.month,
    revenue: toMajor(month.revenue + month.freight, currency),
    cost: toMajor(month.costOfGoods, currency),
    margin: toMajor(month.grossMargin, currency),
  }));
  const money = (value: number) => formatMajor(value, currency);
  return (
    <div style={{ width: '100%', height: 320 }} data-chart="profit-and-loss">
      <ResponsiveContainer>
        <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" />
          <YAxis width={90} tickFormatter={money} />
          <Tooltip formatter={(value) => money(Number(value))} />
          <Legend />
          <Bar dataKey="revenue" name="Revenue and freight" fill="#4945ff" />
          <Bar dataKey="cost" name="Cost of goods sold" fill="#ee5e52" />
          <Line dataKey="margin" name="Gross margin" stroke="#328048" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
