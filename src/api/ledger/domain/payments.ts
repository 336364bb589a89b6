import type { AccountRole } from './chart';
import type { LineInput } from './journal';

/** Pure rules of payments: which accounts each kind moves. */

export const PAYMENT_KINDS = ['payment', 'refund', 'supplier-payment'] as const;

export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const PAYMENT_METHODS = ['cash', 'card', 'bank-transfer', 'cheque', 'other'] as const;

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Debit and credit account of each kind, as the brief's ledger table has them. */
const ACCOUNTS_BY_KIND: Record<PaymentKind, { debit: AccountRole; credit: AccountRole }> = {
  payment: { debit: 'cash', credit: 'receivable' },
  refund: { debit: 'receivable', credit: 'cash' },
  'supplier-payment': { debit: 'payable', credit: 'cash' },
};

/** The two lines of a payment's journal entry. */
export function paymentLines(kind: PaymentKind, amount: number): LineInput[] {
  const { debit, credit } = ACCOUNTS_BY_KIND[kind];
  return [
    { account: debit, debit: amount, credit: 0 },
    { account: credit, debit: 0, credit: amount },
  ];
}

/** The journal entry key of a payment: derived from the payment's own key, so it is unique. */
export function paymentEntryKey(paymentKey: string): string {
  return `payment:${paymentKey}`;
}

const LABELS: Record<PaymentKind, string> = {
  payment: 'Payment received',
  refund: 'Refund paid',
  'supplier-payment': 'Supplier paid',
};

export function paymentMemo(kind: PaymentKind, method: PaymentMethod, reference?: string): string {
  return `${LABELS[kind]} by ${method}${reference ? ` (ref. ${reference})` : ''}`;
}
