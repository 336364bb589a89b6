import { bodyParser, requestBody } from '../http/body';
import { booksOf, idParam, sendCreated, sendList, sendOk } from '../http/envelope';
import type { FakeBooksRouter } from '../http/state';
import { parseInput } from '../schemas/common.schemas';
import { itemCreateSchema, itemUpdateSchema } from '../schemas/item.schemas';
import { createItem, getItem, listItems, renderItem, updateItem } from '../services/items';

/** `/items`: create, list, get, update. */
export function registerItemRoutes(router: FakeBooksRouter): void {
  router.post('/items', bodyParser(), (ctx) => {
    const item = createItem(booksOf(ctx), parseInput(itemCreateSchema, requestBody(ctx)));
    sendCreated(ctx, 'The item has been added.', { item: renderItem(item) });
  });

  router.get('/items', (ctx) => {
    const page = listItems(booksOf(ctx), ctx.query);
    sendList(ctx, 'items', page.docs.map(renderItem), page.pageContext);
  });

  router.get('/items/:id', (ctx) => {
    sendOk(ctx, 'success', { item: renderItem(getItem(booksOf(ctx), idParam(ctx))) });
  });

  router.put('/items/:id', bodyParser(), (ctx) => {
    const input = parseInput(itemUpdateSchema, requestBody(ctx));
    const item = updateItem(booksOf(ctx), idParam(ctx), input);
    sendOk(ctx, 'The item details have been saved.', { item: renderItem(item) });
  });
}
