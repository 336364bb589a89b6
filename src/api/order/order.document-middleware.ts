import type { Core } from '@strapi/strapi';
import { DomainError, invalidField } from '../../platform/errors';
import { toInteger } from '../../platform/documents';
import { MoneyError, parseRate } from '../../platform/money';
import { lockDocumentRow } from '../../platform/locks';
import { changesRelation } from '../../platform/relations';
import { takeNextValue } from '../../platform/sequences';
import {
  applyBaseCurrency,
  useOnDelete,
  useOnWrite,
  type Data,
} from '../../platform/document-middleware';
import { isWriting } from '../../platform/write-context';
import { cancelOrder, confirmOrder, fulfilOrder } from './lifecycle/order-lifecycle';
import { isAllowedTransition, type OrderStatus } from './domain/order-lifecycle';
import {
  formatOrderNumber,
  priceLines,
  totalOrder,
  type LineToPrice,
} from './domain/order-pricing';

const UID = 'api::order.order';

const SERVER_SET_FIELDS = [
  'subtotal',
  'taxTotal',
  'total',
  'costOfGoods',
  'invoiceNumber',
  'invoiceDate',
  'creditNotes',
] as const;

interface StoredLine {
  id: number;
  lineNo: number;
  description?: string | null;
  asset?: { documentId: string } | null;
  quantity: number;
  unitPrice: unknown;
  discount: string;
  taxRate: string;
}

interface StoredOrder {
  number: string;
  notes?: string | null;
  requiredDate?: string | null;
  orderDate?: string;
  externalRef?: string | null;
  orderStatus: string;
  paymentStatus: string;
  freight: unknown;
  currency?: string;
  shippedDate?: string | null;
  invoiceNumber?: string | null;
  customer?: { documentId: string } | null;
  lines: StoredLine[];
}

/**
 * Every save of an order, from REST, the importer or the admin panel, gets its number, line
 * numbers, line amounts and totals from here, so no client value for them is ever stored.
 */
export function registerOrderDocumentMiddleware(strapi: Core.Strapi): void {
  // Only a draft may be deleted: anything later has stock movements or journal entries behind it.
  useOnDelete(strapi, UID, async (documentId) => {
    await lockDocumentRow(strapi, UID, documentId);
    const order = await strapi.db
      .query(UID)
      .findOne({ where: { documentId }, select: ['number', 'orderStatus'] });
    if (order && order.orderStatus !== 'draft') {
      throw new DomainError(
        'conflict',
        'order_not_draft',
        `Order ${order.number} is ${order.orderStatus}: only a draft can be deleted`,
        { orderStatus: order.orderStatus },
      );
    }
  });
  useOnWrite(strapi, UID, async (ctx) => {
    const data = ctx.params.data;
    applyBaseCurrency(data, ctx.action);
    if (ctx.action === 'update' && ctx.params.documentId) {
      await lockDocumentRow(strapi, UID, ctx.params.documentId);
    }
    const stored =
      ctx.action === 'update'
        ? ((await strapi.db.query(UID).findOne({
            where: { documentId: ctx.params.documentId },
            populate: {
              customer: { select: ['documentId'] },
              lines: { populate: { asset: { select: ['documentId'] } } },
            },
          })) as StoredOrder | null)
        : null;
    if (ctx.action === 'update' && !stored) {
      return; // Strapi answers an update of a missing document itself.
    }
    const transition = readStatusChange(data, stored, ctx.action);
    if (stored && stored.orderStatus !== 'draft' && !isWriting('order-lifecycle')) {
      assertFrozenFieldsKept(data, stored);
    }
    // NOTE: whatever a form or client sends for these is dropped; pricing below recomputes the
    // totals when lines or freight change, and the lifecycle sets the invoice fields.
    for (const field of SERVER_SET_FIELDS) {
      delete data[field];
    }
    if (ctx.action === 'create' || 'lines' in data || 'freight' in data) {
      priceOrderData(data, stored);
    }
    if (ctx.action === 'create') {
      data.number = formatOrderNumber(await takeNextValue(strapi, 'order'));
    } else {
      delete data.number;
    }
    if (transition) {
      const documentId = ctx.params.documentId as string;
      return async (result) => {
        await runTransition(strapi, documentId, transition);
        return withLifecycleFields(strapi, documentId, result);
      };
    }
    return undefined;
  });
}

/**
 * A save that changes `orderStatus` (the admin panel's way) runs the same use-case as the REST
 * action, after the save, in its transaction. A non-draft order's status must change on its own;
 * `paymentStatus` follows payments and is never saved.
 */
function readStatusChange(
  data: Data,
  stored: StoredOrder | null,
  action: string,
): OrderStatus | undefined {
  if (isWriting('order-lifecycle')) {
    return undefined;
  }
  const currentPayment = stored?.paymentStatus ?? 'unpaid';
  if (data.paymentStatus !== undefined && data.paymentStatus !== currentPayment) {
    throw new DomainError(
      'conflict',
      'status_change_not_allowed',
      `paymentStatus follows payments and refunds; it cannot be saved (it is ${currentPayment})`,
      { field: 'paymentStatus', from: currentPayment, to: data.paymentStatus },
    );
  }
  delete data.paymentStatus;
  const current = stored?.orderStatus ?? 'draft';
  const requested = data.orderStatus as OrderStatus | undefined;
  delete data.orderStatus;
  if (requested === undefined || requested === current) {
    return undefined;
  }
  if (action === 'create') {
    throw new DomainError(
      'conflict',
      'status_change_not_allowed',
      'A new order starts as a draft; confirm it once it is saved',
      { field: 'orderStatus', to: requested },
    );
  }
  // NOTE: a form opened before someone else moved the order on sends the old status back; say
  // so rather than blame the fields the user did change.
  if (
    !isAllowedTransition(current as OrderStatus, requested) &&
    LATER[requested]?.includes(current)
  ) {
    throw new DomainError(
      'conflict',
      'stale_status',
      `Order ${stored?.number} is ${current} now, not ${requested}: reload it to see what changed, then save again`,
      { orderStatus: current, sent: requested },
    );
  }
  if (current !== 'draft') {
    const changed = EDITABLE_SCALARS.filter(
      (field) => field in data && normalize(data[field]) !== normalize(stored?.[field]),
    );
    if (changed.length > 0) {
      throw new DomainError(
        'conflict',
        'status_with_other_changes',
        `Order ${stored?.number} is ${current}: change its status on its own, without ${changed.join(', ')}`,
        { fields: changed },
      );
    }
  }
  return requested;
}

/** The statuses an order can have reached after each one. */
const LATER: Partial<Record<OrderStatus, readonly string[]>> = {
  draft: ['confirmed', 'fulfilled', 'cancelled', 'returned'],
  confirmed: ['fulfilled', 'cancelled', 'returned'],
  fulfilled: ['returned'],
};

const EDITABLE_SCALARS = ['notes', 'requiredDate', 'orderDate', 'externalRef'] as const;

/** What the invoice, the stock movements and the ledger were made from: fixed once confirmed. */
const FROZEN_AFTER_DRAFT = ['orderDate', 'currency', 'externalRef', 'shippedDate'] as const;

/**
 * Refuses a save that changes what a confirmed order's reservation, invoice or ledger entries
 * were made from: its customer, dates, reference, or a line's asset or description (a form
 * sends every field; unchanged values pass). Lines and freight are checked with the pricing.
 */
function assertFrozenFieldsKept(data: Data, stored: StoredOrder): void {
  // NOTE: fulfilment invoices the order and sets its shipped date, and a form loaded since
  // carries that date: a form without one, on an invoiced order, was opened before it shipped.
  // (An order may also be created with a shipped date; clearing that is a frozen change.)
  if ('shippedDate' in data && !data.shippedDate && stored.invoiceNumber) {
    throw new DomainError(
      'conflict',
      'stale_form',
      `Order ${stored.number} has shipped since this form was loaded (it is ${stored.orderStatus} now): reload it to see what changed, then save again`,
      { orderStatus: stored.orderStatus },
    );
  }
  const changed: string[] = FROZEN_AFTER_DRAFT.filter(
    (field) => field in data && normalize(data[field]) !== normalize(stored[field]),
  );
  if (changesRelation(data.customer, stored.customer?.documentId ?? null)) {
    changed.push('customer');
  }
  const storedLines = new Map(stored.lines.map((line) => [line.id, line]));
  const lines = Array.isArray(data.lines) ? (data.lines as Data[]) : [];
  const pairs = lines.flatMap((line) => {
    const current = storedLines.get(toInteger(line.id) ?? -1);
    return current ? [{ line, current }] : [];
  });
  if (
    pairs.some(({ line, current }) =>
      changesRelation(line.asset, current.asset?.documentId ?? null),
    )
  ) {
    changed.push('lines[].asset');
  }
  // NOTE: the description is printed on the invoice and mirrored to the accounting system.
  const describedAnew = ({ line, current }: (typeof pairs)[number]) =>
    'description' in line && normalize(line.description) !== normalize(current.description);
  if (pairs.some(describedAnew)) {
    changed.push('lines[].description');
  }
  if (changed.length > 0) {
    throw new DomainError(
      'conflict',
      'order_not_draft',
      `Order ${stored.number} is ${stored.orderStatus}: ${changed.join(', ')} can only be changed on a draft`,
      { orderStatus: stored.orderStatus, fields: changed },
    );
  }
}
const normalize = (value: unknown) => (value === undefined || value === null ? '' : String(value));

function priceOrderData(data: Data, stored: StoredOrder | null): void {
  const storedLines = stored?.lines ?? [];
  const lineNoById = new Map(storedLines.map((line) => [line.id, line.lineNo]));
  const incoming =
    'lines' in data ? readLines(data.lines, lineNoById) : storedLines.map(fromStored);
  const freight = readAmount('freight' in data ? data.freight : (stored?.freight ?? 0), [
    'freight',
  ]);

  if (stored && stored.orderStatus !== 'draft' && !isWriting('order-lifecycle')) {
    const unchanged =
      freight === toInteger(stored.freight) && sameLines(incoming, storedLines.map(fromStored));
    if (!unchanged) {
      throw new DomainError(
        'conflict',
        'order_not_draft',
        `Order ${stored.number} is ${stored.orderStatus}: its lines and freight can only be changed on a draft`,
        { orderStatus: stored.orderStatus },
      );
    }
  }

  const highestSoFar = Math.max(0, ...storedLines.map((line) => line.lineNo));
  const priced = priceLines(incoming, highestSoFar);
  if ('lines' in data) {
    data.lines = (data.lines as Data[]).map((line, index) => ({ ...line, ...priced[index] }));
  }
  data.freight = freight;
  Object.assign(data, totalOrder(priced, freight));
}

function readLines(value: unknown, lineNoById: Map<number, number>): LineToPrice[] {
  if (!Array.isArray(value)) {
    throw invalidField(['lines'], 'must be a list of lines');
  }
  return value.map((raw: Data, index) => {
    const path = (field: string) => ['lines', index, field];
    const quantity = toInteger(raw.quantity);
    if (quantity === undefined || quantity < 1) {
      throw invalidField(path('quantity'), 'must be a positive whole number');
    }
    const id = toInteger(raw.id);
    return {
      // NOTE: a client's lineNo is ignored; an existing line keeps the number it was given.
      lineNo: id === undefined ? undefined : lineNoById.get(id),
      quantity,
      unitPrice: readAmount(raw.unitPrice, path('unitPrice')),
      discount: readRate(raw.discount, path('discount'), 1),
      taxRate: readRate(raw.taxRate, path('taxRate')),
    };
  });
}

function fromStored(line: StoredLine): LineToPrice {
  return {
    lineNo: line.lineNo,
    quantity: line.quantity,
    unitPrice: toInteger(line.unitPrice) ?? 0,
    discount: line.discount,
    taxRate: line.taxRate,
  };
}

function sameLines(a: LineToPrice[], b: LineToPrice[]): boolean {
  const key = (line: LineToPrice) =>
    [line.lineNo, line.quantity, line.unitPrice, line.discount, line.taxRate].join('|');
  return a.length === b.length && a.every((line, index) => key(line) === key(b[index]));
}

function readAmount(value: unknown, path: (string | number)[]): number {
  const amount = toInteger(value);
  if (amount === undefined || amount < 0) {
    throw invalidField(path, 'must be a non-negative integer number of minor units');
  }
  return amount;
}

function readRate(value: unknown, path: (string | number)[], max?: number): string {
  try {
    return parseRate(value === undefined || value === null ? '0' : String(value), 'rate', max);
  } catch (error) {
    if (error instanceof MoneyError) {
      throw invalidField(path, error.message.replace(/^rate /, ''));
    }
    throw error;
  }
}

async function runTransition(strapi: Core.Strapi, documentId: string, to: OrderStatus) {
  // NOTE: one save seen twice (a hook that fires again, a middleware that repeats the update)
  // asks for the same change twice in one transaction; the row is locked, so the status read
  // here is current, and a change already made is not made again.
  const current = await strapi.db
    .query(UID)
    .findOne({ where: { documentId }, select: ['orderStatus'] });
  if (current?.orderStatus === to) {
    return;
  }
  switch (to) {
    case 'confirmed':
      return confirmOrder(strapi, documentId);
    case 'fulfilled':
      return fulfilOrder(strapi, documentId);
    case 'cancelled':
      return cancelOrder(strapi, documentId);
    default:
      throw new DomainError(
        'conflict',
        'transition_not_allowed',
        to === 'returned'
          ? 'An order becomes returned only through return documents'
          : `An order cannot go back to ${to}`,
        { requested: to },
      );
  }
}

/** The saved document with the fields the transition changed, so the panel shows them. */
async function withLifecycleFields(strapi: Core.Strapi, documentId: string, result: unknown) {
  const fresh = await strapi.db.query(UID).findOne({
    where: { documentId },
    select: [
      'orderStatus',
      'paymentStatus',
      'invoiceNumber',
      'invoiceDate',
      'shippedDate',
      'costOfGoods',
    ],
  });
  return result && typeof result === 'object' ? { ...result, ...fresh } : result;
}
