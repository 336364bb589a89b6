import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { recordPayments, type PaymentView } from '../../ledger';
import { emitDomainEvent } from '../../../platform/domain-events';
import { sumAmounts } from '../../../platform/money';
import { inTransaction } from '../../../platform/transactions';
import {
  assertPaymentAllowed,
  assertRefundAllowed,
  type MoneyState,
} from '../domain/order-lifecycle';
import {
  businessToday,
  lockOrders,
  moneyStatesOf,
  saveOrders,
  type LockedOrder,
} from './locked-orders';

/** Money in and out of an order: payments up to what is owed, refunds up to what was paid. */

export interface PaymentRequest {
  amount: number;
  /** The business date; today when left out. */
  date?: string;
  method: 'cash' | 'card' | 'bank-transfer' | 'cheque' | 'other';
  reference?: string | null;
}

export interface OrderPaymentRequest extends PaymentRequest {
  documentId: string;
}

/** Takes a payment on a confirmed or fulfilled order, up to what is still owed. */
export async function payOrder(
  strapi: Core.Strapi,
  documentId: string,
  payment: PaymentRequest,
): Promise<PaymentView> {
  const [recorded] = await moveMoney(strapi, 'payment', [{ ...payment, documentId }]);
  return recorded;
}

/**
 * Takes many payments in one transaction, in the order given, as `payOrder` would one after the
 * other (two payments of one order each count the other); one refusal refuses them all.
 */
export function payOrders(strapi: Core.Strapi, payments: readonly OrderPaymentRequest[]) {
  return moveMoney(strapi, 'payment', payments);
}

/** Refunds money paid on an order, up to what was paid net of earlier refunds. */
export async function refundOrder(
  strapi: Core.Strapi,
  documentId: string,
  refund: PaymentRequest,
): Promise<PaymentView> {
  const [recorded] = await moveMoney(strapi, 'refund', [{ ...refund, documentId }]);
  return recorded;
}

function moveMoney(
  strapi: Core.Strapi,
  kind: 'payment' | 'refund',
  requests: readonly OrderPaymentRequest[],
): Promise<PaymentView[]> {
  return inTransaction(strapi, async () => {
    const orders = await lockOrders(
      strapi,
      requests.map((request) => request.documentId),
    );
    const states = await moneyStatesOf(strapi, [...orders.values()]);
    const moved = kind === 'payment' ? 'paid' : 'refunded';
    const inputs = requests.map((request) => {
      const order = orders.get(request.documentId) as LockedOrder;
      const before = states.get(order.documentId) as MoneyState;
      if (kind === 'payment') {
        assertPaymentAllowed(order.number, before, request.amount);
      } else {
        assertRefundAllowed(order.number, before, request.amount);
      }
      states.set(order.documentId, {
        ...before,
        [moved]: sumAmounts([before[moved], request.amount]),
      });
      return {
        key: `${kind}:${order.documentId}:${crypto.randomUUID()}`,
        kind,
        orderDocumentId: order.documentId,
        customerDocumentId: order.customerId,
        amount: request.amount,
        date: request.date ?? businessToday(),
        method: request.method,
        reference: request.reference ?? null,
      };
    });
    const recorded = await recordPayments(strapi, inputs);
    await saveOrders(
      strapi,
      [...orders.values()].map((order) => ({
        order,
        changes: {},
        known: states.get(order.documentId),
      })),
    );
    for (const payment of recorded) {
      await emitDomainEvent(strapi, `middlepath.${kind}.recorded`, {
        orderDocumentId: payment.orderDocumentId as string,
        customerDocumentId: payment.customerDocumentId,
        paymentKey: payment.paymentKey,
        amount: payment.amount,
        date: payment.date,
      });
    }
    return recorded;
  });
}
