import { bodyParser, requestBody } from '../http/body';
import { booksOf, idParam, sendCreated, sendList, sendOk } from '../http/envelope';
import type { FakeBooksRouter } from '../http/state';
import { parseInput } from '../schemas/common.schemas';
import { invoiceCreateSchema, invoiceUpdateSchema } from '../schemas/document.schemas';
import {
  createInvoice,
  getInvoice,
  listInvoices,
  markInvoiceSent,
  renderInvoice,
  renderInvoiceSummary,
  updateInvoice,
  voidInvoice,
} from '../services/invoices';

/** `/invoices`: create, list, get, update, mark sent, void. */
export function registerInvoiceRoutes(router: FakeBooksRouter): void {
  router.post('/invoices', bodyParser(), (ctx) => {
    const books = booksOf(ctx);
    // NOTE: Zoho's `ignore_auto_number_generation` query flag is accepted and not needed here:
    // a given invoice_number is always kept, a missing one is generated.
    const invoice = createInvoice(books, parseInput(invoiceCreateSchema, requestBody(ctx)));
    sendCreated(ctx, 'The invoice has been created.', { invoice: renderInvoice(books, invoice) });
  });

  router.get('/invoices', (ctx) => {
    const books = booksOf(ctx);
    const page = listInvoices(books, ctx.query);
    const invoices = page.docs.map((invoice) => renderInvoiceSummary(books, invoice));
    sendList(ctx, 'invoices', invoices, page.pageContext);
  });

  router.get('/invoices/:id', (ctx) => {
    const books = booksOf(ctx);
    sendOk(ctx, 'success', { invoice: renderInvoice(books, getInvoice(books, idParam(ctx))) });
  });

  router.put('/invoices/:id', bodyParser(), (ctx) => {
    const books = booksOf(ctx);
    const input = parseInput(invoiceUpdateSchema, requestBody(ctx));
    const invoice = updateInvoice(books, idParam(ctx), input);
    sendOk(ctx, 'Invoice information has been updated.', {
      invoice: renderInvoice(books, invoice),
    });
  });

  router.post('/invoices/:id/status/sent', (ctx) => {
    markInvoiceSent(booksOf(ctx), idParam(ctx));
    sendOk(ctx, 'Invoice status has been changed to Sent.');
  });

  router.post('/invoices/:id/status/void', (ctx) => {
    voidInvoice(booksOf(ctx), idParam(ctx));
    sendOk(ctx, 'Invoice status has been changed to Void.');
  });
}
