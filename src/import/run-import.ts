import type { Core } from '@strapi/strapi';
import { loadConfig } from '../platform/config';
import { DomainError, isDomainError } from '../platform/errors';
import { orderCreateSchema, type OrderCreateInput } from '../api/order/order.schemas';
import type { RowProblem } from './csv-source';
import type { ImportPlan, ImportPreset, PlannedOrder, PlannedRecord } from './import.types';
import { planNorthwind } from './presets/northwind';

export const PRESETS: Record<string, ImportPreset> = { northwind: planNorthwind };

export interface EntityCounts {
  read: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

export interface ImportSummary {
  dryRun: boolean;
  customers: EntityCounts;
  assets: EntityCounts;
  orders: EntityCounts;
  problems: RowProblem[];
}

export interface ImportOptions {
  folder: string;
  preset: string;
  dryRun?: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
}

const CUSTOMER_UID = 'api::customer.customer';
const ASSET_UID = 'api::asset.asset';
const ORDER_UID = 'api::order.order';

type Stored = Record<string, unknown> & { documentId: string };

/**
 * Imports a folder of files through the capabilities' own services: customers and assets are
 * created or updated by their natural keys, orders are created as drafts once (by externalRef).
 * An order with any bad row is written not at all; each order is one transaction.
 */
export async function runImport(
  strapi: Core.Strapi,
  options: ImportOptions,
): Promise<ImportSummary> {
  const preset = PRESETS[options.preset];
  if (!preset) {
    throw new DomainError(
      'invalid',
      'unknown_preset',
      `Unknown preset "${options.preset}"; known: ${Object.keys(PRESETS).join(', ')}`,
    );
  }
  const dryRun = options.dryRun ?? false;
  const plan = preset(options.folder, loadConfig().BASE_CURRENCY);
  const problems = [...plan.problems];
  const progress = options.onProgress ?? (() => undefined);

  const customers = await upsertAll(
    strapi,
    CUSTOMER_UID,
    'code',
    plan.customers,
    dryRun,
    problems,
    (done, total) => progress('customers', done, total),
  );
  const assets = await upsertAll(
    strapi,
    ASSET_UID,
    'sku',
    plan.assets,
    dryRun,
    problems,
    (done, total) => progress('assets', done, total),
  );
  const orders = await createOrders(strapi, plan, dryRun, problems, (done, total) =>
    progress('orders', done, total),
  );
  const failedLines = (file: string) =>
    new Set(problems.filter((p) => p.file === file).map((p) => p.line)).size;
  customers.counts.failed = failedLines('customers.csv');
  customers.counts.read = plan.rowsRead['customers.csv'] ?? 0;
  assets.counts.failed = failedLines('products.csv');
  assets.counts.read = plan.rowsRead['products.csv'] ?? 0;
  orders.read = plan.rowsRead['orders.csv'] ?? 0;
  orders.failed = orders.read - orders.created - orders.skipped;
  return { dryRun, customers: customers.counts, assets: assets.counts, orders, problems };
}

async function upsertAll<Input extends Record<string, unknown>>(
  strapi: Core.Strapi,
  uid: typeof CUSTOMER_UID | typeof ASSET_UID,
  keyField: 'code' | 'sku',
  records: PlannedRecord<Input>[],
  dryRun: boolean,
  problems: RowProblem[],
  progress: (done: number, total: number) => void,
) {
  const counts: EntityCounts = { read: 0, created: 0, updated: 0, skipped: 0, failed: 0 };
  const populate =
    uid === CUSTOMER_UID ? { billingAddress: true, shippingAddress: true } : undefined;
  const existing = new Map(
    ((await strapi.documents(uid).findMany({ populate, limit: 100000 } as never)) as Stored[]).map(
      (row) => [String(row[keyField]), row],
    ),
  );
  const service = strapi.service(uid) as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  const firstLineOf = new Map<string, number>();
  let done = 0;
  for (const record of records) {
    progress(++done, records.length);
    const firstLine = firstLineOf.get(record.key);
    if (firstLine !== undefined) {
      problems.push({
        ...at(record),
        field: keyField,
        reason: `${record.key} repeats line ${firstLine}`,
      });
      continue;
    }
    firstLineOf.set(record.key, record.line);
    const stored = existing.get(record.key);
    const change = !stored ? 'created' : differs(record.input, stored) ? 'updated' : 'skipped';
    if (!dryRun && change !== 'skipped') {
      try {
        if (stored) {
          await service[uid === CUSTOMER_UID ? 'updateCustomer' : 'updateAsset'](
            stored.documentId,
            record.input,
          );
        } else {
          await service[uid === CUSTOMER_UID ? 'createCustomer' : 'createAsset'](record.input);
        }
      } catch (error) {
        problems.push({ ...at(record), ...describeRefusal(error) });
        continue;
      }
    }
    counts[change] += 1;
  }
  return { counts };
}

async function createOrders(
  strapi: Core.Strapi,
  plan: ImportPlan,
  dryRun: boolean,
  problems: RowProblem[],
  progress: (done: number, total: number) => void,
): Promise<EntityCounts> {
  const counts: EntityCounts = { read: 0, created: 0, updated: 0, skipped: 0, failed: 0 };
  const customerIds = await documentIdsBy(strapi, CUSTOMER_UID, 'code');
  const assetIds = await documentIdsBy(strapi, ASSET_UID, 'sku');
  // NOTE: in a dry run the planned records stand in for those that would have been written.
  const plannedCustomers = new Set(plan.customers.map((c) => c.key));
  const plannedAssets = new Set(plan.assets.map((a) => a.key));
  const existingRefs = new Set((await documentIdsBy(strapi, ORDER_UID, 'externalRef')).keys());
  const schema = orderCreateSchema(loadConfig().BASE_CURRENCY);
  const pending: { order: PlannedOrder; input: OrderCreateInput }[] = [];
  const flush = async () => {
    counts.created += await createDrafts(strapi, pending.splice(0), problems);
  };
  let done = 0;
  for (const order of plan.orders) {
    progress(++done, plan.orders.length);
    if (existingRefs.has(order.externalRef)) {
      counts.skipped += 1;
      continue;
    }
    const unresolved = findUnresolved(
      order,
      customerIds,
      assetIds,
      dryRun,
      plannedCustomers,
      plannedAssets,
    );
    if (unresolved.length > 0) {
      problems.push(...unresolved);
      continue;
    }
    // NOTE: in a dry run a record that would be created has no documentId yet; a stand-in of the
    // right shape lets the order's own fields be checked all the same.
    const parsed = schema.safeParse({
      customer: customerIds.get(order.customerCode) ?? 'planned0000',
      orderDate: order.orderDate,
      requiredDate: order.requiredDate,
      shippedDate: order.shippedDate,
      freight: order.freight,
      externalRef: order.externalRef,
      shipTo: order.shipTo,
      lines: order.lines.map((line) => ({
        asset: assetIds.get(line.sku) ?? 'planned0000',
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        discount: line.discount,
      })),
    });
    if (!parsed.success) {
      problems.push(
        ...parsed.error.issues.map((issue) => orderProblem(order, issue.path, issue.message)),
      );
      continue;
    }
    if (dryRun) {
      counts.created += 1;
      continue;
    }
    pending.push({ order, input: parsed.data });
    if (pending.length === ORDERS_PER_BATCH) {
      await flush();
    }
  }
  await flush();
  return counts;
}

/** How many draft orders one transaction creates. */
const ORDERS_PER_BATCH = 100;

/**
 * Creates the drafts in one batch and returns how many were created. A batch that is refused
 * is created again one order at a time, so the refusal lands on the order that caused it and
 * the others are still created.
 */
async function createDrafts(
  strapi: Core.Strapi,
  drafts: readonly { order: PlannedOrder; input: OrderCreateInput }[],
  problems: RowProblem[],
): Promise<number> {
  const service = strapi.service(ORDER_UID) as unknown as {
    createDraftOrders(inputs: readonly OrderCreateInput[]): Promise<unknown[]>;
  };
  if (drafts.length === 0) {
    return 0;
  }
  try {
    await service.createDraftOrders(drafts.map((draft) => draft.input));
    return drafts.length;
  } catch (error) {
    if (!isDomainError(error) || drafts.length === 1) {
      // NOTE: describeRefusal throws anything but a domain error again: a bug, not a bad row.
      problems.push({ ...at(drafts[0].order), ...describeRefusal(error) });
      return 0;
    }
  }
  let created = 0;
  for (const draft of drafts) {
    created += await createDrafts(strapi, [draft], problems);
  }
  return created;
}

function findUnresolved(
  order: PlannedOrder,
  customerIds: Map<string, string>,
  assetIds: Map<string, string>,
  dryRun: boolean,
  plannedCustomers: Set<string>,
  plannedAssets: Set<string>,
): RowProblem[] {
  const found: RowProblem[] = [];
  const hasCustomer =
    customerIds.has(order.customerCode) || (dryRun && plannedCustomers.has(order.customerCode));
  if (!hasCustomer) {
    found.push({
      file: order.file,
      line: order.line,
      field: 'customerID',
      reason: `unknown customer ${order.customerCode}`,
    });
  }
  for (const line of order.lines) {
    if (!assetIds.has(line.sku) && !(dryRun && plannedAssets.has(line.sku))) {
      found.push({
        file: 'order-details.csv',
        line: line.line,
        field: 'productID',
        reason: `unknown product ${line.sku.replace(/^NW-/, '')}`,
      });
    }
  }
  return found;
}

async function documentIdsBy(
  strapi: Core.Strapi,
  uid: string,
  field: string,
): Promise<Map<string, string>> {
  const rows = (await strapi.db
    .query(uid as never)
    .findMany({ select: ['documentId', field] })) as Stored[];
  return new Map(
    rows.filter((row) => row[field]).map((row) => [String(row[field]), row.documentId]),
  );
}

/** True when any field of the input differs from what is stored (components compared by field). */
export function differs(input: Record<string, unknown>, stored: Record<string, unknown>): boolean {
  return Object.entries(input).some(([key, value]) => {
    const current = stored[key];
    if (value && typeof value === 'object') {
      const nested = (current ?? {}) as Record<string, unknown>;
      return differs(value as Record<string, unknown>, nested);
    }
    return normalize(value) !== normalize(current);
  });
}

const normalize = (value: unknown) => (value === undefined || value === null ? '' : String(value));

const at = (record: { file: string; line: number }) => ({ file: record.file, line: record.line });

/** A service's refusal as a row problem; anything but a domain error is a bug and is thrown. */
function describeRefusal(error: unknown): { field: string; reason: string } {
  if (!isDomainError(error)) {
    throw error;
  }
  const path = (error.details.errors as { path?: string[] }[] | undefined)?.[0]?.path ?? [];
  return { field: path.at(-1) ?? '-', reason: error.message };
}

/** Places a problem found in an order's input on its orders.csv or order-details.csv line. */
function orderProblem(order: PlannedOrder, path: PropertyKey[], reason: string): RowProblem {
  if (path[0] === 'lines' && typeof path[1] === 'number' && order.lines[path[1]]) {
    const line = order.lines[path[1]];
    return { file: 'order-details.csv', line: line.line, field: String(path[2] ?? '-'), reason };
  }
  return { file: order.file, line: order.line, field: String(path[0] ?? '-'), reason };
}
