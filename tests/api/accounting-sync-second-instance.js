/**
 * A second Middlepath instance for the accounting sync tests: boots Strapi from the compiled app
 * on the database named in the environment (the parent test's), then drains the accounting
 * outbox when the parent says so and reports back. Run with child_process.fork.
 *
 * NOTE: a separate process because two Strapi instances cannot share one Node process (their
 * registries are module-level), and because separate processes are what production runs.
 */
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..', '..');

async function main() {
  const app = createStrapi({
    appDir: ROOT,
    distDir: path.join(ROOT, 'dist'),
    serveAdminPanel: false,
  });
  app.log.level = 'warn';
  await app.load();
  const sync = app.plugin('accounting-sync').service('sync');
  await sync.stopPolling();
  process.on('message', async (message) => {
    if (message !== 'drain') {
      return;
    }
    try {
      const report = await sync.drain();
      process.send({ report });
    } catch (error) {
      process.send({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      await app.destroy();
      process.disconnect();
    }
  });
  process.send('ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
