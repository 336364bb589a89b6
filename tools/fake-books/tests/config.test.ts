import { ConfigError, optionsFromEnv, resolveConfig } from '../src/config';

describe('configuration', () => {
  it('defaults the CLI to port 4010 and Zoho’s limits of 100 requests per minute', () => {
    const options = optionsFromEnv({});

    expect(options).toMatchObject({
      port: 4010,
      host: '127.0.0.1',
      organizationIds: ['10234695'],
      accessTokenLifetimeSeconds: 3600,
      rateLimit: { requestsPerWindow: 100, windowMs: 60_000, dailyLimit: 1000 },
      rounding: 'half-up',
    });
  });

  it('reads port, limits, rounding and credentials from the environment', () => {
    const options = optionsFromEnv({
      FAKE_BOOKS_PORT: '5000',
      FAKE_BOOKS_RATE_LIMIT: '100',
      FAKE_BOOKS_RATE_WINDOW_SECONDS: '2',
      FAKE_BOOKS_DAILY_LIMIT: '5000',
      FAKE_BOOKS_ROUNDING: 'half-even',
      FAKE_BOOKS_REFRESH_TOKEN: '1000.demo.refresh',
    });

    expect(options).toMatchObject({
      port: 5000,
      rateLimit: { requestsPerWindow: 100, windowMs: 2000, dailyLimit: 5000 },
      rounding: 'half-even',
      refreshToken: '1000.demo.refresh',
    });
  });

  it('fails fast on a bad value, naming the variable', () => {
    expect(() => optionsFromEnv({ FAKE_BOOKS_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => optionsFromEnv({ FAKE_BOOKS_ROUNDING: 'bankers' })).toThrow(/FAKE_BOOKS_ROUNDING/);
  });

  it('generates a client secret and refresh token when none is given', () => {
    const first = resolveConfig();
    const second = resolveConfig();

    expect(first.clientSecret).toMatch(/^[0-9a-f]{40}$/);
    expect(first.clientSecret).not.toBe(second.clientSecret);
    expect(first.refreshToken).not.toBe(second.refreshToken);
  });
});
