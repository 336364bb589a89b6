import { renewToken, resetBooks, startTestBooks, type Envelope, type TestBooks } from './helpers';

const TOO_MANY = {
  code: 44,
  message: 'You have made too many requests continuously. Please try again after some time.',
};

describe('rate limits', () => {
  describe('per-window limit (100 per 2 s, as tests configure it)', () => {
    let books: TestBooks;

    beforeAll(async () => {
      const frozenAt = Date.now();
      books = await startTestBooks({
        rateLimit: { requestsPerWindow: 100, windowMs: 2000 },
        now: () => frozenAt,
      });
    });

    afterAll(async () => {
      await books.server.close();
    });

    beforeEach(() => resetBooks(books));

    it('serves 100 requests in a window and answers the 101st with 429 and no Retry-After', async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 100; index += 1) {
        statuses.push((await books.api.get('/contacts')).status);
      }

      const refused = await books.api.get<Envelope>('/contacts');

      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(refused.status).toBe(429);
      expect(refused.data).toEqual(TOO_MANY);
      expect(refused.headers['retry-after']).toBeUndefined();
    });

    it('serves requests again once the window has passed', async () => {
      books.server.admin.configure({ rateLimit: { requestsPerWindow: 2 } });
      try {
        await books.api.get('/contacts');
        await books.api.get('/contacts');
        expect((await books.api.get('/contacts')).status).toBe(429);

        books.server.admin.advanceClock(2000);

        expect((await books.api.get('/contacts')).status).toBe(200);
      } finally {
        books.server.admin.configure({ rateLimit: { requestsPerWindow: 100 } });
      }
    });
  });

  describe('daily cap and organizations', () => {
    let books: TestBooks;

    beforeAll(async () => {
      const frozenAt = Date.now();
      books = await startTestBooks({
        now: () => frozenAt,
        organizationIds: ['111', '222'],
        rateLimit: { requestsPerWindow: 100, windowMs: 2000, dailyLimit: 3 },
      });
    });

    afterAll(async () => {
      await books.server.close();
    });

    beforeEach(() => resetBooks(books));

    it('answers requests past the daily cap with 429, no Retry-After, until the next day', async () => {
      for (let index = 0; index < 3; index += 1) {
        expect((await books.api.get('/items')).status).toBe(200);
      }

      const refused = await books.api.get<Envelope>('/items');
      expect(refused.status).toBe(429);
      expect(refused.data).toEqual({
        code: 45,
        message:
          'You have reached the maximum number of API calls allowed for a day. Please try again tomorrow.',
      });
      expect(refused.headers['retry-after']).toBeUndefined();
      expect(refused.headers['x-rate-limit-remaining']).toBe('0');

      books.server.admin.advanceClock(24 * 3_600_000);
      // The token has expired meanwhile; a fresh one is needed, as a real client would refresh.
      renewToken(books);
      expect((await books.api.get('/items')).status).toBe(200);
    });

    it('counts each organization separately', async () => {
      for (let index = 0; index < 3; index += 1) {
        await books.api.get('/items', { params: { organization_id: '111' } });
      }

      const first = await books.api.get('/items', { params: { organization_id: '111' } });
      const second = await books.api.get('/items', { params: { organization_id: '222' } });

      expect(first.status).toBe(429);
      expect(second.status).toBe(200);
    });
  });
});
