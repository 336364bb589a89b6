import type { Core } from '@strapi/strapi';
import type { AccountingProvider, ProviderSession } from '../providers/accounting-provider';
import { isProviderFailure } from '../providers/provider-failure';
import { withJitterMs } from './backoff';
import { connectionRows, findConnection, type ConnectionRow } from './connection';
import { takeSlot, type Limits } from './rate-limiter';
import { SEALED, secretBoxOf } from './settings';

/**
 * Every call to the provider goes through here: it takes a slot from the shared rate limiter,
 * brings a live access token (refreshing it under a lease, so one instance refreshes at a time
 * and the others use the stored result), and on a 401 refreshes once and calls again.
 */

/** Refresh this long before the provider's expiry, so a token does not die mid-call. */
const EXPIRY_MARGIN_MS = 60_000;
const TOKEN_LEASE_MS = 30_000;
const LEASE_POLL_MS = 200;
/** The longest a worker waits in-process for the next window before it gives the step up. */
const MAX_WINDOW_WAIT_MS = 90_000;

/** The shared limiter says wait longer than a step should: the worker pauses the connection. */
export class LocalThrottle extends Error {
  constructor(
    readonly scope: 'window' | 'daily',
    readonly waitMs: number,
  ) {
    super(`Holding requests for ${Math.ceil(waitMs / 1000)} s (${scope} limit)`);
    this.name = 'LocalThrottle';
  }
}

/** Settings the administrator has not filled in: nothing can be sent until they do. */
export class MissingSettings extends Error {
  constructor(missing: string[]) {
    super(`The connection is not configured: ${missing.join(', ')} missing`);
    this.name = 'MissingSettings';
  }
}

export interface ApiGate {
  call<T>(fn: (session: ProviderSession) => Promise<T>): Promise<T>;
}

interface LiveToken {
  readonly token: string;
  /** The stored, sealed form of this token: a later refresh replaces exactly this one. */
  readonly sealed: string | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function assertConfigured(connection: ConnectionRow): asserts connection is ConnectionRow & {
  apiBaseUrl: string;
  tokenUrl: string;
  organizationId: string;
  clientId: string;
  clientSecretSealed: string;
  refreshTokenSealed: string;
} {
  const missing = (
    [
      ['API base URL', connection.apiBaseUrl],
      ['accounts URL', connection.tokenUrl],
      ['organization id', connection.organizationId],
      ['client id', connection.clientId],
      ['client secret', connection.clientSecretSealed],
      ['refresh token', connection.refreshTokenSealed],
    ] as const
  )
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new MissingSettings(missing);
  }
}

export function limitsOf(connection: ConnectionRow, provider: AccountingProvider): Limits {
  const overrides = (connection.limits ?? {}) as Partial<Limits>;
  return { ...provider.limits, ...overrides };
}

export function createApiGate(
  strapi: Core.Strapi,
  provider: AccountingProvider,
  workerId: string,
): ApiGate {
  async function acquireSlot(): Promise<void> {
    for (;;) {
      const connection = await findConnection(strapi);
      if (!connection) {
        throw new Error('The accounting sync connection row is missing');
      }
      const slot = await takeSlot(strapi, limitsOf(connection, provider));
      if (slot.isTaken) {
        return;
      }
      if (slot.scope === 'daily' || slot.waitMs > MAX_WINDOW_WAIT_MS) {
        throw new LocalThrottle(slot.scope, slot.waitMs);
      }
      await sleep(withJitterMs(Math.max(slot.waitMs, 1), 0.1));
    }
  }

  function liveToken(connection: ConnectionRow): string | undefined {
    const expiresAt = connection.accessTokenExpiresAt
      ? new Date(connection.accessTokenExpiresAt).getTime()
      : 0;
    if (!connection.accessTokenSealed || expiresAt - EXPIRY_MARGIN_MS <= Date.now()) {
      return undefined;
    }
    return secretBoxOf(strapi).open(connection.accessTokenSealed, SEALED.accessToken);
  }

  /** A new access token, by this instance under the lease or by whoever holds it. */
  async function refreshed(staleSealed: string | null): Promise<LiveToken> {
    for (;;) {
      const connection = await findConnection(strapi);
      if (!connection) {
        throw new Error('The accounting sync connection row is missing');
      }
      if (connection.accessTokenSealed !== staleSealed) {
        const token = liveToken(connection);
        if (token) {
          return { token, sealed: connection.accessTokenSealed }; // refreshed by another instance
        }
      }
      const now = Date.now();
      const { count } = await connectionRows(strapi).updateMany({
        where: {
          id: connection.id,
          $or: [{ tokenLeaseUntil: { $null: true } }, { tokenLeaseUntil: { $lt: new Date(now) } }],
        },
        data: { tokenLeaseHolder: workerId, tokenLeaseUntil: new Date(now + TOKEN_LEASE_MS) },
      });
      if (count === 0) {
        await sleep(LEASE_POLL_MS);
        continue;
      }
      try {
        assertConfigured(connection);
        const box = secretBoxOf(strapi);
        // NOTE: the token endpoint (Zoho Accounts) is not counted against the API's limits.
        const grant = await provider.refreshAccessToken({
          tokenUrl: connection.tokenUrl,
          clientId: connection.clientId,
          clientSecret: box.open(connection.clientSecretSealed, SEALED.clientSecret),
          refreshToken: box.open(connection.refreshTokenSealed, SEALED.refreshToken),
        });
        const sealed = box.seal(grant.accessToken, SEALED.accessToken);
        await connectionRows(strapi).update({
          where: { id: connection.id },
          data: {
            accessTokenSealed: sealed,
            accessTokenExpiresAt: new Date(Date.now() + grant.expiresInSeconds * 1000),
          },
        });
        strapi.log.info(`[accounting-sync] ${workerId} refreshed the access token`);
        return { token: grant.accessToken, sealed };
      } finally {
        await connectionRows(strapi).updateMany({
          where: { id: connection.id, tokenLeaseHolder: workerId },
          data: { tokenLeaseHolder: null, tokenLeaseUntil: null },
        });
      }
    }
  }

  async function session(): Promise<ProviderSession & { sealed: string | null }> {
    const connection = await findConnection(strapi);
    if (!connection) {
      throw new Error('The accounting sync connection row is missing');
    }
    assertConfigured(connection);
    const stored = liveToken(connection);
    const live = stored
      ? { token: stored, sealed: connection.accessTokenSealed }
      : await refreshed(connection.accessTokenSealed);
    return {
      apiBaseUrl: connection.apiBaseUrl,
      organizationId: connection.organizationId,
      accessToken: live.token,
      sealed: live.sealed,
    };
  }

  return {
    async call(fn) {
      await acquireSlot();
      const first = await session();
      try {
        return await fn(first);
      } catch (error) {
        if (!isProviderFailure(error) || error.facts.httpStatus !== 401) {
          throw error;
        }
        // The token died early (revoked, or expired on the provider's clock): refresh once.
        const renewed = await refreshed(first.sealed);
        await acquireSlot();
        return fn({ ...first, accessToken: renewed.token });
      }
    },
  };
}
