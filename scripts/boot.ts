import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import { findAppRoot, loadConfig } from '../src/platform/config';

/**
 * Boots Strapi from the compiled app for a command-line job: no admin build and no HTTP server
 * are needed. The caller destroys it.
 */
export async function bootStrapi(): Promise<Core.Strapi> {
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  loadConfig();
  const appDir = findAppRoot(__dirname);
  const strapi = createStrapi({
    appDir,
    distDir: path.join(appDir, 'dist'),
    serveAdminPanel: false,
  });
  strapi.log.level = 'warn';
  await strapi.load();
  return strapi;
}
