import { assetCreateSchema, type AssetCreateInput } from '../../api/asset/asset.schemas';
import {
  customerCreateSchema,
  type CustomerCreateInput,
} from '../../api/customer/customer.schemas';
import { MoneyError, parseMajorUnits, parseRate } from '../../platform/money';
import { readCsvTable, type CsvRow, type RowProblem } from '../csv-source';
import type { ImportPlan, PlannedOrder, PlannedOrderLine, PlannedRecord } from '../import.types';
import type { z } from 'zod';

/**
 * The Northwind column mapping: sku `NW-<productID>`, customer code = customerID, order
 * externalRef `northwind:<orderID>`. Dates carry a zero time that is dropped; prices are decimal
 * dollars read exactly into cents.
 */
export function planNorthwind(folder: string, baseCurrency: string): ImportPlan {
  const problems: RowProblem[] = [];
  const read = (file: string) => {
    const table = readCsvTable(folder, file);
    problems.push(...table.problems);
    return table;
  };
  const customers = read('customers.csv');
  const categories = read('categories.csv');
  const products = read('products.csv');
  const orders = read('orders.csv');
  const details = read('order-details.csv');

  const categoryNames = new Map(
    categories.rows.map((row) => [row.values.categoryID, row.values.categoryName]),
  );
  const plan: ImportPlan = {
    customers: planRecords(
      customers.rows,
      problems,
      customerCreateSchema(baseCurrency),
      toCustomer,
    ),
    assets: planRecords(products.rows, problems, assetCreateSchema(baseCurrency), (row) =>
      toAsset(row, categoryNames, baseCurrency),
    ),
    orders: [],
    rowsRead: {
      'customers.csv': customers.rows.length + countFor(customers.problems),
      'products.csv': products.rows.length + countFor(products.problems),
      'orders.csv': orders.rows.length + countFor(orders.problems),
      'order-details.csv': details.rows.length + countFor(details.problems),
    },
    problems,
  };
  plan.orders = planOrders(orders.rows, details.rows, problems, baseCurrency);
  return plan;
}

const countFor = (problems: RowProblem[]) => problems.length;

function toCustomer(row: CsvRow): { key: string; input: unknown } {
  const v = row.values;
  return {
    key: v.customerID,
    input: {
      code: v.customerID,
      companyName: v.companyName,
      contactName: orNull(v.contactName),
      contactTitle: orNull(v.contactTitle),
      phone: orNull(v.phone),
      billingAddress: {
        street: orNull(v.address),
        city: orNull(v.city),
        region: orNull(v.region),
        postalCode: orNull(v.postalCode),
        country: orNull(v.country),
      },
      customerStatus: 'active',
    },
  };
}

function toAsset(row: CsvRow, categories: Map<string, string>, currency: string) {
  const v = row.values;
  return {
    key: `NW-${v.productID}`,
    input: {
      sku: `NW-${v.productID}`,
      name: v.productName,
      category: categories.get(v.categoryID) ?? null,
      unit: orNull(v.quantityPerUnit),
      listPrice: parseMajorUnits(v.unitPrice, currency, 'unitPrice'),
      reorderLevel: Number(v.reorderLevel),
      assetStatus: v.discontinued === '1' ? 'discontinued' : 'active',
    },
  };
}

/** Maps rows and validates them with the same strict schema as the REST API. */
function planRecords<Schema extends z.ZodType<CustomerCreateInput | AssetCreateInput>>(
  rows: CsvRow[],
  problems: RowProblem[],
  schema: Schema,
  map: (row: CsvRow) => { key: string; input: unknown },
): PlannedRecord<z.infer<Schema>>[] {
  const planned: PlannedRecord<z.infer<Schema>>[] = [];
  for (const row of rows) {
    try {
      const { key, input } = map(row);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push({
            file: row.file,
            line: row.line,
            field: issue.path.join('.'),
            reason: issue.message,
          });
        }
        continue;
      }
      planned.push({ key, file: row.file, line: row.line, input: parsed.data });
    } catch (error) {
      if (!(error instanceof MoneyError)) {
        throw error;
      }
      problems.push({ file: row.file, line: row.line, field: 'unitPrice', reason: error.message });
    }
  }
  return planned;
}

function planOrders(
  orderRows: CsvRow[],
  detailRows: CsvRow[],
  problems: RowProblem[],
  currency: string,
): PlannedOrder[] {
  const linesByOrder = new Map<string, CsvRow[]>();
  for (const row of detailRows) {
    const lines = linesByOrder.get(row.values.orderID) ?? [];
    lines.push(row);
    linesByOrder.set(row.values.orderID, lines);
  }
  const known = new Set(orderRows.map((row) => row.values.orderID));
  for (const [orderID, rows] of linesByOrder) {
    if (!known.has(orderID)) {
      rows.forEach((row) =>
        problems.push(problem(row, 'orderID', `no order ${orderID} in orders.csv`)),
      );
    }
  }
  const planned: PlannedOrder[] = [];
  for (const row of orderRows) {
    const orderProblems: RowProblem[] = [];
    const order = toOrder(row, linesByOrder.get(row.values.orderID) ?? [], orderProblems, currency);
    if (orderProblems.length > 0 || !order) {
      problems.push(...orderProblems);
      continue;
    }
    planned.push(order);
  }
  return planned;
}

function toOrder(
  row: CsvRow,
  detailRows: CsvRow[],
  problems: RowProblem[],
  currency: string,
): PlannedOrder | undefined {
  const v = row.values;
  const orderDate = readDate(row, 'orderDate', problems, true);
  const requiredDate = readDate(row, 'requiredDate', problems, false);
  const shippedDate = readDate(row, 'shippedDate', problems, false);
  const freight = readAmount(row, 'freight', currency, problems);
  if (!v.customerID) {
    problems.push(problem(row, 'customerID', 'is empty'));
  }
  if (detailRows.length === 0) {
    problems.push(problem(row, 'orderID', `order ${v.orderID} has no lines in order-details.csv`));
  }
  const lines = detailRows.map((detail) => toLine(detail, currency, problems));
  if (problems.length > 0 || !orderDate || freight === undefined) {
    return undefined;
  }
  return {
    externalRef: `northwind:${v.orderID}`,
    file: row.file,
    line: row.line,
    customerCode: v.customerID,
    orderDate,
    requiredDate: requiredDate ?? null,
    shippedDate: shippedDate ?? null,
    freight,
    shipTo: {
      name: orNull(v.shipName),
      street: orNull(v.shipAddress),
      city: orNull(v.shipCity),
      region: orNull(v.shipRegion),
      postalCode: orNull(v.shipPostalCode),
      country: orNull(v.shipCountry),
    },
    lines: lines.filter((line): line is PlannedOrderLine => line !== undefined),
  };
}

function toLine(
  row: CsvRow,
  currency: string,
  problems: RowProblem[],
): PlannedOrderLine | undefined {
  const v = row.values;
  const before = problems.length;
  if (!/^\d+$/.test(v.productID)) {
    problems.push(problem(row, 'productID', `"${v.productID}" is not a product id`));
  }
  if (!/^\d+$/.test(v.quantity) || Number(v.quantity) < 1) {
    problems.push(problem(row, 'quantity', `"${v.quantity}" is not a positive whole number`));
  }
  const unitPrice = readAmount(row, 'unitPrice', currency, problems);
  let discount = '0';
  try {
    discount = parseRate(v.discount || '0', 'discount', 1);
  } catch (error) {
    if (!(error instanceof MoneyError)) {
      throw error;
    }
    problems.push(
      problem(row, 'discount', `"${v.discount}" ${error.message.replace(/^discount /, '')}`),
    );
  }
  if (problems.length > before || unitPrice === undefined) {
    return undefined;
  }
  return {
    sku: `NW-${v.productID}`,
    line: row.line,
    quantity: Number(v.quantity),
    unitPrice,
    discount,
  };
}

function readAmount(row: CsvRow, field: string, currency: string, problems: RowProblem[]) {
  const text = row.values[field] ?? '';
  try {
    const amount = parseMajorUnits(text, currency, field);
    if (amount < 0) {
      problems.push(problem(row, field, `"${text}" is negative`));
      return undefined;
    }
    return amount;
  } catch (error) {
    if (!(error instanceof MoneyError)) {
      throw error;
    }
    problems.push(problem(row, field, `"${text}" is not an amount`));
    return undefined;
  }
}

/** Takes the date part of "1996-07-04 00:00:00.000" and checks that the day exists. */
function readDate(row: CsvRow, field: string, problems: RowProblem[], required: boolean) {
  const text = row.values[field] ?? '';
  if (!text) {
    if (required) {
      problems.push(problem(row, field, 'is empty'));
    }
    return undefined;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00:00(?:\.0+)?)?$/.exec(text);
  const date = match ? new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`) : undefined;
  if (
    !match ||
    !date ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== text.slice(0, 10)
  ) {
    problems.push(problem(row, field, `"${text}" is not a date`));
    return undefined;
  }
  return text.slice(0, 10);
}

function problem(row: CsvRow, field: string, reason: string): RowProblem {
  return { file: row.file, line: row.line, field, reason };
}

function orNull(text: string | undefined): string | null {
  return text ? text : null;
}
