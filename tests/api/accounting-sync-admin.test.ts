import type { Core } from '@strapi/strapi';
import { startFakeBooks, type FakeBooksServer } from '../../tools/fake-books/src';
import { api, fullAccessToken } from '../harness/builders';
import { orderClient } from '../harness/orders';
import { syncOf } from '../harness/accounting-sync';
import { startTestApp, type TestApp } from '../harness/strapi';

/**
 * The connector's admin routes: guarded by the plugin's own permissions, settings with
 * write-only secrets, health, backlog, each record's status, retry, mirroring existing records;
 * and no secret in any answer or log line.
 */

let app: TestApp;
let strapi: Core.Strapi;
let books: FakeBooksServer;
let superAdmin: string;
let outsider: string;
const logLines: string[] = [];

async function adminLogin(email: string, roleId: number): Promise<string> {
  const password = 'Sync-admin-1';
  await strapi.service('admin::user').create({
    email,
    firstname: 'Sync',
    lastname: 'Admin',
    password,
    isActive: true,
    roles: [roleId],
  });
  const login = await api(strapi).post('/admin/login').send({ email, password });
  expect(login.status).toBe(200);
  return `Bearer ${login.body.data.token}`;
}

/** Records every log line (observing the real logger, which still logs). */
function recordLogs(): void {
  strapi.log.level = 'debug';
  for (const level of ['error', 'warn', 'info', 'http', 'verbose', 'debug'] as const) {
    const original = strapi.log[level].bind(strapi.log);
    (strapi.log as unknown as Record<string, unknown>)[level] = (...args: unknown[]) => {
      logLines.push(
        args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '),
      );
      return (original as (...a: unknown[]) => unknown)(...args);
    };
  }
}

const get = (path: string, auth = superAdmin) => api(strapi).get(path).set('Authorization', auth);
const put = (path: string, data: unknown, auth = superAdmin) =>
  api(strapi).put(path).set('Authorization', auth).send({ data });
const post = (path: string, auth = superAdmin) =>
  api(strapi).post(path).set('Authorization', auth).send({});

function settingsFor(server: FakeBooksServer) {
  return {
    isEnabled: true,
    apiBaseUrl: server.apiBaseUrl,
    tokenUrl: server.tokenUrl,
    organizationId: server.organizationId,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    refreshToken: server.refreshToken,
    limits: { requestsPerWindow: 100, windowMs: 2000, requestsPerDay: 100_000 },
  };
}

beforeAll(async () => {
  books = await startFakeBooks({ port: 0 });
  app = await startTestApp();
  strapi = app.strapi;
  await syncOf(strapi).stopPolling();
  recordLogs();
  const roles = strapi.service('admin::role');
  superAdmin = await adminLogin('sync-super@example.com', (await roles.getSuperAdmin()).id);
  const plain = await roles.create({ name: 'No accounting', description: 'no sync permission' });
  outsider = await adminLogin('sync-outsider@example.com', plain.id);
});

afterAll(async () => {
  await app?.stop();
  await books?.close();
});

describe('accounting sync admin routes', () => {
  it('refuses an administrator without the plugin permissions', async () => {
    for (const res of [
      await get('/accounting-sync/settings', outsider),
      await put('/accounting-sync/settings', { isEnabled: true }, outsider),
      await get('/accounting-sync/status', outsider),
      await post('/accounting-sync/mirror-existing', outsider),
    ]) {
      expect(res.status).toBe(403);
    }
    const settings = await get('/accounting-sync/settings');
    expect(settings.body.data.isEnabled).toBe(false);
  });

  it('refuses a content-API token: the routes are for the admin panel only', async () => {
    const token = await fullAccessToken(strapi);
    expect((await get('/accounting-sync/settings', token)).status).toBe(401);
  });

  it('saves settings with write-only secrets that no answer returns', async () => {
    const saved = await put('/accounting-sync/settings', settingsFor(books));
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({
      isEnabled: true,
      organizationId: books.organizationId,
      hasClientSecret: true,
      hasRefreshToken: true,
    });
    const read = await get('/accounting-sync/settings');
    for (const body of [JSON.stringify(saved.body), JSON.stringify(read.body)]) {
      expect(body).not.toContain(books.clientSecret);
      expect(body).not.toContain(books.refreshToken);
      expect(body).not.toMatch(/Sealed/);
    }
  });

  it('refuses unknown or bad settings, naming the field, and changes nothing', async () => {
    const unknown = await put('/accounting-sync/settings', { isEnabled: false, password: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ name: 'ValidationError' });
    expect(unknown.body.error.message).toMatch(/password/);
    const badUrl = await put('/accounting-sync/settings', { apiBaseUrl: 'ftp://example.com' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.message).toMatch(/^apiBaseUrl: /);
    expect((await get('/accounting-sync/settings')).body.data).toMatchObject({
      isEnabled: true,
      apiBaseUrl: books.apiBaseUrl,
    });
  });

  it('mirrors existing records, shows health, backlog and each record, and never logs a secret', async () => {
    const orders = orderClient(strapi, await fullAccessToken(strapi));
    await put('/accounting-sync/settings', { isEnabled: false });
    const asset = await orders.createAsset({}, { quantity: 10, unitCost: 500 });
    const order = await orders.createOrder([{ asset: asset.documentId, quantity: 2 }]);
    await orders.post(`/api/orders/${order.documentId}/confirm`);
    expect((await orders.post(`/api/orders/${order.documentId}/fulfil`)).status).toBe(200);

    await put('/accounting-sync/settings', { isEnabled: true });
    const queued = await post('/accounting-sync/mirror-existing');
    expect(queued.status).toBe(200);
    expect(queued.body.data).toMatchObject({ invoice: 1, item: 1 });
    expect((await post('/accounting-sync/mirror-existing')).body.data).toEqual({});

    const before = await get('/accounting-sync/status');
    expect(before.body.data).toMatchObject({ isEnabled: true, pause: null });
    expect(before.body.data.counts.pending).toBeGreaterThanOrEqual(2);

    books.admin.expireAccessTokens();
    await syncOf(strapi).drain();

    const after = await get('/accounting-sync/status');
    expect(after.body.data).toMatchObject({ counts: { pending: 0, dead: 0 }, lagSeconds: 0 });
    expect(after.body.data.lastSuccessAt).not.toBeNull();
    const invoice = await get(`/accounting-sync/records/invoice/${order.documentId}`);
    expect(invoice.body.data).toEqual({
      status: 'synced',
      remoteId: books.admin.documents('invoices')[0]?.invoice_id,
    });
    const entries = await get('/accounting-sync/entries?state=synced');
    expect(entries.body.meta.pagination.total).toBe(after.body.data.counts.synced);
    expect((await get('/accounting-sync/records/nonsense/x')).status).toBe(400);
    expect((await post('/accounting-sync/entries/999999/retry')).status).toBe(404);

    const everything = logLines.join('\n');
    expect(everything).toContain('[accounting-sync]');
    expect(everything).not.toContain(books.clientSecret);
    expect(everything).not.toContain(books.refreshToken);
    expect(everything).not.toMatch(/fakeaccess/);
  });
});
