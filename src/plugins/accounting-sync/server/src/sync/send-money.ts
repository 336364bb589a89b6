import { subtractMinor, sumMinor } from '../domain/money';
import type { RefundDraft } from '../providers/accounting-provider';
import { contactDependency, requireMirrored } from './dependencies';
import { remoteIdOf } from './id-map';
import {
  readOrder,
  readOrderCreditNoteNumbers,
  readOrderPayments,
  readPayment,
  type LocalPayment,
} from './local-documents';
import type { OutboxRow } from './outbox';
import {
  DeadLetter,
  WaitForDependency,
  mirror,
  mirroredIdOrWait,
  type SendContext,
  type SendOutcome,
} from './send-context';

/**
 * Payments and refunds. A payment is applied to its order's mirrored invoice and waits for it;
 * money paid on an order cancelled before fulfilment goes as an unapplied payment. A refund is
 * mirrored as a refund of the order's credit note after a return, otherwise of its payment.
 */

export async function sendPayment(ctx: SendContext, row: OutboxRow): Promise<SendOutcome> {
  const payment = await readPayment(ctx.strapi, row.sourceId);
  if (!payment || payment.kind !== 'payment') {
    throw new DeadLetter(`Payment ${row.sourceId} does not exist`);
  }
  const order = await readOrder(ctx.strapi, payment.orderDocumentId);
  if (!order?.customer) {
    throw new DeadLetter(`Payment ${payment.paymentKey}: its order has no customer`);
  }
  let applications: { remoteInvoiceId: string; amount: number }[] = [];
  if (order.orderStatus === 'fulfilled' || order.orderStatus === 'returned') {
    const remoteInvoiceId = await mirroredIdOrWait(
      ctx,
      'invoice',
      order.documentId,
      `invoice ${order.invoiceNumber ?? order.number}`,
    );
    applications = [{ remoteInvoiceId, amount: payment.amount }];
  } else if (order.orderStatus !== 'cancelled') {
    // A prepayment: it is applied to the invoice once the order is fulfilled and mirrored.
    return { kind: 'wait', reason: `Waiting for order ${order.number} to be invoiced` };
  }
  const [remoteContactId] = await requireMirrored(ctx, [contactDependency(order.customer)]);
  const draft = {
    marker: payment.paymentKey,
    remoteContactId,
    amount: payment.amount,
    date: payment.date,
    method: payment.method ?? undefined,
    applications,
  };
  if (ctx.isDryRun) {
    return { kind: 'previewed', preview: { kind: 'payment', ...draft } };
  }
  const { provider } = ctx;
  const mirrored = await mirror(ctx, 'payment', payment.paymentKey, payment.paymentKey, {
    find: (session, marker) => provider.findPayment(session, marker),
    create: (session) => provider.createPayment(session, draft),
  });
  return { kind: 'synced', remoteId: mirrored.remoteId };
}

/** Where a refund is paid from: the order's last credit note, or its first mirrored payment. */
async function refundSource(
  ctx: SendContext,
  orderDocumentId: string,
): Promise<RefundDraft['from']> {
  const creditNotes = await readOrderCreditNoteNumbers(ctx.strapi, orderDocumentId);
  const lastNote = creditNotes.at(-1);
  if (lastNote) {
    const remoteId = await mirroredIdOrWait(ctx, 'creditNote', lastNote, `credit note ${lastNote}`);
    return { kind: 'creditNote', remoteId };
  }
  const payments = (await readOrderPayments(ctx.strapi, orderDocumentId)).filter(
    (payment) => payment.kind === 'payment',
  );
  for (const payment of payments) {
    const remoteId = await remoteIdOf(ctx.strapi, ctx.provider.name, 'payment', payment.paymentKey);
    if (remoteId) {
      return { kind: 'payment', remoteId };
    }
  }
  if (ctx.isDryRun) {
    return { kind: 'payment', remoteId: '(the order’s payment)' };
  }
  throw new WaitForDependency(`Waiting for a payment of order ${orderDocumentId} to be mirrored`);
}

/**
 * Zoho refunds only the unused part of a payment. A refund of money applied to a fulfilled
 * order's invoice (no return, so no credit note to refund from) first lowers that application by
 * what has been refunded so far: the invoice is owed again (our ledger: 1100 debited, 1000
 * credited) and the freed part is refunded. Setting the application to a target computed from
 * our own payments and refunds makes a repeated attempt change nothing.
 * NOTE: only for an order with one payment; with several, which one to lower is a choice this
 * version does not make, and such a refund is refused by Zoho and dead-lettered with its reason.
 */
async function freePaymentForRefund(
  ctx: SendContext,
  refund: LocalPayment,
  paymentRemoteId: string,
): Promise<void> {
  const order = await readOrder(ctx.strapi, refund.orderDocumentId);
  if (!order?.customer || (order.orderStatus !== 'fulfilled' && order.orderStatus !== 'returned')) {
    return; // money on an order never invoiced was sent unapplied: nothing to free
  }
  const moves = await readOrderPayments(ctx.strapi, refund.orderDocumentId);
  const payments = moves.filter((move) => move.kind === 'payment');
  const payment = payments[0];
  if (payments.length !== 1 || !payment) {
    return;
  }
  const upToThis = moves.slice(
    0,
    moves.findIndex((move) => move.paymentKey === refund.paymentKey) + 1,
  );
  const refunded = sumMinor(
    upToThis.filter((move) => move.kind === 'refund').map((move) => move.amount),
  );
  const stillApplied = Math.max(0, subtractMinor(payment.amount, refunded));
  const remoteInvoiceId = await mirroredIdOrWait(
    ctx,
    'invoice',
    order.documentId,
    `invoice ${order.invoiceNumber ?? order.number}`,
  );
  const [remoteContactId] = await requireMirrored(ctx, [contactDependency(order.customer)]);
  const { provider } = ctx;
  await ctx.gate.call((session) =>
    provider.updatePayment(session, paymentRemoteId, {
      marker: payment.paymentKey,
      remoteContactId: remoteContactId!,
      amount: payment.amount,
      date: payment.date,
      method: payment.method ?? undefined,
      applications: [{ remoteInvoiceId, amount: stillApplied }],
    }),
  );
}

export async function sendRefund(ctx: SendContext, row: OutboxRow): Promise<SendOutcome> {
  const refund = await readPayment(ctx.strapi, row.sourceId);
  if (!refund || refund.kind !== 'refund') {
    throw new DeadLetter(`Refund ${row.sourceId} does not exist`);
  }
  const draft: RefundDraft = {
    marker: refund.paymentKey,
    from: await refundSource(ctx, refund.orderDocumentId),
    amount: refund.amount,
    date: refund.date,
    method: refund.method ?? undefined,
  };
  if (ctx.isDryRun) {
    return { kind: 'previewed', preview: { kind: 'refund', ...draft } };
  }
  const { provider } = ctx;
  if (draft.from.kind === 'payment') {
    await freePaymentForRefund(ctx, refund, draft.from.remoteId);
  }
  const mirrored = await mirror(ctx, 'refund', refund.paymentKey, refund.paymentKey, {
    find: (session, marker) => provider.findRefund(session, draft.from, marker),
    create: (session) => provider.createRefund(session, draft),
  });
  return { kind: 'synced', remoteId: mirrored.remoteId };
}
