import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';

export interface Column<R> {
  label: string;
  render: (row: R) => ReactNode;
  numeric?: boolean;
}

/** A plain read-only table of report rows. */
export function DataTable<R>({
  rows,
  columns,
  rowKey,
}: {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey: (row: R) => string;
}) {
  return (
    <Table colCount={columns.length} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          {columns.map((column) => (
            <Th key={column.label}>
              <Typography variant="sigma">{column.label}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={rowKey(row)}>
            {columns.map((column) => (
              <Td key={column.label} style={column.numeric ? { textAlign: 'right' } : undefined}>
                <Typography>{column.render(row)}</Typography>
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
