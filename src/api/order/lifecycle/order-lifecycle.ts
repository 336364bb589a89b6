import type { Core } from '@strapi/strapi';
import { getInventory } from '../../asset/inventory';
import { postJournalEntries, type PostJournalEntryInput } from '../../ledger';
import { emitDomainEvent } from '../../../platform/domain-events';
import { DomainError } from '../../../platform/errors';
import { sumAmounts } from '../../../platform/money';
import { takeNextValues } from '../../../platform/sequences';
import { inTransaction } from '../../../platform/transactions';
import { assertNothingHeld, assertTransition, type MoneyState } from '../domain/order-lifecycle';
import { assertCreditFor, holdCreditChecksOf } from './credit-check';
import {
  businessToday,
  lockOrder,
  lockOrders,
  moneyStatesOf,
  namingTheOrder,
  saveOrder,
  saveOrders,
  type LockedOrder,
} from './locked-orders';

/**
 * The order's status changes: confirm, fulfil and cancel, each for one order or (confirm and
 * fulfil) for a batch of them in one transaction. Payments are in order-payments.ts.
 */

/** A transition of one order, on a business date (today when left out). */
export interface TransitionRequest {
  documentId: string;
  date?: string;
}

/**
 * Confirms a draft: reserves every line (available must cover it unless the asset allows
 * backorders) after the credit-limit check. The order row is locked first, so concurrent
 * confirms of one order find it confirmed and are refused.
 */
export async function confirmOrder(
  strapi: Core.Strapi,
  documentId: string,
  date = businessToday(),
): Promise<void> {
  await confirmOrders(strapi, [{ documentId, date }]);
}

/**
 * Confirms many drafts in one transaction, in the order given, as `confirmOrder` would one
 * after the other: each is checked against the credit limit with the orders confirmed before
 * it in the batch, and reserves from what they left. One refusal refuses them all.
 */
export function confirmOrders(strapi: Core.Strapi, requests: readonly TransitionRequest[]) {
  return inTransaction(strapi, async () => {
    const orders = await lockForTransition(strapi, requests);
    orders.forEach((order) => assertTransition(order.number, order.orderStatus, 'confirmed'));
    await assertCreditFor(strapi, orders);
    await namingTheOrder(orders, () =>
      getInventory(strapi).reserve(
        orders.map((order, index) => ({
          key: `order:${order.documentId}:confirm`,
          date: requests[index].date ?? businessToday(),
          source: { type: 'order', id: order.documentId },
          lines: order.lines,
        })),
      ),
    );
    await saveOrders(
      strapi,
      orders.map((order) => ({ order, changes: { orderStatus: 'confirmed' } })),
    );
  });
}

/**
 * Fulfils a confirmed order whole: takes each line off on hand and reserved at its cost, issues
 * the next invoice number, and posts the invoice and the cost of goods, in one transaction.
 */
export async function fulfilOrder(
  strapi: Core.Strapi,
  documentId: string,
  date = businessToday(),
): Promise<void> {
  await fulfilOrders(strapi, [{ documentId, date }]);
}

/**
 * Fulfils many confirmed orders in one transaction, in the order given, as `fulfilOrder` would
 * one after the other: invoice numbers follow that order without gaps.
 */
export function fulfilOrders(strapi: Core.Strapi, requests: readonly TransitionRequest[]) {
  return inTransaction(strapi, async () => {
    const orders = await lockForTransition(strapi, requests);
    orders.forEach((order) => assertTransition(order.number, order.orderStatus, 'fulfilled'));
    await holdCreditChecksOf(strapi, orders);
    const dates = requests.map((request) => request.date ?? businessToday());
    const fulfilled = await namingTheOrder(orders, () =>
      getInventory(strapi).fulfil(
        orders.map((order, index) => ({
          key: `order:${order.documentId}:fulfil`,
          date: dates[index],
          source: { type: 'order', id: order.documentId },
          lines: order.lines,
        })),
      ),
    );
    const costs = fulfilled.map((lines, index) =>
      sumAmounts(
        lines.map((line) => line.cost),
        `cost of order ${orders[index].number}`,
      ),
    );
    const invoiceNumbers = (await takeNextValues(strapi, 'invoice', orders.length)).map(
      (value) => `INV-${String(value).padStart(6, '0')}`,
    );
    await postJournalEntries(
      strapi,
      orders.flatMap((order, index) =>
        fulfilmentEntries(order, invoiceNumbers[index], dates[index], costs[index]),
      ),
    );
    await saveOrders(
      strapi,
      orders.map((order, index) => ({
        order,
        changes: {
          orderStatus: 'fulfilled',
          invoiceNumber: invoiceNumbers[index],
          invoiceDate: dates[index],
          shippedDate: dates[index],
          costOfGoods: costs[index],
        },
      })),
    );
    for (const [index, order] of orders.entries()) {
      await emitDomainEvent(strapi, 'middlepath.order.fulfilled', {
        orderDocumentId: order.documentId,
        customerDocumentId: order.customerId,
        invoiceNumber: invoiceNumbers[index],
      });
    }
  });
}

/**
 * The invoice (receivable against sales, tax and freight) and the cost of goods of a fulfilled
 * order. NOTE: an order given away whole (every line at 100% discount, no freight) is invoiced
 * at 0: it gets its invoice number, and the ledger has nothing to post for it.
 */
function fulfilmentEntries(
  order: LockedOrder,
  invoiceNumber: string,
  date: string,
  cost: number,
): PostJournalEntryInput[] {
  const source = { orderDocumentId: order.documentId, customerDocumentId: order.customerId };
  const entries: PostJournalEntryInput[] = [];
  if (order.total > 0) {
    entries.push({
      key: `invoice:${order.documentId}`,
      date,
      memo: `Invoice ${invoiceNumber} for order ${order.number}`,
      sourceType: 'invoice',
      sourceId: invoiceNumber,
      ...source,
      lines: [
        { account: 'receivable', debit: order.total, credit: 0 },
        { account: 'sales', debit: 0, credit: order.subtotal },
        { account: 'salesTax', debit: 0, credit: order.taxTotal },
        { account: 'freightIncome', debit: 0, credit: order.freight },
      ],
    });
  }
  if (cost > 0) {
    entries.push({
      key: `cost:${order.documentId}`,
      date,
      memo: `Cost of goods for order ${order.number}`,
      sourceType: 'order',
      sourceId: order.documentId,
      ...source,
      lines: [
        { account: 'costOfGoods', debit: cost, credit: 0 },
        { account: 'inventory', debit: 0, credit: cost },
      ],
    });
  }
  return entries;
}

/** Cancels a draft or confirmed order, releasing its reservation; refused while money is held. */
export function cancelOrder(strapi: Core.Strapi, documentId: string, date = businessToday()) {
  return inTransaction(strapi, async () => {
    const order = await lockOrder(strapi, documentId);
    assertTransition(order.number, order.orderStatus, 'cancelled');
    const state = (await moneyStatesOf(strapi, [order])).get(order.documentId) as MoneyState;
    assertNothingHeld(order.number, state);
    if (order.orderStatus === 'confirmed') {
      await getInventory(strapi).release([
        {
          key: `order:${order.documentId}:cancel`,
          date,
          source: { type: 'order', id: order.documentId },
          lines: order.lines,
        },
      ]);
    }
    await saveOrder(strapi, order, { orderStatus: 'cancelled' });
  });
}

/** The orders of a batch of transitions, locked, in the order asked; each may come once. */
async function lockForTransition(
  strapi: Core.Strapi,
  requests: readonly TransitionRequest[],
): Promise<LockedOrder[]> {
  const seen = new Set<string>();
  for (const { documentId } of requests) {
    if (seen.has(documentId)) {
      throw new DomainError(
        'invalid',
        'order_repeated',
        `Order ${documentId} is named twice in one batch; each order changes status once`,
        { documentId },
      );
    }
    seen.add(documentId);
  }
  const orders = await lockOrders(
    strapi,
    requests.map((request) => request.documentId),
  );
  return requests.map((request) => orders.get(request.documentId) as LockedOrder);
}
