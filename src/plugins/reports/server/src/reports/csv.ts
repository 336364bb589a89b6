import { stringify } from 'csv-stringify/sync';
import type { CsvRow } from './report';

/**
 * A report table as CSV (RFC 4180, a header row, CRLF line ends): csv-stringify quotes what
 * needs quoting. Amounts stay integers in minor units, as in the JSON; nulls are empty cells.
 * Text starting with =, +, -, @, a tab or a carriage return gets a leading ' so that a
 * spreadsheet shows it rather than running it as a formula (a customer named
 * "=HYPERLINK(…)" would otherwise be a link in the accountant's spreadsheet). Negative amounts
 * are numbers, and a negative percentage ("-12.50") is a number written as text: both keep
 * their sign. (csv-stringify's own escape_formulas would quote that percentage too.)
 */
export function toCsv(columns: readonly string[], rows: readonly CsvRow[]): string {
  return stringify(rows as CsvRow[], {
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    cast: { boolean: (value) => (value ? 'true' : 'false'), string: withoutFormula },
  });
}

const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^-\d+(\.\d+)?$/;

/** Text as a spreadsheet should show it, never as a formula (see toCsv). */
export function withoutFormula(value: string): string {
  return FORMULA_START.test(value) && !SIGNED_NUMBER.test(value) ? `'${value}` : value;
}
