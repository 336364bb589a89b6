import { bodyParser, requestBody } from '../http/body';
import { booksOf, idParam, sendCreated, sendList, sendOk } from '../http/envelope';
import type { FakeBooksRouter } from '../http/state';
import { parseInput } from '../schemas/common.schemas';
import { contactCreateSchema, contactUpdateSchema } from '../schemas/contact.schemas';
import {
  createContact,
  getContact,
  listContacts,
  renderContact,
  renderContactSummary,
  updateContact,
} from '../services/contacts';

/** `/contacts`: create, list, get, update. */
export function registerContactRoutes(router: FakeBooksRouter): void {
  router.post('/contacts', bodyParser(), (ctx) => {
    const input = parseInput(contactCreateSchema, requestBody(ctx));
    const contact = createContact(booksOf(ctx), input);
    sendCreated(ctx, 'The contact has been added.', { contact: renderContact(contact) });
  });

  router.get('/contacts', (ctx) => {
    const page = listContacts(booksOf(ctx), ctx.query);
    sendList(ctx, 'contacts', page.docs.map(renderContactSummary), page.pageContext);
  });

  router.get('/contacts/:id', (ctx) => {
    sendOk(ctx, 'success', { contact: renderContact(getContact(booksOf(ctx), idParam(ctx))) });
  });

  router.put('/contacts/:id', bodyParser(), (ctx) => {
    const input = parseInput(contactUpdateSchema, requestBody(ctx));
    const contact = updateContact(booksOf(ctx), idParam(ctx), input);
    sendOk(ctx, 'Contact has been updated successfully', { contact: renderContact(contact) });
  });
}
