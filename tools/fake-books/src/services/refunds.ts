import { formatZohoTime } from '../clock';
import { addCents, centsToNumber, type Cents } from '../money';
import type { RefundCreateInput } from '../schemas/payment.schemas';
import type { Refund } from '../store';
import { pickDefined, type BooksContext } from './context';

export type RefundParentKind = Refund['parentKind'];

/** Total refunded from one payment or credit note. */
export function refundedFrom(
  ctx: BooksContext,
  parentKind: RefundParentKind,
  parentId: string,
): Cents {
  return addCents(...refundsOf(ctx, parentKind, parentId).map((refund) => refund.amount));
}

export function refundsOf(
  ctx: BooksContext,
  parentKind: RefundParentKind,
  parentId: string,
): Refund[] {
  return [...ctx.books.refunds.values()].filter(
    (refund) => refund.parentKind === parentKind && refund.parentId === parentId,
  );
}

/** Stores a refund whose amount the caller has already checked against what is available. */
export function recordRefund(
  ctx: BooksContext,
  parent: { kind: RefundParentKind; id: string; customerId: string },
  input: RefundCreateInput,
  amount: Cents,
): Refund {
  const refund: Refund = {
    ...pickDefined(input, ['reference_number', 'description', 'from_account_id']),
    refund_id: ctx.ids.next(),
    date: input.date,
    parentKind: parent.kind,
    parentId: parent.id,
    customer_id: parent.customerId,
    refund_mode: input.refund_mode ?? 'cash',
    amount,
    createdAt: ctx.now,
    modifiedAt: ctx.now,
  };
  ctx.books.refunds.set(refund.refund_id, refund);
  return refund;
}

/** Renders as Zoho's `payment_refund` or `creditnote_refund`, with the matching id key. */
export function renderRefund(refund: Refund): Record<string, unknown> {
  const ids =
    refund.parentKind === 'customerpayments'
      ? { payment_refund_id: refund.refund_id, payment_id: refund.parentId }
      : { creditnote_refund_id: refund.refund_id, creditnote_id: refund.parentId };
  return {
    ...ids,
    customer_id: refund.customer_id,
    date: refund.date,
    refund_mode: refund.refund_mode,
    reference_number: refund.reference_number ?? '',
    description: refund.description ?? '',
    amount: centsToNumber(refund.amount),
    created_time: formatZohoTime(refund.createdAt),
    last_modified_time: formatZohoTime(refund.modifiedAt),
  };
}
