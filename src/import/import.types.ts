import type { AssetCreateInput } from '../api/asset/asset.schemas';
import type { CustomerCreateInput } from '../api/customer/customer.schemas';
import type { RowProblem } from './csv-source';

/** What a preset makes of a folder of files: records to write, keyed by their natural keys. */

export interface PlannedRecord<Input> {
  key: string;
  file: string;
  line: number;
  input: Input;
}

export interface PlannedOrderLine {
  sku: string;
  line: number;
  quantity: number;
  unitPrice: number;
  discount: string;
}

export interface PlannedOrder {
  /** `northwind:<orderID>` for the Northwind preset. */
  externalRef: string;
  file: string;
  line: number;
  customerCode: string;
  orderDate: string;
  requiredDate: string | null;
  shippedDate: string | null;
  freight: number;
  shipTo: Record<string, string | null>;
  lines: PlannedOrderLine[];
}

export interface ImportPlan {
  customers: PlannedRecord<CustomerCreateInput>[];
  assets: PlannedRecord<AssetCreateInput>[];
  orders: PlannedOrder[];
  /** Rows read per file, header excluded. */
  rowsRead: Record<string, number>;
  problems: RowProblem[];
}

export type ImportPreset = (folder: string, baseCurrency: string) => ImportPlan;
