import type { Clock } from './clock';
import type { ResolvedConfig } from './config';

/** Answer of Zoho's token endpoint on success. */
export interface TokenGrant {
  access_token: string;
  api_domain: string;
  token_type: 'Bearer';
  expires_in: number;
}

/**
 * Answer of Zoho's token endpoint on failure.
 * NOTE: Zoho answers these with HTTP 200 and no `code`, which is exactly what trips clients that
 * only look at the status; the fake does the same.
 */
export interface TokenFailure {
  error: 'invalid_code' | 'invalid_client' | 'invalid_client_secret' | 'unsupported_grant_type';
}

export interface RefreshRequest {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  refresh_token?: string;
}

interface AccessTokenRecord {
  readonly refreshToken: string;
  readonly expiresAt: number;
  isRevoked: boolean;
}

/** Issues and checks OAuth tokens for the single client the fake knows. */
export class OAuthService {
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly revokedRefreshTokens = new Set<string>();
  private issuedCount = 0;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly clock: Clock,
  ) {}

  /** The refresh-token grant of `POST /oauth/v2/token`. */
  refresh(request: RefreshRequest, apiDomain: string): TokenGrant | TokenFailure {
    if (request.grant_type !== 'refresh_token') {
      return { error: 'unsupported_grant_type' };
    }
    if (request.client_id !== this.config.clientId) {
      return { error: 'invalid_client' };
    }
    if (request.client_secret !== this.config.clientSecret) {
      return { error: 'invalid_client_secret' };
    }
    const refreshToken = request.refresh_token ?? '';
    if (!this.isRefreshTokenValid(refreshToken)) {
      return { error: 'invalid_code' };
    }
    return {
      access_token: this.issueAccessToken(refreshToken),
      api_domain: apiDomain,
      token_type: 'Bearer',
      expires_in: this.config.accessTokenLifetimeSeconds,
    };
  }

  isRefreshTokenValid(refreshToken: string): boolean {
    return (
      refreshToken === this.config.refreshToken && !this.revokedRefreshTokens.has(refreshToken)
    );
  }

  /** Mints an access token bound to a refresh token; ids are counter-based, so deterministic. */
  issueAccessToken(refreshToken: string = this.config.refreshToken): string {
    this.issuedCount += 1;
    const serial = String(this.issuedCount).padStart(8, '0');
    const token = `1000.fakeaccess${serial}.${serial}fakebooks`;
    this.accessTokens.set(token, {
      refreshToken,
      expiresAt: this.clock.now() + this.config.accessTokenLifetimeSeconds * 1000,
      isRevoked: false,
    });
    return token;
  }

  isAccessTokenValid(token: string): boolean {
    const record = this.accessTokens.get(token);
    return record !== undefined && !record.isRevoked && this.clock.now() < record.expiresAt;
  }

  /** Revokes a refresh token and, as Zoho does, every access token minted from it. */
  revokeRefreshToken(refreshToken: string = this.config.refreshToken): void {
    this.revokedRefreshTokens.add(refreshToken);
    for (const record of this.accessTokens.values()) {
      if (record.refreshToken === refreshToken) {
        record.isRevoked = true;
      }
    }
  }

  /** Makes every issued access token invalid, as if they had all expired. */
  expireAccessTokens(): void {
    for (const record of this.accessTokens.values()) {
      record.isRevoked = true;
    }
  }

  reset(): void {
    this.accessTokens.clear();
    this.revokedRefreshTokens.clear();
    this.issuedCount = 0;
  }
}
