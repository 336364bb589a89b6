import type { Core } from '@strapi/strapi';
import { DomainError, invalidField } from '../../platform/errors';
import { toInteger } from '../../platform/documents';
import { MoneyError, parseRate } from '../../platform/money';
import { lockDocumentRow } from '../../platform/locks';
import { takeNextValue } from '../../platform/sequences';
import {
  applyBaseCurrency,
  useOnDelete,
  useOnWrite,
  type Data,
} from '../../platform/document-middleware';
import { isWriting } from '../../platform/write-context';
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
] as const;

interface StoredLine {
  id: number;
  lineNo: number;
  quantity: number;
  unitPrice: unknown;
  discount: string;
  taxRate: string;
}

interface StoredOrder {
  number: string;
  orderStatus: string;
  paymentStatus: string;
  freight: unknown;
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
            populate: { lines: true },
          })) as StoredOrder | null)
        : null;
    if (ctx.action === 'update' && !stored) {
      return; // Strapi answers an update of a missing document itself.
    }
    assertStatusUnchanged(data, stored);
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
  });
}

/** Status changes are the lifecycle's business: a plain save may repeat them, not change them. */
function assertStatusUnchanged(data: Data, stored: StoredOrder | null): void {
  if (isWriting('order-lifecycle')) {
    return;
  }
  for (const field of ['orderStatus', 'paymentStatus'] as const) {
    if (data[field] === undefined) {
      continue;
    }
    const current = stored ? stored[field] : field === 'orderStatus' ? 'draft' : 'unpaid';
    if (data[field] !== current) {
      throw new DomainError(
        'conflict',
        'status_change_not_allowed',
        `${field} cannot be changed by saving the order (it is ${current})`,
        { field, from: current, to: data[field] },
      );
    }
    delete data[field];
  }
}

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
