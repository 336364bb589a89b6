import { formatZohoTime } from '../clock';
import { ZohoApiError, documentNotFound, invalidValue, referenceNotFound } from '../errors';
import { listPage, type ListPage, type QueryParams } from '../listing';
import { addCents, centsToNumber, decimalToCents, subtractCents, type Cents } from '../money';
import type {
  PaymentCreateInput,
  PaymentUpdateInput,
  RefundCreateInput,
} from '../schemas/payment.schemas';
import type { Payment, PaymentApplication, Refund } from '../store';
import { pickDefined, type BooksContext } from './context';
import { getInvoice, invoiceBalance } from './invoices';
import { recordRefund, refundedFrom } from './refunds';
import { requireCustomer } from './totals';

export function appliedAmount(payment: Payment): Cents {
  return addCents(...payment.applications.map((application) => application.amountApplied));
}

/** What is left of a payment to apply or refund (Zoho's `unused_amount`). */
export function unusedAmount(ctx: BooksContext, payment: Payment): Cents {
  const used = addCents(
    appliedAmount(payment),
    refundedFrom(ctx, 'customerpayments', payment.payment_id),
  );
  return subtractCents(payment.amount, used);
}

/**
 * Checks the invoices a payment is applied to, against balances that leave this payment out:
 * each invoice exists, belongs to the customer, is not void, and is not over-paid.
 */
function buildApplications(
  ctx: BooksContext,
  customerId: string,
  amount: Cents,
  requested: readonly PaymentApplication[],
  paymentId?: string,
): PaymentApplication[] {
  const applications = requested.map((input) => {
    const invoice = ctx.books.invoices.get(input.invoice_id);
    if (!invoice) {
      throw referenceNotFound('Invoice', input.invoice_id);
    }
    if (invoice.isVoid) {
      throw new ZohoApiError(
        'paymentOnVoidInvoice',
        `Payments cannot be recorded for invoice ${invoice.invoice_number} as it is void.`,
      );
    }
    if (invoice.customer_id !== customerId) {
      throw new ZohoApiError(
        'customerMismatch',
        `Invoice ${invoice.invoice_number} does not belong to customer ${customerId}.`,
      );
    }
    if (input.amountApplied > invoiceBalance(ctx, invoice, paymentId)) {
      throw new ZohoApiError(
        'amountExceedsBalance',
        'The amount entered is more than the balance due for this invoice',
      );
    }
    return { invoice_id: invoice.invoice_id, amountApplied: input.amountApplied };
  });
  const invoiceIds = new Set(applications.map((application) => application.invoice_id));
  if (invoiceIds.size !== applications.length) {
    throw invalidValue('invoices');
  }
  if (addCents(...applications.map((application) => application.amountApplied)) > amount) {
    throw new ZohoApiError(
      'appliedExceedsPayment',
      'The amount applied to invoices is more than the amount received.',
    );
  }
  return applications;
}

function requestedApplications(
  ctx: BooksContext,
  inputs: PaymentCreateInput['invoices'],
): PaymentApplication[] {
  return (inputs ?? []).map((input) => ({
    invoice_id: input.invoice_id,
    amountApplied: decimalToCents(input.amount_applied, ctx.rounding),
  }));
}

/** Records a customer payment, applied to invoices or left unused (unapplied). */
export function createPayment(ctx: BooksContext, input: PaymentCreateInput): Payment {
  requireCustomer(ctx, input.customer_id);
  const amount = decimalToCents(input.amount, ctx.rounding);
  const applications = buildApplications(
    ctx,
    input.customer_id,
    amount,
    requestedApplications(ctx, input.invoices),
  );
  const payment: Payment = {
    ...pickDefined(input, ['reference_number', 'description']),
    payment_id: ctx.ids.next(),
    customer_id: input.customer_id,
    date: input.date,
    payment_mode: input.payment_mode ?? 'cash',
    amount,
    applications,
    createdAt: ctx.now,
    modifiedAt: ctx.now,
  };
  ctx.books.payments.set(payment.payment_id, payment);
  return payment;
}

export function getPayment(ctx: BooksContext, paymentId: string): Payment {
  const payment = ctx.books.payments.get(paymentId);
  if (!payment) {
    throw documentNotFound('Payment');
  }
  return payment;
}

/** Updates a payment; its applications are re-checked as if it were recorded anew. */
export function updatePayment(
  ctx: BooksContext,
  paymentId: string,
  input: PaymentUpdateInput,
): Payment {
  const payment = getPayment(ctx, paymentId);
  const customerId = input.customer_id ?? payment.customer_id;
  requireCustomer(ctx, customerId);
  const amount = input.amount ? decimalToCents(input.amount, ctx.rounding) : payment.amount;
  const requested = input.invoices
    ? requestedApplications(ctx, input.invoices)
    : payment.applications;
  const applications = buildApplications(ctx, customerId, amount, requested, paymentId);
  const refunded = refundedFrom(ctx, 'customerpayments', paymentId);
  if (
    addCents(...applications.map((application) => application.amountApplied), refunded) > amount
  ) {
    throw new ZohoApiError(
      'appliedExceedsPayment',
      'The amount applied and refunded is more than the amount received.',
    );
  }
  const fields = pickDefined(input, [
    'customer_id',
    'payment_mode',
    'date',
    'reference_number',
    'description',
  ]);
  Object.assign(payment, fields, { amount, applications, modifiedAt: ctx.now });
  return payment;
}

export function listPayments(ctx: BooksContext, query: QueryParams): ListPage<Payment> {
  return listPage(ctx.books.payments.values(), query, {
    reportName: 'Customer Payments',
    textFilters: [
      { param: 'reference_number', valueOf: (payment) => payment.reference_number },
      { param: 'payment_mode', valueOf: (payment) => payment.payment_mode },
      { param: 'customer_id', valueOf: (payment) => payment.customer_id },
      {
        param: 'customer_name',
        valueOf: (payment) => ctx.books.contacts.get(payment.customer_id)?.contact_name,
      },
    ],
    modifiedAt: (payment) => payment.modifiedAt,
  });
}

export function renderPaymentSummary(ctx: BooksContext, payment: Payment): Record<string, unknown> {
  return {
    payment_id: payment.payment_id,
    customer_id: payment.customer_id,
    customer_name: ctx.books.contacts.get(payment.customer_id)?.contact_name ?? '',
    payment_mode: payment.payment_mode,
    amount: centsToNumber(payment.amount),
    unused_amount: centsToNumber(unusedAmount(ctx, payment)),
    amount_refunded: centsToNumber(refundedFrom(ctx, 'customerpayments', payment.payment_id)),
    date: payment.date,
    reference_number: payment.reference_number ?? '',
    description: payment.description ?? '',
    currency_code: 'USD',
    created_time: formatZohoTime(payment.createdAt),
    last_modified_time: formatZohoTime(payment.modifiedAt),
  };
}

export function renderPayment(ctx: BooksContext, payment: Payment): Record<string, unknown> {
  return {
    ...renderPaymentSummary(ctx, payment),
    invoices: payment.applications.map((application) => {
      const invoice = getInvoice(ctx, application.invoice_id);
      return {
        invoice_id: invoice.invoice_id,
        invoice_number: invoice.invoice_number,
        date: invoice.date,
        invoice_amount: centsToNumber(invoice.total),
        amount_applied: centsToNumber(application.amountApplied),
        balance_amount: centsToNumber(invoiceBalance(ctx, invoice)),
      };
    }),
  };
}

/**
 * `POST /customerpayments/:id/refunds`: Zoho refunds only the unused (excess) part of a payment,
 * so a refund above `unused_amount` is refused.
 */
export function refundPayment(
  ctx: BooksContext,
  paymentId: string,
  input: RefundCreateInput,
): Refund {
  const payment = getPayment(ctx, paymentId);
  const amount = decimalToCents(input.amount, ctx.rounding);
  const available = unusedAmount(ctx, payment);
  if (amount > available) {
    throw new ZohoApiError(
      'refundExceedsAvailable',
      `The refund amount ${centsToNumber(amount)} is more than the unused amount ${centsToNumber(available)} of payment ${paymentId}.`,
    );
  }
  return recordRefund(
    ctx,
    { kind: 'customerpayments', id: paymentId, customerId: payment.customer_id },
    input,
    amount,
  );
}
