import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { getInventory, type StockLine } from '../../asset/inventory';
import {
  postJournalEntry,
  receivableBalance,
  recordPayment,
  sumPaymentsForOrder,
} from '../../ledger';
import { emitDomainEvent } from '../../../platform/domain-events';
import { DomainError } from '../../../platform/errors';
import { fromDatabase, subtractAmounts, sumAmounts } from '../../../platform/money';
import { takeNextValue } from '../../../platform/sequences';
import { lockDocumentRow } from '../../../platform/locks';
import { updateRow } from '../../../platform/row-writes';
import { inTransaction } from '../../../platform/transactions';
import {
  assertNothingHeld,
  assertPaymentAllowed,
  assertRefundAllowed,
  assertTransition,
  assertWithinCreditLimit,
  paymentStatusOf,
  type MoneyState,
  type OrderStatus,
} from '../domain/order-lifecycle';

const ORDER_UID = 'api::order.order';
export const CREDIT_NOTE_UID = 'api::order.credit-note';
const CUSTOMER_UID = 'api::customer.customer';

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

export interface PaymentRequest {
  amount: number;
  /** The business date; today when left out. */
  date?: string;
  method: 'cash' | 'card' | 'bank-transfer' | 'cheque' | 'other';
  reference?: string | null;
}

/**
 * Confirms a draft: reserves every line (available must cover it unless the asset allows
 * backorders) after the credit-limit check. The order row is locked first, so concurrent
 * confirms of one order find it confirmed and are refused.
 */
export function confirmOrder(strapi: Core.Strapi, documentId: string, date = businessToday()) {
  return inTransaction(strapi, async () => {
    const order = await lockOrder(strapi, documentId);
    assertTransition(order.number, order.orderStatus, 'confirmed');
    await assertCreditFor(strapi, order);
    await getInventory(strapi).reserve({
      key: `order:${order.documentId}:confirm`,
      date,
      source: { type: 'order', id: order.documentId },
      lines: order.lines,
    });
    await saveOrder(strapi, order, { orderStatus: 'confirmed' });
  });
}

/**
 * Fulfils a confirmed order whole: takes each line off on hand and reserved at its cost, issues
 * the next invoice number, and posts the invoice and the cost of goods, in one transaction.
 */
export function fulfilOrder(strapi: Core.Strapi, documentId: string, date = businessToday()) {
  return inTransaction(strapi, async () => {
    const order = await lockOrder(strapi, documentId);
    assertTransition(order.number, order.orderStatus, 'fulfilled');
    const fulfilled = await getInventory(strapi).fulfil({
      key: `order:${order.documentId}:fulfil`,
      date,
      source: { type: 'order', id: order.documentId },
      lines: order.lines,
    });
    const cost = sumAmounts(
      fulfilled.map((line) => line.cost),
      `cost of order ${order.number}`,
    );
    const invoiceNumber = `INV-${String(await takeNextValue(strapi, 'invoice')).padStart(6, '0')}`;
    const source = { orderDocumentId: order.documentId, customerDocumentId: order.customerId };
    // NOTE: an order given away whole (every line at 100% discount, no freight) is invoiced at 0:
    // it gets its invoice number, and the ledger has nothing to post for it.
    if (order.total > 0) {
      await postInvoice(strapi, order, invoiceNumber, date, source);
    }
    if (cost > 0) {
      await postJournalEntry(strapi, {
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
    await saveOrder(strapi, order, {
      orderStatus: 'fulfilled',
      invoiceNumber,
      invoiceDate: date,
      shippedDate: date,
      costOfGoods: cost,
    });
    await emitDomainEvent(strapi, 'middlepath.order.fulfilled', {
      orderDocumentId: order.documentId,
      customerDocumentId: order.customerId,
      invoiceNumber,
    });
  });
}

function postInvoice(
  strapi: Core.Strapi,
  order: LockedOrder,
  invoiceNumber: string,
  date: string,
  source: { orderDocumentId: string; customerDocumentId: string | null },
) {
  return postJournalEntry(strapi, {
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

/** Cancels a draft or confirmed order, releasing its reservation; refused while money is held. */
export function cancelOrder(strapi: Core.Strapi, documentId: string, date = businessToday()) {
  return inTransaction(strapi, async () => {
    const order = await lockOrder(strapi, documentId);
    assertTransition(order.number, order.orderStatus, 'cancelled');
    assertNothingHeld(order.number, await moneyStateOf(strapi, order));
    if (order.orderStatus === 'confirmed') {
      await getInventory(strapi).release({
        key: `order:${order.documentId}:cancel`,
        date,
        source: { type: 'order', id: order.documentId },
        lines: order.lines,
      });
    }
    await saveOrder(strapi, order, { orderStatus: 'cancelled' });
  });
}

/** Takes a payment on a confirmed or fulfilled order, up to what is still owed. */
export function payOrder(strapi: Core.Strapi, documentId: string, payment: PaymentRequest) {
  return moveMoney(strapi, documentId, 'payment', payment);
}

/** Refunds money paid on an order, up to what was paid net of earlier refunds. */
export function refundOrder(strapi: Core.Strapi, documentId: string, refund: PaymentRequest) {
  return moveMoney(strapi, documentId, 'refund', refund);
}

function moveMoney(
  strapi: Core.Strapi,
  documentId: string,
  kind: 'payment' | 'refund',
  request: PaymentRequest,
) {
  return inTransaction(strapi, async () => {
    const order = await lockOrder(strapi, documentId);
    const before = await moneyStateOf(strapi, order);
    if (kind === 'payment') {
      assertPaymentAllowed(order.number, before, request.amount);
    } else {
      assertRefundAllowed(order.number, before, request.amount);
    }
    const recorded = await recordPayment(strapi, {
      key: `${kind}:${order.documentId}:${crypto.randomUUID()}`,
      kind,
      orderDocumentId: order.documentId,
      customerDocumentId: order.customerId,
      amount: request.amount,
      date: request.date ?? businessToday(),
      method: request.method,
      reference: request.reference ?? null,
    });
    const moved = kind === 'payment' ? 'paid' : 'refunded';
    await saveOrder(
      strapi,
      order,
      {},
      {
        ...before,
        [moved]: sumAmounts([before[moved], recorded.amount]),
      },
    );
    await emitDomainEvent(strapi, `middlepath.${kind}.recorded`, {
      orderDocumentId: order.documentId,
      customerDocumentId: order.customerId,
      paymentKey: recorded.paymentKey,
      amount: recorded.amount,
      date: recorded.date,
    });
    return recorded;
  });
}

/** Today's date (UTC), the business date of an action that names none. */
export function businessToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Locks the order's row for the rest of the transaction and reads what the lifecycle needs. */
export async function lockOrder(strapi: Core.Strapi, documentId: string): Promise<LockedOrder> {
  const id = await lockDocumentRow(strapi, ORDER_UID, documentId);
  if (id === undefined) {
    throw new DomainError('not_found', 'order_not_found', `No order ${documentId}`);
  }
  const order = await strapi.db.query(ORDER_UID).findOne({
    where: { id },
    populate: {
      customer: { select: ['documentId'] },
      lines: { populate: { asset: { select: ['documentId'] } } },
    },
  });
  const amount = (value: unknown) => fromDatabase(value);
  return {
    id: order.id,
    documentId: order.documentId,
    number: order.number,
    orderStatus: order.orderStatus,
    customerId: order.customer?.documentId ?? null,
    total: amount(order.total),
    subtotal: amount(order.subtotal),
    taxTotal: amount(order.taxTotal),
    freight: amount(order.freight),
    invoiced: order.invoiceNumber
      ? subtractAmounts(amount(order.total), await creditedOn(strapi, order.documentId))
      : 0,
    lines: (order.lines as StoredOrderLine[]).map((line) => {
      if (!line.asset) {
        throw new DomainError(
          'conflict',
          'line_without_asset',
          `Order ${order.number} line ${line.lineNo} has no asset`,
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

interface StoredOrderLine {
  lineNo: number;
  quantity: number;
  net: unknown;
  tax: unknown;
  asset?: { documentId: string };
}

/** What the order's credit notes have taken off its invoice. */
async function creditedOn(strapi: Core.Strapi, orderDocumentId: string): Promise<number> {
  const notes = (await strapi.db
    .query(CREDIT_NOTE_UID)
    .findMany({ where: { orderDocumentId }, select: ['total'] })) as { total: unknown }[];
  return sumAmounts(notes.map((note) => fromDatabase(note.total)));
}

async function moneyStateOf(
  strapi: Core.Strapi,
  order: LockedOrder,
  status = order.orderStatus,
): Promise<MoneyState> {
  const { paid, refunded } = await sumPaymentsForOrder(strapi, order.documentId);
  return { orderStatus: status, total: order.total, invoiced: order.invoiced, paid, refunded };
}

async function assertCreditFor(strapi: Core.Strapi, order: LockedOrder): Promise<void> {
  if (!order.customerId) {
    throw new DomainError(
      'conflict',
      'order_without_customer',
      `Order ${order.number} has no customer`,
    );
  }
  // NOTE: the customer's row is locked so that two confirmations for one customer are checked
  // one after the other; each sees the other's exposure.
  await lockDocumentRow(strapi, CUSTOMER_UID, order.customerId);
  const customer = await strapi.db
    .query(CUSTOMER_UID)
    .findOne({ where: { documentId: order.customerId }, select: ['code', 'creditLimit'] });
  if (customer.creditLimit === null || customer.creditLimit === undefined) {
    return;
  }
  const others = (await strapi.db.query(ORDER_UID).findMany({
    where: {
      customer: { documentId: order.customerId },
      orderStatus: 'confirmed',
      id: { $ne: order.id },
    },
    select: ['total'],
  })) as { total: unknown }[];
  assertWithinCreditLimit(customer.code, fromDatabase(customer.creditLimit), {
    receivable: await receivableBalance(strapi, order.customerId),
    otherConfirmed: sumAmounts(others.map((other) => fromDatabase(other.total))),
    thisOrder: order.total,
  });
}

/**
 * Writes the lifecycle's fields and the payment status that follows from them. A caller that
 * has just moved money passes the money state after it; otherwise it is read.
 */
export async function saveOrder(
  strapi: Core.Strapi,
  order: LockedOrder,
  changes: Record<string, unknown>,
  known?: MoneyState,
) {
  const orderStatus = (changes.orderStatus as OrderStatus | undefined) ?? order.orderStatus;
  const invoiced = changes.invoiceNumber ? order.total : order.invoiced;
  const state = known ?? (await moneyStateOf(strapi, { ...order, invoiced }, orderStatus));
  await updateRow(strapi, ORDER_UID, order.id, {
    ...changes,
    paymentStatus: paymentStatusOf(state),
  });
}
