import { DomainError } from '../../../platform/errors';
import { subtractAmounts, sumAmounts } from '../../../platform/money';

/** Pure rules of the order lifecycle and its payment status, from the product brief. */

export type OrderStatus = 'draft' | 'confirmed' | 'fulfilled' | 'cancelled' | 'returned';
export type PaymentStatus = 'unpaid' | 'partially_paid' | 'paid' | 'credit_due' | 'refunded';

const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  draft: ['confirmed', 'cancelled'],
  confirmed: ['fulfilled', 'cancelled'],
  fulfilled: ['returned'],
  cancelled: [],
  returned: [],
};

export const isAllowedTransition = (from: OrderStatus, to: OrderStatus) =>
  ALLOWED[from].includes(to);

export function assertTransition(number: string, from: OrderStatus, to: OrderStatus): void {
  if (!ALLOWED[from].includes(to)) {
    throw new DomainError(
      'conflict',
      'transition_not_allowed',
      `Order ${number} is ${from}; it cannot become ${to}`,
      { orderStatus: from, requested: to },
    );
  }
}

export interface MoneyState {
  orderStatus: OrderStatus;
  total: number;
  /** Invoice minus credit notes, once fulfilled. */
  invoiced: number;
  paid: number;
  refunded: number;
}

/** What the customer owes on the order: the total until fulfilment, then the invoice, 0 once cancelled. */
export function owedOf(state: MoneyState): number {
  if (state.orderStatus === 'cancelled') {
    return 0;
  }
  return state.orderStatus === 'draft' || state.orderStatus === 'confirmed'
    ? state.total
    : state.invoiced;
}

export const netPaidOf = (state: MoneyState) => subtractAmounts(state.paid, state.refunded);

export function paymentStatusOf(state: MoneyState): PaymentStatus {
  const owed = owedOf(state);
  const netPaid = netPaidOf(state);
  if (netPaid > owed) {
    return 'credit_due';
  }
  if (state.refunded > 0 && netPaid === 0) {
    return 'refunded';
  }
  if (netPaid === owed && owed > 0) {
    return 'paid';
  }
  return netPaid > 0 ? 'partially_paid' : 'unpaid';
}

export function assertPaymentAllowed(number: string, state: MoneyState, amount: number): void {
  if (state.orderStatus !== 'confirmed' && state.orderStatus !== 'fulfilled') {
    throw new DomainError(
      'conflict',
      'payment_not_allowed',
      `Order ${number} is ${state.orderStatus}: payments are taken on confirmed or fulfilled orders`,
      { orderStatus: state.orderStatus },
    );
  }
  const due = subtractAmounts(owedOf(state), netPaidOf(state));
  if (amount > due) {
    throw new DomainError(
      'conflict',
      'overpayment',
      `Payment of ${amount} on order ${number} exceeds the ${Math.max(due, 0)} still owed`,
      { amount, due },
    );
  }
}

export function assertRefundAllowed(number: string, state: MoneyState, amount: number): void {
  if (!['confirmed', 'fulfilled', 'returned'].includes(state.orderStatus)) {
    throw new DomainError(
      'conflict',
      'refund_not_allowed',
      `Order ${number} is ${state.orderStatus}: nothing has been paid to refund`,
      { orderStatus: state.orderStatus },
    );
  }
  const netPaid = netPaidOf(state);
  if (amount > netPaid) {
    throw new DomainError(
      'conflict',
      'over_refund',
      `Refund of ${amount} on order ${number} exceeds the ${netPaid} paid`,
      { amount, netPaid },
    );
  }
}

export function assertNothingHeld(number: string, state: MoneyState): void {
  const netPaid = netPaidOf(state);
  if (netPaid > 0) {
    throw new DomainError(
      'conflict',
      'money_held',
      `Order ${number} holds ${netPaid} paid by the customer; refund it before cancelling`,
      { netPaid },
    );
  }
}

/**
 * Refuses a confirmation that would take the customer past the credit limit: receivable balance
 * (prepayments included) + other confirmed, unfulfilled orders + this order. No limit: no check.
 */
export function assertWithinCreditLimit(
  customerCode: string,
  creditLimit: number | null,
  exposure: { receivable: number; otherConfirmed: number; thisOrder: number },
): void {
  if (creditLimit === null) {
    return;
  }
  const total = sumAmounts([exposure.receivable, exposure.otherConfirmed, exposure.thisOrder]);
  if (total > creditLimit) {
    throw new DomainError(
      'conflict',
      'credit_limit_exceeded',
      `Confirming would take customer ${customerCode} to ${total}, over the credit limit of ${creditLimit}`,
      { creditLimit, ...exposure, total },
    );
  }
}
