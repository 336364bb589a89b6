import { bodyParser, requestBody } from '../http/body';
import { booksOf, idParam, sendCreated, sendList, sendOk } from '../http/envelope';
import type { FakeBooksRouter } from '../http/state';
import { parseInput } from '../schemas/common.schemas';
import { creditNoteCreateSchema, creditNoteUpdateSchema } from '../schemas/document.schemas';
import { refundCreateSchema } from '../schemas/payment.schemas';
import {
  createCreditNote,
  getCreditNote,
  listCreditNotes,
  refundCreditNote,
  renderCreditNote,
  renderCreditNoteSummary,
  updateCreditNote,
  voidCreditNote,
} from '../services/creditnotes';
import { refundsOf, renderRefund } from '../services/refunds';

/** `/creditnotes`: create, list, get, update, void, and refunds of the remaining credits. */
export function registerCreditNoteRoutes(router: FakeBooksRouter): void {
  router.post('/creditnotes', bodyParser(), (ctx) => {
    const books = booksOf(ctx);
    const note = createCreditNote(books, parseInput(creditNoteCreateSchema, requestBody(ctx)));
    sendCreated(ctx, 'The credit note has been created.', {
      creditnote: renderCreditNote(books, note),
    });
  });

  router.get('/creditnotes', (ctx) => {
    const books = booksOf(ctx);
    const page = listCreditNotes(books, ctx.query);
    const notes = page.docs.map((note) => renderCreditNoteSummary(books, note));
    sendList(ctx, 'creditnotes', notes, page.pageContext);
  });

  router.get('/creditnotes/:id', (ctx) => {
    const books = booksOf(ctx);
    const note = getCreditNote(books, idParam(ctx));
    sendOk(ctx, 'success', { creditnote: renderCreditNote(books, note) });
  });

  router.put('/creditnotes/:id', bodyParser(), (ctx) => {
    const books = booksOf(ctx);
    const input = parseInput(creditNoteUpdateSchema, requestBody(ctx));
    const note = updateCreditNote(books, idParam(ctx), input);
    sendOk(ctx, 'Credit Note information has been updated.', {
      creditnote: renderCreditNote(books, note),
    });
  });

  router.post('/creditnotes/:id/status/void', (ctx) => {
    voidCreditNote(booksOf(ctx), idParam(ctx));
    sendOk(ctx, 'Credit Note status has been changed to Void.');
  });

  router.post('/creditnotes/:id/refunds', bodyParser(), (ctx) => {
    const input = parseInput(refundCreateSchema, requestBody(ctx));
    const refund = refundCreditNote(booksOf(ctx), idParam(ctx), input);
    sendCreated(ctx, 'The refund information has been saved.', {
      creditnote_refund: renderRefund(refund),
    });
  });

  router.get('/creditnotes/:id/refunds', (ctx) => {
    const books = booksOf(ctx);
    const note = getCreditNote(books, idParam(ctx));
    const refunds = refundsOf(books, 'creditnotes', note.creditnote_id);
    sendOk(ctx, 'success', { creditnote_refunds: refunds.map(renderRefund) });
  });
}
