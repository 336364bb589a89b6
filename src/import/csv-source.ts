import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** One problem with one row of an input file, reported to the user as file:line field: reason. */
export interface RowProblem {
  file: string;
  line: number;
  field: string;
  reason: string;
}

export interface CsvRow {
  file: string;
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  rows: CsvRow[];
  problems: RowProblem[];
}

/**
 * Reads a CSV file with a header line. A row whose number of columns differs from the header's
 * is reported, not guessed at; empty cells are empty strings.
 */
export function readCsvTable(folder: string, fileName: string): CsvTable {
  const file = path.join(folder, fileName);
  const records = parse(fs.readFileSync(file), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [header, ...body] = records;
  if (!header) {
    return {
      rows: [],
      problems: [{ file: fileName, line: 1, field: '-', reason: 'the file is empty' }],
    };
  }
  const columns = header.record.map((name) => name.trim());
  const rows: CsvRow[] = [];
  const problems: RowProblem[] = [];
  for (const { record, info } of body) {
    if (record.length !== columns.length) {
      problems.push({
        file: fileName,
        line: info.lines,
        field: '-',
        reason: `wrong number of columns: expected ${columns.length}, found ${record.length}`,
      });
      continue;
    }
    const values = Object.fromEntries(columns.map((name, index) => [name, record[index].trim()]));
    rows.push({ file: fileName, line: info.lines, values });
  }
  return { rows, problems };
}
