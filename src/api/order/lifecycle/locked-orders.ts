import type { Core } from '@strapi/strapi';
import type { StockLine } from '../../asset/inventory';
import { sumPaymentsForOrders } from '../../ledger';
import { groupBy, readInChunks } from '../../../platform/batches';
import { DomainError, isDomainError } from '../../../platform/errors';
import { lockDocumentRows } from '../../../platform/locks';
import { fromDatabase, subtractAmounts, sumAmounts } from '../../../platform/money';
import { updateRows } from '../../../platform/row-writes';
import { paymentStatusOf, type MoneyState, type OrderStatus } from '../domain/order-lifecycle';

/**
 * The orders a lifecycle use-case works on: locked for the rest of its transaction, read with
 * what the use-case needs, and written back with the payment status that follows. Every read
 * and write here takes many orders at once, so a batch of a thousand orders costs a handful of
 * statements; a single order is a batch of one.
 */

export const ORDER_UID = 'api::order.order';
export const CREDIT_NOTE_UID = 'api::order.credit-note';

export interface LockedOrder {
  id: number;
  documentId: string;
  number: string;
  orderStatus: OrderStatus;
  customerId: string | null;
  total: number;
  subtotal: number;
  taxTotal: number;
  freight: number;
  /** The invoice minus credit notes once fulfilled; 0 before. */
  invoiced: number;
  lines: OrderLine[];
}

export interface OrderLine extends StockLine {
  net: number;
  tax: number;
}

interface StoredOrderLine {
  lineNo: number;
  quantity: number;
  net: unknown;
  tax: unknown;
  asset?: { documentId: string };
}

/**
 * Runs a step of a batch of more than one order; when the step refuses one of them (a refusal
 * whose details name the order as its `source`, as the inventory's do), the message says which
 * order by its number. A batch of one is left as it is: its caller knows the order.
 */
export async function namingTheOrder<T>(
  orders: readonly LockedOrder[],
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (orders.length < 2 || !isDomainError(error)) {
      throw error;
    }
    const source = error.details.source as { id?: string } | undefined;
    const order = orders.find((candidate) => candidate.documentId === source?.id);
    throw order ? refusedFor(order, error) : error;
  }
}

/** The refusal again, its message prefixed with the order's number. */
export function refusedFor(order: LockedOrder, error: DomainError): DomainError {
  return new DomainError(error.kind, error.code, `Order ${order.number}: ${error.message}`, {
    ...error.details,
    orderDocumentId: order.documentId,
  });
}

/** Today's date (UTC), the business date of an action that names none. */
export function businessToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Locks one order's row for the rest of the transaction and reads what the lifecycle needs. */
export async function lockOrder(strapi: Core.Strapi, documentId: string): Promise<LockedOrder> {
  return (await lockOrders(strapi, [documentId])).get(documentId) as LockedOrder;
}

/**
 * Locks the orders' rows (in id order) for the rest of the transaction and reads them, by
 * documentId. Refused with a 404 naming the first order that does not exist.
 */
export async function lockOrders(
  strapi: Core.Strapi,
  documentIds: readonly string[],
): Promise<Map<string, LockedOrder>> {
  const locked = await lockDocumentRows(strapi, ORDER_UID, documentIds);
  const found = new Set(locked.map((row) => row.documentId));
  const missing = documentIds.find((documentId) => !found.has(documentId));
  if (missing !== undefined) {
    throw new DomainError('not_found', 'order_not_found', `No order ${missing}`);
  }
  const rows = await readInChunks(
    locked.map((row) => row.id),
    (chunk) =>
      strapi.db.query(ORDER_UID).findMany({
        where: { id: { $in: chunk } },
        populate: {
          customer: { select: ['documentId'] },
          lines: { populate: { asset: { select: ['documentId'] } } },
        },
      }),
  );
  const credited = await creditedOn(
    strapi,
    rows.filter((row) => row.invoiceNumber).map((row) => String(row.documentId)),
  );
  return new Map(
    rows.map((row) => {
      const order = toLockedOrder(row, credited.get(String(row.documentId)) ?? 0);
      return [order.documentId, order];
    }),
  );
}

function toLockedOrder(row: Record<string, unknown>, credited: number): LockedOrder {
  const amount = (value: unknown) => fromDatabase(value);
  const number = String(row.number);
  const customer = row.customer as { documentId: string } | null | undefined;
  return {
    id: Number(row.id),
    documentId: String(row.documentId),
    number,
    orderStatus: row.orderStatus as OrderStatus,
    customerId: customer?.documentId ?? null,
    total: amount(row.total),
    subtotal: amount(row.subtotal),
    taxTotal: amount(row.taxTotal),
    freight: amount(row.freight),
    invoiced: row.invoiceNumber ? subtractAmounts(amount(row.total), credited) : 0,
    lines: ((row.lines ?? []) as StoredOrderLine[]).map((line) => {
      if (!line.asset) {
        throw new DomainError(
          'conflict',
          'line_without_asset',
          `Order ${number} line ${line.lineNo} has no asset`,
        );
      }
      return {
        assetId: line.asset.documentId,
        lineNo: line.lineNo,
        quantity: line.quantity,
        net: amount(line.net),
        tax: amount(line.tax),
      };
    }),
  };
}

/** What each order's credit notes have taken off its invoice, by order documentId. */
async function creditedOn(
  strapi: Core.Strapi,
  orderDocumentIds: readonly string[],
): Promise<Map<string, number>> {
  const notes = await readInChunks(
    orderDocumentIds,
    (chunk) =>
      strapi.db.query(CREDIT_NOTE_UID).findMany({
        where: { orderDocumentId: { $in: chunk } },
        select: ['orderDocumentId', 'total'],
      }) as Promise<{ orderDocumentId: string; total: unknown }[]>,
  );
  const byOrder = groupBy(notes, (note) => note.orderDocumentId);
  return new Map(
    [...byOrder].map(([orderDocumentId, list]) => [
      orderDocumentId,
      sumAmounts(list.map((note) => fromDatabase(note.total))),
    ]),
  );
}

/** Each order's money state: its status, what it owes and what was paid and refunded. */
export async function moneyStatesOf(
  strapi: Core.Strapi,
  orders: readonly LockedOrder[],
): Promise<Map<string, MoneyState>> {
  const sums = await sumPaymentsForOrders(
    strapi,
    orders.map((order) => order.documentId),
  );
  return new Map(
    orders.map((order) => [
      order.documentId,
      {
        orderStatus: order.orderStatus,
        total: order.total,
        invoiced: order.invoiced,
        ...(sums.get(order.documentId) ?? { paid: 0, refunded: 0 }),
      },
    ]),
  );
}

export interface OrderSave {
  order: LockedOrder;
  /** The lifecycle's fields to write. */
  changes: Record<string, unknown>;
  /** The money state after the change, when the caller has just moved money; else it is read. */
  known?: MoneyState;
}

/** Writes one order's lifecycle fields and the payment status that follows from them. */
export async function saveOrder(
  strapi: Core.Strapi,
  order: LockedOrder,
  changes: Record<string, unknown>,
  known?: MoneyState,
): Promise<void> {
  await saveOrders(strapi, [{ order, changes, known }]);
}

/**
 * Writes the lifecycle's fields of many orders and the payment status that follows from them;
 * orders given the same fields are written in one statement.
 */
export async function saveOrders(strapi: Core.Strapi, saves: readonly OrderSave[]): Promise<void> {
  const afterChanges = saves.map(({ order, changes }) => ({
    ...order,
    orderStatus: (changes.orderStatus as OrderStatus | undefined) ?? order.orderStatus,
    invoiced: changes.invoiceNumber ? order.total : order.invoiced,
  }));
  const unknown = afterChanges.filter((_, index) => !saves[index].known);
  const read = unknown.length > 0 ? await moneyStatesOf(strapi, unknown) : new Map();
  const writes = saves.map(({ order, changes, known }) => {
    const state = known ?? (read.get(order.documentId) as MoneyState);
    return { id: order.id, data: { ...changes, paymentStatus: paymentStatusOf(state) } };
  });
  for (const group of groupBy(writes, (write) => JSON.stringify(write.data)).values()) {
    await updateRows(
      strapi,
      ORDER_UID,
      group.map((write) => write.id),
      group[0].data,
    );
  }
}
