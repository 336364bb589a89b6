import { classifyFailure } from './classify-failure';
import type { ProviderFailureFacts } from '../providers/provider-failure';

const write = (facts: Partial<ProviderFailureFacts>): ProviderFailureFacts => ({
  operation: 'POST /invoices',
  isWrite: true,
  message: 'failed',
  ...facts,
});

const read = (facts: Partial<ProviderFailureFacts>): ProviderFailureFacts =>
  write({ operation: 'GET /invoices', isWrite: false, ...facts });

describe('classifyFailure', () => {
  it('pauses for the window on a 429 while daily requests remain', () => {
    expect(
      classifyFailure(write({ httpStatus: 429, providerCode: 44, dailyRemaining: 412 })),
    ).toEqual({ kind: 'throttled', scope: 'window' });
  });

  it('pauses until the daily reset when no request remains today', () => {
    expect(
      classifyFailure(write({ httpStatus: 429, dailyRemaining: 0, dailyResetSeconds: 3600 })),
    ).toEqual({ kind: 'throttled', scope: 'daily', resetSeconds: 3600 });
  });

  it("treats Zoho's daily-limit code as the daily cap even without the header", () => {
    expect(classifyFailure(write({ httpStatus: 429, providerCode: 45 }))).toEqual({
      kind: 'throttled',
      scope: 'daily',
      resetSeconds: undefined,
    });
  });

  it('refreshes the token on a 401', () => {
    expect(classifyFailure(write({ httpStatus: 401, providerCode: 57 }))).toEqual({
      kind: 'auth',
      reason: 'token-expired',
    });
  });

  it('pauses the connection when the token endpoint refuses the refresh token', () => {
    expect(classifyFailure(read({ httpStatus: 200, oauthError: 'invalid_code' }))).toEqual({
      kind: 'auth',
      reason: 'credentials-rejected',
    });
  });

  it('pauses the connection on a wrong organization rather than dead-lettering rows', () => {
    expect(classifyFailure(write({ httpStatus: 400, providerCode: 2 }))).toEqual({
      kind: 'auth',
      reason: 'organization-rejected',
    });
  });

  it('pauses the connection on an unknown API URL', () => {
    expect(classifyFailure(read({ httpStatus: 404, providerCode: 5 }))).toEqual({
      kind: 'auth',
      reason: 'endpoint-rejected',
    });
  });

  it('marks a 5xx on a write as transient with an unknown outcome', () => {
    expect(classifyFailure(write({ httpStatus: 500, providerCode: 1000 }))).toEqual({
      kind: 'transient',
      isOutcomeUnknown: true,
    });
    expect(classifyFailure(write({ httpStatus: 503 }))).toEqual({
      kind: 'transient',
      isOutcomeUnknown: true,
    });
  });

  it('marks a 5xx on a read as transient with nothing to look up', () => {
    expect(classifyFailure(read({ httpStatus: 502 }))).toEqual({
      kind: 'transient',
      isOutcomeUnknown: false,
    });
  });

  it('marks a dropped connection after sending a write as an unknown outcome', () => {
    for (const networkCode of ['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE']) {
      expect(classifyFailure(write({ networkCode }))).toEqual({
        kind: 'transient',
        isOutcomeUnknown: true,
      });
    }
  });

  it('knows a refused connection never carried the request', () => {
    expect(classifyFailure(write({ networkCode: 'ECONNREFUSED' }))).toEqual({
      kind: 'transient',
      isOutcomeUnknown: false,
    });
  });

  it("dead-letters a validation refusal with the provider's message", () => {
    const facts = write({
      httpStatus: 400,
      providerCode: 4,
      message: 'Invalid value passed for line_items.0.rate',
    });
    expect(classifyFailure(facts)).toEqual({
      kind: 'invalid',
      providerCode: 4,
      message: 'Invalid value passed for line_items.0.rate',
    });
  });

  it('dead-letters a missing reference and a taken number', () => {
    expect(classifyFailure(write({ httpStatus: 400, providerCode: 1002 })).kind).toBe('invalid');
    expect(classifyFailure(write({ httpStatus: 400, providerCode: 1001 })).kind).toBe('invalid');
  });
});
