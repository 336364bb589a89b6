import { bodyParser, requestBody } from '../http/body';
import { booksOf, idParam, sendCreated, sendList, sendOk } from '../http/envelope';
import type { FakeBooksRouter } from '../http/state';
import { parseInput } from '../schemas/common.schemas';
import { taxCreateSchema } from '../schemas/tax.schemas';
import { createTax, getTax, listTaxes, renderTax } from '../services/taxes';

/** `/settings/taxes`: create, list, get. */
export function registerTaxRoutes(router: FakeBooksRouter): void {
  router.post('/settings/taxes', bodyParser(), (ctx) => {
    const tax = createTax(booksOf(ctx), parseInput(taxCreateSchema, requestBody(ctx)));
    sendCreated(ctx, 'The tax has been added.', { tax: renderTax(tax) });
  });

  router.get('/settings/taxes', (ctx) => {
    const page = listTaxes(booksOf(ctx), ctx.query);
    sendList(ctx, 'taxes', page.docs.map(renderTax), page.pageContext);
  });

  router.get('/settings/taxes/:id', (ctx) => {
    sendOk(ctx, 'success', { tax: renderTax(getTax(booksOf(ctx), idParam(ctx))) });
  });
}
