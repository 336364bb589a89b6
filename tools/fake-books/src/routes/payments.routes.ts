import { bodyParser, requestBody } from '../http/body';
import { booksOf, idParam, sendCreated, sendList, sendOk } from '../http/envelope';
import type { FakeBooksRouter } from '../http/state';
import { parseInput } from '../schemas/common.schemas';
import {
  paymentCreateSchema,
  paymentUpdateSchema,
  refundCreateSchema,
} from '../schemas/payment.schemas';
import {
  createPayment,
  getPayment,
  listPayments,
  refundPayment,
  renderPayment,
  renderPaymentSummary,
  updatePayment,
} from '../services/payments';
import { refundsOf, renderRefund } from '../services/refunds';

/** `/customerpayments`: create, list, get, update, and refunds of the unused amount. */
export function registerPaymentRoutes(router: FakeBooksRouter): void {
  router.post('/customerpayments', bodyParser(), (ctx) => {
    const books = booksOf(ctx);
    const payment = createPayment(books, parseInput(paymentCreateSchema, requestBody(ctx)));
    sendCreated(ctx, 'The payment has been created.', { payment: renderPayment(books, payment) });
  });

  router.get('/customerpayments', (ctx) => {
    const books = booksOf(ctx);
    const page = listPayments(books, ctx.query);
    const payments = page.docs.map((payment) => renderPaymentSummary(books, payment));
    sendList(ctx, 'customerpayments', payments, page.pageContext);
  });

  router.get('/customerpayments/:id', (ctx) => {
    const books = booksOf(ctx);
    sendOk(ctx, 'success', { payment: renderPayment(books, getPayment(books, idParam(ctx))) });
  });

  router.put('/customerpayments/:id', bodyParser(), (ctx) => {
    const books = booksOf(ctx);
    const input = parseInput(paymentUpdateSchema, requestBody(ctx));
    const payment = updatePayment(books, idParam(ctx), input);
    sendOk(ctx, 'The payment details have been updated.', {
      payment: renderPayment(books, payment),
    });
  });

  router.post('/customerpayments/:id/refunds', bodyParser(), (ctx) => {
    const input = parseInput(refundCreateSchema, requestBody(ctx));
    const refund = refundPayment(booksOf(ctx), idParam(ctx), input);
    sendCreated(ctx, 'The refund information for this payment has been saved.', {
      payment_refund: renderRefund(refund),
    });
  });

  router.get('/customerpayments/:id/refunds', (ctx) => {
    const books = booksOf(ctx);
    const payment = getPayment(books, idParam(ctx));
    const refunds = refundsOf(books, 'customerpayments', payment.payment_id);
    sendOk(ctx, 'success', { payment_refunds: refunds.map(renderRefund) });
  });
}
