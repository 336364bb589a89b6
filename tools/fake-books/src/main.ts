import { ConfigError, optionsFromEnv } from './config';
import { startFakeBooks } from './server';

/** `npm run fake-books`: starts the fake on FAKE_BOOKS_PORT and prints how to connect to it. */
async function main(): Promise<void> {
  const options = optionsFromEnv(process.env);
  const server = await startFakeBooks(options);
  // NOTE: printing the client secret and refresh token is the point of this command: they are
  // the fake's own throwaway credentials, needed to configure the connector for a demo.
  console.log(
    [
      `Fake Zoho Books listening on ${server.url}`,
      `  API base URL     ${server.apiBaseUrl}`,
      `  Token URL        ${server.tokenUrl}`,
      `  Organization id  ${server.organizationId}`,
      `  Client id        ${server.clientId}`,
      `  Client secret    ${server.clientSecret}`,
      `  Refresh token    ${server.refreshToken}`,
      `  Admin API        ${server.url}/__admin (see tools/fake-books/README.md)`,
    ].join('\n'),
  );
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[fake-books] failed to close cleanly', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
