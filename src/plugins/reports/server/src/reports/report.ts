import type { Core } from '@strapi/strapi';
import { sumOf } from '../domain/figures';
import type { ParamName, ReportParams } from './params';

export type CsvRow = Record<string, string | number | boolean | null>;

export interface ReportResult<T> {
  data: T;
  meta: Record<string, unknown>;
}

/** One report: the parameters it takes, how it runs, and the table its CSV holds. */
export interface ReportDefinition<T = unknown> {
  params: readonly ParamName[];
  run(strapi: Core.Strapi, params: ReportParams): Promise<ReportResult<T>>;
  table(result: ReportResult<T>, params: ReportParams): { columns: string[]; rows: CsvRow[] };
}

export const defineReport = <T>(definition: ReportDefinition<T>): ReportDefinition<T> => definition;

/** The CSV table of a report whose data is a list of flat rows. */
export const rowsTable =
  <R extends CsvRow>(columns: (keyof R & string)[]) =>
  (result: ReportResult<R[]>) => ({ columns, rows: result.data });

/** Σ of an amount over rows, checked (see sumOf). */
export const sum = <R>(rows: readonly R[], pick: (row: R) => number): number =>
  sumOf(rows.map(pick), 'total');
