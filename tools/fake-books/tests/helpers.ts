import { Agent } from 'node:http';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { startFakeBooks, type FakeBooksOptions, type FakeBooksServer } from '../src';

/** Zoho's envelope as tests read it. */
export interface Envelope {
  code: number;
  message: string;
  [resource: string]: unknown;
}

export type ZohoResponse = AxiosResponse<Envelope>;

export interface TestBooks {
  readonly server: FakeBooksServer;
  /** Client for `/books/v3` with a valid token and the default organization id. */
  readonly api: AxiosInstance;
  /** Client for the server origin with no token or organization (OAuth, admin, odd URLs). */
  readonly raw: AxiosInstance;
}

/**
 * NOTE: keep-alive is off so every request opens its own socket; a dropped or reset connection
 * then cannot leak into the next request of the test.
 */
function createClient(baseURL: string): AxiosInstance {
  return axios.create({
    baseURL,
    httpAgent: new Agent({ keepAlive: false }),
    validateStatus: () => true,
    // Money must be read as sent; axios parses JSON numbers exactly like JSON.parse.
    responseType: 'json',
  });
}

/** Starts a fake on a random port with a valid access token already in the API client. */
export async function startTestBooks(options: FakeBooksOptions = {}): Promise<TestBooks> {
  const server = await startFakeBooks({ port: 0, host: '127.0.0.1', ...options });
  const api = createClient(server.apiBaseUrl);
  api.defaults.params = { organization_id: server.organizationId };
  api.defaults.headers.common.Authorization = `Zoho-oauthtoken ${server.admin.issueAccessToken()}`;
  return { server, api, raw: createClient(server.url) };
}

/** After `admin.reset()` tokens are gone too: give the API client a fresh one. */
export function renewToken(books: TestBooks): void {
  const token = books.server.admin.issueAccessToken();
  books.api.defaults.headers.common.Authorization = `Zoho-oauthtoken ${token}`;
}

export function resetBooks(books: TestBooks): void {
  books.server.admin.reset();
  renewToken(books);
}

/** A resource from an envelope, e.g. `resource(response, 'invoice')`. */
export function resource<T = Record<string, unknown>>(response: ZohoResponse, key: string): T {
  return response.data[key] as T;
}

let uniqueCounter = 0;

export function unique(prefix: string): string {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}

export async function createContact(
  api: AxiosInstance,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await api.post<Envelope>('/contacts', {
    contact_name: unique('Customer'),
    ...overrides,
  });
  expect(response.status).toBe(201);
  return resource<{ contact_id: string }>(response, 'contact').contact_id;
}

export async function createItem(
  api: AxiosInstance,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await api.post<Envelope>('/items', {
    name: unique('Item'),
    rate: 10,
    ...overrides,
  });
  expect(response.status).toBe(201);
  return resource<{ item_id: string }>(response, 'item').item_id;
}

export interface InvoiceView {
  invoice_id: string;
  invoice_number: string;
  status: string;
  total: number;
  sub_total: number;
  balance: number;
  adjustment: number;
  last_modified_time: string;
  line_items: { item_total: number; rate: number; quantity: number }[];
}

/** Creates a contact, an item and an invoice of `quantity x rate` for them. */
export async function createInvoice(
  api: AxiosInstance,
  overrides: Record<string, unknown> = {},
): Promise<InvoiceView & { customer_id: string }> {
  const customerId =
    typeof overrides.customer_id === 'string' ? overrides.customer_id : await createContact(api);
  const itemId = await createItem(api);
  const response = await api.post<Envelope>('/invoices', {
    customer_id: customerId,
    line_items: [{ item_id: itemId, quantity: 1, rate: 100 }],
    ...overrides,
  });
  expect(response.status).toBe(201);
  return { ...resource<InvoiceView>(response, 'invoice'), customer_id: customerId };
}
