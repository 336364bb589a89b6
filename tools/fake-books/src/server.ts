import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdminService } from './admin';
import { createFakeBooksApp } from './app';
import { resolveConfig, type FakeBooksOptions } from './config';
import { API_PREFIX } from './http/api-guard.middleware';

/** A running fake: where to reach it, the credentials it accepts, and its admin helpers. */
export interface FakeBooksServer {
  /** Origin, e.g. "http://127.0.0.1:4010" (also the OAuth `api_domain`). */
  readonly url: string;
  readonly port: number;
  /** `${url}/books/v3` */
  readonly apiBaseUrl: string;
  /** `${url}/oauth/v2/token` */
  readonly tokenUrl: string;
  readonly organizationId: string;
  readonly organizationIds: readonly string[];
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly admin: AdminService;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Starts the fake in this process; `port: 0` (the default) picks a free port. */
export async function startFakeBooks(options: FakeBooksOptions = {}): Promise<FakeBooksServer> {
  const config = resolveConfig(options);
  const { app, admin, saveState } = createFakeBooksApp(config);
  const server = createServer(app.callback());
  const address = await listen(server, config.port, config.host);
  const url = `http://${config.host}:${address.port}`;
  return {
    url,
    port: address.port,
    apiBaseUrl: `${url}${API_PREFIX}`,
    tokenUrl: `${url}/oauth/v2/token`,
    organizationId: config.organizationIds[0] ?? '',
    organizationIds: config.organizationIds,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    refreshToken: config.refreshToken,
    admin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        saveState();
        // Keep-alive sockets would otherwise hold close() open until they time out.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
