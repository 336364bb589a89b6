import { formatZohoTime } from '../clock';
import { ZohoApiError, documentNotFound } from '../errors';
import { listPage, type ListPage, type QueryParams } from '../listing';
import type { ContactCreateInput, ContactUpdateInput } from '../schemas/contact.schemas';
import type { Contact, ContactPerson } from '../store';
import { uniquenessKey, type BooksContext } from './context';

function assertContactNameFree(ctx: BooksContext, name: string, exceptId?: string): void {
  const key = uniquenessKey(name);
  for (const contact of ctx.books.contacts.values()) {
    if (contact.contact_id !== exceptId && uniquenessKey(contact.contact_name) === key) {
      throw new ZohoApiError('alreadyExists', `The contact name "${name}" already exists.`);
    }
  }
}

function toContactPersons(
  ctx: BooksContext,
  persons: ContactCreateInput['contact_persons'],
): ContactPerson[] {
  return (persons ?? []).map((person, index) => ({
    contact_person_id: ctx.ids.next(),
    ...person,
    is_primary_contact: person.is_primary_contact ?? index === 0,
  }));
}

/** Creates a contact; display names are unique per organization, as in Zoho Books. */
export function createContact(ctx: BooksContext, input: ContactCreateInput): Contact {
  assertContactNameFree(ctx, input.contact_name);
  const { contact_persons: persons, contact_type: type, ...fields } = input;
  const contact: Contact = {
    ...fields,
    contact_id: ctx.ids.next(),
    contact_type: type ?? 'customer',
    contact_persons: toContactPersons(ctx, persons),
    status: 'active',
    createdAt: ctx.now,
    modifiedAt: ctx.now,
  };
  ctx.books.contacts.set(contact.contact_id, contact);
  return contact;
}

export function getContact(ctx: BooksContext, contactId: string): Contact {
  const contact = ctx.books.contacts.get(contactId);
  if (!contact) {
    throw documentNotFound('Contact');
  }
  return contact;
}

export function updateContact(
  ctx: BooksContext,
  contactId: string,
  input: ContactUpdateInput,
): Contact {
  const contact = getContact(ctx, contactId);
  if (input.contact_name !== undefined) {
    assertContactNameFree(ctx, input.contact_name, contactId);
  }
  const { contact_persons: persons, ...fields } = input;
  Object.assign(contact, fields, { modifiedAt: ctx.now });
  if (persons !== undefined) {
    contact.contact_persons = toContactPersons(ctx, persons);
  }
  return contact;
}

export function listContacts(ctx: BooksContext, query: QueryParams): ListPage<Contact> {
  return listPage(ctx.books.contacts.values(), query, {
    reportName: 'Contacts',
    textFilters: [
      { param: 'contact_name', valueOf: (contact) => contact.contact_name },
      { param: 'company_name', valueOf: (contact) => contact.company_name },
      { param: 'email', valueOf: (contact) => contact.email },
      { param: 'contact_type', valueOf: (contact) => contact.contact_type },
    ],
    modifiedAt: (contact) => contact.modifiedAt,
  });
}

/** The fields Zoho lists for a contact in `GET /contacts`. */
export function renderContactSummary(contact: Contact): Record<string, unknown> {
  return {
    contact_id: contact.contact_id,
    contact_name: contact.contact_name,
    company_name: contact.company_name ?? '',
    contact_type: contact.contact_type,
    status: contact.status,
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    currency_code: 'USD',
    created_time: formatZohoTime(contact.createdAt),
    last_modified_time: formatZohoTime(contact.modifiedAt),
  };
}

export function renderContact(contact: Contact): Record<string, unknown> {
  return {
    ...renderContactSummary(contact),
    website: contact.website ?? '',
    notes: contact.notes ?? '',
    billing_address: contact.billing_address ?? {},
    shipping_address: contact.shipping_address ?? {},
    contact_persons: contact.contact_persons,
  };
}
