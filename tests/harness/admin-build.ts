import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const ADMIN_INDEX = path.join(ROOT, 'dist', 'build', 'index.html');

function newestTime(entry: string): number {
  if (!fs.existsSync(entry)) {
    return 0;
  }
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return fs
    .readdirSync(entry)
    .reduce((newest, name) => Math.max(newest, newestTime(path.join(entry, name))), 0);
}

/** What the admin build is made from: the app's admin folder, the plugins' admin builds, the lock. */
function newestSourceTime(): number {
  const pluginsDir = path.join(ROOT, 'src', 'plugins');
  const pluginBuilds = fs.existsSync(pluginsDir)
    ? fs.readdirSync(pluginsDir).map((name) => path.join(pluginsDir, name, 'dist', 'admin'))
    : [];
  return Math.max(
    ...[path.join(ROOT, 'src', 'admin'), path.join(ROOT, 'package-lock.json'), ...pluginBuilds].map(
      newestTime,
    ),
  );
}

/**
 * Builds the admin panel (`strapi build`, about a minute and a half) unless dist/build is newer
 * than what it is made from; the local plugins are built by the global setup before this.
 */
export function ensureAdminBuild(): void {
  if (fs.existsSync(ADMIN_INDEX) && fs.statSync(ADMIN_INDEX).mtimeMs > newestSourceTime()) {
    return;
  }
  const started = Date.now();
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
    },
  );
  console.log(`[tests] built the admin panel in ${Date.now() - started} ms`);
}
