import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse, isAxiosError } from 'axios';
import { ProviderFailure } from '../provider-failure';

/**
 * HTTP for Zoho Books v3 and Zoho Accounts, on axios (already a dependency of the app): Zoho's
 * envelope `{ code, message, <resource> }`, its `organization_id` parameter, its
 * `Zoho-oauthtoken` header, and every failure turned into a `ProviderFailure` that carries
 * only safe facts (never the request's headers, token or body).
 */

export interface ZohoCallLog {
  readonly operation: string;
  readonly httpStatus?: number;
  readonly providerCode?: number;
  readonly durationMs: number;
}

export interface ZohoHttpOptions {
  /** Gives up on an answer after this long; the write's outcome is then unknown. */
  readonly timeoutMs?: number;
  /** Called once per call, with no secrets in it: the worker logs boundaries with this. */
  readonly onCall?: (call: ZohoCallLog) => void;
}

export interface ZohoEnvelope {
  readonly code: number;
  readonly message: string;
  readonly [resource: string]: unknown;
}

export interface ZohoRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly baseUrl: string;
  /** Path under the base URL, e.g. "/invoices"; ids only, never a query string. */
  readonly path: string;
  readonly organizationId: string;
  readonly accessToken: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

function numberHeader(response: AxiosResponse | undefined, name: string): number | undefined {
  const raw: unknown = response?.headers[name];
  const value = typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isFinite(value) ? value : undefined;
}

function envelopeOf(data: unknown): Partial<ZohoEnvelope> {
  return typeof data === 'object' && data !== null ? (data as Partial<ZohoEnvelope>) : {};
}

/** The template of a path for logs and failures: ids become ":id". */
function operationOf(method: string, path: string): string {
  return `${method} ${path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
}

export class ZohoHttp {
  private readonly client: AxiosInstance;

  constructor(private readonly options: ZohoHttpOptions = {}) {
    this.client = axios.create({
      timeout: options.timeoutMs ?? 30_000,
      // NOTE: keep-alive saves a TLS handshake per call; a socket the server dropped is
      // reported as ECONNRESET and classified like any other break.
      httpAgent: new Agent({ keepAlive: true }),
      httpsAgent: new HttpsAgent({ keepAlive: true }),
      validateStatus: () => true,
      responseType: 'json',
      // Never follow a redirect with the token in the header to somewhere else.
      maxRedirects: 0,
    });
  }

  /** One API call; resolves with the envelope of a `code: 0` answer, throws ProviderFailure. */
  async call(request: ZohoRequest): Promise<ZohoEnvelope> {
    const operation = operationOf(request.method, request.path);
    const isWrite = request.method !== 'GET';
    const startedAt = Date.now();
    let response: AxiosResponse;
    try {
      response = await this.client.request({
        method: request.method,
        url: `${request.baseUrl}${request.path}`,
        params: { ...request.query, organization_id: request.organizationId },
        headers: { Authorization: `Zoho-oauthtoken ${request.accessToken}` },
        data: request.body,
      });
    } catch (error) {
      this.options.onCall?.({ operation, durationMs: Date.now() - startedAt });
      throw networkFailure(operation, isWrite, error);
    }
    const envelope = envelopeOf(response.data);
    this.options.onCall?.({
      operation,
      httpStatus: response.status,
      providerCode: envelope.code,
      durationMs: Date.now() - startedAt,
    });
    if (response.status >= 200 && response.status < 300 && envelope.code === 0) {
      return envelope as ZohoEnvelope;
    }
    throw new ProviderFailure({
      operation,
      isWrite,
      httpStatus: response.status,
      providerCode: typeof envelope.code === 'number' ? envelope.code : undefined,
      message:
        typeof envelope.message === 'string'
          ? envelope.message
          : `HTTP ${response.status} without Zoho's envelope`,
      dailyRemaining: numberHeader(response, 'x-rate-limit-remaining'),
      dailyResetSeconds: numberHeader(response, 'x-rate-limit-reset'),
    });
  }

  /**
   * Zoho Accounts' refresh-token grant. The parameters go in a form body, not the query string,
   * so the client secret and refresh token never appear in a URL (URLs end up in logs).
   * NOTE: Zoho answers a refused grant with HTTP 200 and `{ error }`; that is a failure too.
   */
  async refreshToken(
    tokenUrl: string,
    form: Readonly<Record<string, string>>,
  ): Promise<{ accessToken: string; expiresInSeconds: number }> {
    const operation = 'POST /oauth/v2/token';
    const startedAt = Date.now();
    let response: AxiosResponse;
    try {
      response = await this.client.post(tokenUrl, new URLSearchParams(form).toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    } catch (error) {
      this.options.onCall?.({ operation, durationMs: Date.now() - startedAt });
      throw networkFailure(operation, false, error);
    }
    this.options.onCall?.({
      operation,
      httpStatus: response.status,
      durationMs: Date.now() - startedAt,
    });
    const data = envelopeOf(response.data) as Record<string, unknown>;
    const accessToken = data.access_token;
    const expiresIn = data.expires_in;
    if (
      response.status === 200 &&
      typeof accessToken === 'string' &&
      typeof expiresIn === 'number'
    ) {
      return { accessToken, expiresInSeconds: expiresIn };
    }
    const oauthError = typeof data.error === 'string' ? data.error : undefined;
    throw new ProviderFailure({
      operation,
      isWrite: false,
      httpStatus: response.status,
      oauthError: oauthError ?? (response.status === 200 ? 'malformed_grant' : undefined),
      message: oauthError
        ? `Zoho refused the refresh token grant: ${oauthError}`
        : `The token endpoint answered HTTP ${response.status}`,
    });
  }
}

function networkFailure(operation: string, isWrite: boolean, error: unknown): ProviderFailure {
  const networkCode = isAxiosError(error) ? (error.code ?? 'ENETWORK') : 'ENETWORK';
  // NOTE: the axios error holds the request config (with the token header); only its code and
  // message are kept.
  const message = error instanceof Error ? error.message : 'network error';
  return new ProviderFailure({ operation, isWrite, networkCode, message });
}
