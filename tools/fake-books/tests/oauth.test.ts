import { stringify } from 'node:querystring';
import { resetBooks, startTestBooks, type Envelope, type TestBooks } from './helpers';

const UNAUTHORIZED = { code: 57, message: 'You are not authorized to perform this operation' };

describe('OAuth and access tokens', () => {
  let books: TestBooks;

  beforeAll(async () => {
    books = await startTestBooks({ accessTokenLifetimeSeconds: 60 });
  });

  afterAll(async () => {
    await books.server.close();
  });

  beforeEach(() => resetBooks(books));

  function refreshParams(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      grant_type: 'refresh_token',
      client_id: books.server.clientId,
      client_secret: books.server.clientSecret,
      refresh_token: books.server.refreshToken,
      ...overrides,
    };
  }

  async function refreshWithQuery(overrides: Record<string, string> = {}) {
    return books.raw.post<Record<string, unknown>>('/oauth/v2/token', null, {
      params: refreshParams(overrides),
    });
  }

  function listContacts(accessToken: string) {
    return books.raw.get<Envelope>('/books/v3/contacts', {
      params: { organization_id: books.server.organizationId },
      headers: { Authorization: `Zoho-oauthtoken ${accessToken}` },
    });
  }

  it('issues an access token for a refresh-token grant sent as query parameters', async () => {
    const response = await refreshWithQuery();

    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      access_token: expect.stringMatching(/^1000\./),
      api_domain: books.server.url,
      token_type: 'Bearer',
      expires_in: 60,
    });
    const listed = await listContacts(String(response.data.access_token));
    expect(listed.status).toBe(200);
    expect(listed.data.code).toBe(0);
  });

  it('issues an access token for a refresh-token grant sent as a form body', async () => {
    const response = await books.raw.post<Record<string, unknown>>(
      '/oauth/v2/token',
      stringify(refreshParams()),
      { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
    );

    expect(response.status).toBe(200);
    expect(response.data.token_type).toBe('Bearer');
  });

  it('refuses an expired access token with 401, and a refreshed one works again', async () => {
    const first = String((await refreshWithQuery()).data.access_token);
    books.server.admin.advanceClock(61_000);

    const expired = await listContacts(first);
    expect(expired.status).toBe(401);
    expect(expired.data).toEqual(UNAUTHORIZED);

    const second = String((await refreshWithQuery()).data.access_token);
    expect(second).not.toBe(first);
    expect((await listContacts(second)).status).toBe(200);
  });

  it('answers a revoked refresh token with invalid_code and refuses its access tokens', async () => {
    const accessToken = String((await refreshWithQuery()).data.access_token);
    books.server.admin.revokeRefreshToken();

    const refused = await refreshWithQuery();
    // NOTE: Zoho reports this with HTTP 200; a client must read the body.
    expect(refused.status).toBe(200);
    expect(refused.data).toEqual({ error: 'invalid_code' });
    const listed = await listContacts(accessToken);
    expect(listed.status).toBe(401);
    expect(listed.data).toEqual(UNAUTHORIZED);
  });

  it('revokes the refresh token through the admin API as well', async () => {
    const revoked = await books.raw.post('/__admin/oauth/revoke', {});
    expect(revoked.status).toBe(204);

    expect((await refreshWithQuery()).data).toEqual({ error: 'invalid_code' });
  });

  it('refuses a wrong client secret and an unknown client', async () => {
    expect((await refreshWithQuery({ client_secret: 'nope' })).data).toEqual({
      error: 'invalid_client_secret',
    });
    expect((await refreshWithQuery({ client_id: 'nope' })).data).toEqual({
      error: 'invalid_client',
    });
    expect((await refreshWithQuery({ grant_type: 'password' })).data).toEqual({
      error: 'unsupported_grant_type',
    });
  });

  it('refuses API calls without a token, with a malformed header, or with an unknown token', async () => {
    const params = { organization_id: books.server.organizationId };
    const missing = await books.raw.get<Envelope>('/books/v3/contacts', { params });
    const bearer = await books.raw.get<Envelope>('/books/v3/contacts', {
      params,
      headers: { Authorization: `Bearer ${books.server.admin.issueAccessToken()}` },
    });
    const unknown = await listContacts('1000.unknown.token');

    for (const response of [missing, bearer, unknown]) {
      expect(response.status).toBe(401);
      expect(response.data).toEqual(UNAUTHORIZED);
    }
  });

  it('refuses a missing or unknown organization_id with 400', async () => {
    const headers = { Authorization: `Zoho-oauthtoken ${books.server.admin.issueAccessToken()}` };
    const missing = await books.raw.get<Envelope>('/books/v3/invoices', { headers });
    const unknown = await books.raw.get<Envelope>('/books/v3/invoices', {
      headers,
      params: { organization_id: '999' },
    });

    for (const response of [missing, unknown]) {
      expect(response.status).toBe(400);
      expect(response.data).toEqual({
        code: 2,
        message: 'Invalid value passed for organization_id',
      });
    }
  });

  it('lists the organizations the token can reach without an organization_id', async () => {
    const response = await books.api.get<Envelope>('/organizations', { params: {} });

    expect(response.status).toBe(200);
    expect(response.data.code).toBe(0);
    expect(response.data.organizations).toEqual([
      expect.objectContaining({ organization_id: books.server.organizationId }),
    ]);
  });
});
