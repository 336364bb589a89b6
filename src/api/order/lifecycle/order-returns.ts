import type { Core } from '@strapi/strapi';
import { getInventory } from '../../asset/inventory';
import { postJournalEntry } from '../../ledger';
import { loadConfig } from '../../../platform/config';
import { emitDomainEvent } from '../../../platform/domain-events';
import { invalidField } from '../../../platform/errors';
import { fromDatabase, subtractAmounts, sumAmounts } from '../../../platform/money';
import { takeNextValue } from '../../../platform/sequences';
import { inTransaction } from '../../../platform/transactions';
import { runAsWriter } from '../../../platform/write-context';
import {
  addReturned,
  assertReturnable,
  planReturn,
  type PlannedReturn,
  type ReturnLineRequest,
  type ReturnedSoFar,
} from '../domain/returns';
import { assertTransition } from '../domain/order-lifecycle';
import {
  CREDIT_NOTE_UID,
  businessToday,
  lockOrder,
  saveOrder,
  type LockedOrder,
} from './locked-orders';

export interface ReturnRequest {
  lines: ReturnLineRequest[];
  /** Freight to credit, minor units; at most what is not yet credited. */
  freight?: number;
  /** The business date; today when left out. */
  date?: string;
  reason?: string | null;
}

export interface RecordedReturn {
  creditNoteNumber: string;
  creditNoteDocumentId: string;
}

export interface ReturnOptions {
  /**
   * A request identical to the order's latest credit note, issued this many milliseconds ago
   * or less, is taken as the same request seen twice (a double submit from a form that has no
   * Idempotency-Key) and answers that credit note.
   */
  repeatWindowMs?: number;
}

/**
 * Takes goods back on a fulfilled order: issues a credit note with the next credit-note number,
 * credits the lines' net and tax (and freight if asked), restocks units at the cost they left
 * with, and marks the order returned once every fulfilled unit is back. One transaction; the
 * order row is locked first, so concurrent returns are counted one after the other.
 */
export function returnOrder(
  strapi: Core.Strapi,
  documentId: string,
  request: ReturnRequest,
  options: ReturnOptions = {},
): Promise<RecordedReturn> {
  return inTransaction(strapi, async () => {
    const order = await lockOrder(strapi, documentId);
    const date = request.date ?? businessToday();
    // NOTE: before any other check: a repeat of a return that brought every unit back finds the
    // order returned, and must still get its credit note rather than a refusal.
    if (options.repeatWindowMs) {
      const repeated = await sameRecentReturn(strapi, order, request, date, options.repeatWindowMs);
      if (repeated) {
        return repeated;
      }
    }
    assertReturnable(order.number, order.orderStatus, {
      freightOnly: request.lines.length === 0,
    });
    const invoice = await strapi.db
      .query('api::order.order')
      .findOne({ where: { id: order.id }, select: ['invoiceNumber', 'invoiceDate'] });
    if (date < invoice.invoiceDate) {
      throw invalidField(
        ['data', 'date'],
        `must not be before the invoice date ${invoice.invoiceDate} of order ${order.number}`,
      );
    }
    const history = await returnHistory(strapi, order.documentId);
    const costs = await lineCosts(strapi, order);
    const plan = planReturn(
      {
        orderNumber: order.number,
        lines: order.lines.map((line) => ({ ...line, cost: costs.get(line.lineNo) as number })),
        returned: history.returned,
        freight: order.freight,
        freightCredited: history.freightCredited,
      },
      request,
    );
    const number = `CN-${String(await takeNextValue(strapi, 'credit-note')).padStart(6, '0')}`;
    const created = await runAsWriter('order-lifecycle', () =>
      strapi.documents(CREDIT_NOTE_UID).create({
        data: {
          number,
          order: order.documentId,
          orderDocumentId: order.documentId,
          orderNumber: order.number,
          invoiceNumber: invoice.invoiceNumber,
          customerDocumentId: order.customerId,
          creditDate: date,
          currency: loadConfig().BASE_CURRENCY,
          lines: plan.lines.map((line) => ({
            lineNo: line.lineNo,
            asset: line.assetId,
            quantity: line.quantity,
            disposition: line.disposition,
            net: line.net,
            tax: line.tax,
            cost: line.cost,
          })),
          freight: plan.freight,
          subtotal: plan.subtotal,
          taxTotal: plan.taxTotal,
          total: plan.total,
          restockValue: plan.restockValue,
          reason: request.reason ?? null,
        } as never,
      }),
    );
    await postReturn(strapi, order, number, date, plan);
    const becomesReturned = plan.completesOrder && order.orderStatus !== 'returned';
    if (becomesReturned) {
      assertTransition(order.number, order.orderStatus, 'returned');
    }
    await saveOrder(
      strapi,
      { ...order, invoiced: subtractAmounts(order.invoiced, plan.total) },
      becomesReturned ? { orderStatus: 'returned' } : {},
    );
    await emitDomainEvent(strapi, 'middlepath.return.recorded', {
      orderDocumentId: order.documentId,
      customerDocumentId: order.customerId,
      creditNoteNumber: number,
    });
    return { creditNoteNumber: number, creditNoteDocumentId: created.documentId };
  });
}

/** Restocks what comes back to the shelf and posts the credit note and the reversed cost. */
async function postReturn(
  strapi: Core.Strapi,
  order: LockedOrder,
  number: string,
  date: string,
  plan: PlannedReturn,
): Promise<void> {
  const restocked = plan.lines.filter((line) => line.disposition === 'restock');
  if (restocked.length > 0) {
    await getInventory(strapi).restock([
      {
        key: `return:${number}`,
        date,
        source: { type: 'return', id: number },
        lines: restocked.map(({ assetId, lineNo, quantity, cost }) => ({
          assetId,
          lineNo,
          quantity,
          cost,
        })),
      },
    ]);
  }
  // NOTE: free goods (a fully discounted line) come back with nothing to credit.
  if (plan.total > 0) {
    await postCreditNote(strapi, order, number, date, plan);
  }
  await postRestockedCost(strapi, order, number, date, plan.restockValue);
}

function postCreditNote(
  strapi: Core.Strapi,
  order: LockedOrder,
  number: string,
  date: string,
  plan: PlannedReturn,
) {
  return postJournalEntry(strapi, {
    key: `credit-note:${number}`,
    date,
    memo: `Credit note ${number} for order ${order.number}`,
    sourceType: 'credit-note',
    sourceId: number,
    ...journalSourceOf(order),
    lines: [
      { account: 'sales', debit: plan.subtotal, credit: 0 },
      { account: 'salesTax', debit: plan.taxTotal, credit: 0 },
      { account: 'freightIncome', debit: plan.freight, credit: 0 },
      { account: 'receivable', debit: 0, credit: plan.total },
    ],
  });
}

async function postRestockedCost(
  strapi: Core.Strapi,
  order: LockedOrder,
  number: string,
  date: string,
  restockValue: number,
): Promise<void> {
  if (restockValue > 0) {
    await postJournalEntry(strapi, {
      key: `return-stock:${number}`,
      date,
      memo: `Goods back in stock on credit note ${number}`,
      sourceType: 'credit-note',
      sourceId: number,
      ...journalSourceOf(order),
      lines: [
        { account: 'inventory', debit: restockValue, credit: 0 },
        { account: 'costOfGoods', debit: 0, credit: restockValue },
      ],
    });
  }
}

/** The order's latest credit note when it is this very request, issued moments ago. */
async function sameRecentReturn(
  strapi: Core.Strapi,
  order: LockedOrder,
  request: ReturnRequest,
  date: string,
  windowMs: number,
): Promise<RecordedReturn | undefined> {
  const latest = await strapi.db.query(CREDIT_NOTE_UID).findOne({
    where: { orderDocumentId: order.documentId },
    orderBy: { id: 'desc' },
    populate: { lines: true },
  });
  if (!latest || Date.now() - new Date(latest.createdAt).getTime() > windowMs) {
    return undefined;
  }
  const linesOf = (lines: { lineNo: unknown; quantity: unknown; disposition: unknown }[]) =>
    lines.map((line) => `${line.lineNo}:${line.quantity}:${line.disposition}`).join(',');
  const same =
    linesOf(latest.lines) === linesOf(request.lines) &&
    fromDatabase(latest.freight) === (request.freight ?? 0) &&
    latest.creditDate === date &&
    (latest.reason ?? null) === (request.reason ?? null);
  return same
    ? { creditNoteNumber: latest.number, creditNoteDocumentId: latest.documentId }
    : undefined;
}

const journalSourceOf = (order: LockedOrder) => ({
  orderDocumentId: order.documentId,
  customerDocumentId: order.customerId,
});

/** What the order's earlier credit notes took back, per line, and the freight they credited. */
async function returnHistory(strapi: Core.Strapi, orderDocumentId: string) {
  const notes = (await strapi.db.query(CREDIT_NOTE_UID).findMany({
    where: { orderDocumentId },
    select: ['freight'],
    populate: { lines: true },
  })) as { freight: unknown; lines: Record<string, unknown>[] }[];
  const returned = new Map<number, ReturnedSoFar>();
  for (const line of notes.flatMap((note) => note.lines)) {
    addReturned(returned, {
      lineNo: Number(line.lineNo),
      quantity: Number(line.quantity),
      net: fromDatabase(line.net),
      tax: fromDatabase(line.tax),
      cost: fromDatabase(line.cost),
    });
  }
  const freightCredited = sumAmounts(
    notes.map((note) => fromDatabase(note.freight, 'freight')),
    'freight credited',
  );
  return { returned, freightCredited };
}

/** The cost each line left with at fulfilment, as the inventory recorded it. */
async function lineCosts(strapi: Core.Strapi, order: LockedOrder): Promise<Map<number, number>> {
  const fulfilled = await getInventory(strapi).fulfilledCosts(
    `order:${order.documentId}:fulfil`,
    order.lines,
  );
  return new Map(fulfilled.map((line) => [line.lineNo, line.cost]));
}
