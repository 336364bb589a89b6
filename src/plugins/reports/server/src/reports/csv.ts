import { stringify } from 'csv-stringify/sync';
import type { CsvRow } from './report';

/**
 * A report table as CSV (RFC 4180, a header row, CRLF line ends): csv-stringify quotes what
 * needs quoting. Amounts stay integers in minor units, as in the JSON; nulls are empty cells.
 */
export function toCsv(columns: readonly string[], rows: readonly CsvRow[]): string {
  return stringify(rows as CsvRow[], {
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}
