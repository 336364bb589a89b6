import fs from 'node:fs';
import path from 'node:path';
import { findAppRoot } from './config';

/** A local plugin's entry in config/plugins.ts. */
export interface LocalPluginConfig {
  enabled: true;
  resolve: string;
  config?: Record<string, unknown>;
}

/**
 * Declares the local plugin in src/plugins/<folder>, refusing to start when its server build is
 * missing. NOTE: Strapi skips a plugin whose server entry file does not exist without a word, so
 * a forgotten build would silently drop its routes; `npm install` and the run and test commands
 * build it (scripts/build-plugins.js).
 */
export function localPlugin(folder: string, config?: Record<string, unknown>): LocalPluginConfig {
  const root = findAppRoot(__dirname);
  const resolve = `./src/plugins/${folder}`;
  const pluginDir = path.join(root, resolve);
  const pkgFile = path.join(pluginDir, 'package.json');
  if (!fs.existsSync(pkgFile)) {
    throw new Error(`The local plugin ${folder} is enabled but ${resolve}/package.json is missing`);
  }
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as {
    exports?: Record<string, { require?: string } | string>;
  };
  const serverExport = pkg.exports?.['./strapi-server'];
  const entry = typeof serverExport === 'object' ? serverExport.require : undefined;
  if (entry !== undefined && !fs.existsSync(path.join(pluginDir, entry))) {
    throw new Error(
      `The local plugin ${folder} is enabled but its build ${path.posix.join(resolve, entry)} is missing: run \`npm run build:plugins\``,
    );
  }
  return { enabled: true, resolve, ...(config !== undefined && { config }) };
}
