#!/usr/bin/env node
/**
 * Builds every local Strapi plugin under src/plugins with @strapi/sdk-plugin, skipping a plugin
 * whose build is newer than all of its sources. Run by postinstall, by the run scripts (develop,
 * start, build, demo, import) and by the tests' global setup, so that no command starts Strapi on
 * a missing or stale plugin build.
 *
 *   node scripts/build-plugins.js             build what is missing or stale
 *   node scripts/build-plugins.js --force     build everything
 *   node scripts/build-plugins.js --typecheck type-check each plugin (tsc on its tsconfigs)
 *
 * NOTE: plain CommonJS on purpose: it runs before the app is compiled (postinstall, tests).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PLUGINS_DIR = path.join(ROOT, 'src', 'plugins');
const SKIPPED_DIRS = new Set(['dist', 'node_modules', '.turbo', '.cache']);

/** The local plugins: folders of src/plugins holding a package.json with a `strapi` section. */
function listLocalPlugins() {
  if (!fs.existsSync(PLUGINS_DIR)) {
    return [];
  }
  return fs
    .readdirSync(PLUGINS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(PLUGINS_DIR, entry.name))
    .filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
    .map((dir) => ({
      dir,
      pkg: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')),
    }))
    .filter(({ pkg }) => pkg.strapi && pkg.strapi.kind === 'plugin');
}

/** The files a build writes: each export's `require` and `import` paths. */
function buildOutputs(plugin) {
  const outputs = [];
  for (const value of Object.values(plugin.pkg.exports || {})) {
    if (value && typeof value === 'object') {
      for (const key of ['require', 'import']) {
        if (typeof value[key] === 'string') {
          outputs.push(path.join(plugin.dir, value[key]));
        }
      }
    }
  }
  return outputs;
}

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name)) {
      continue;
    }
    const full = path.join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs,
    );
  }
  return newest;
}

/** Why a plugin needs building, or null when its build is complete and newer than its sources. */
function staleReason(plugin) {
  const outputs = buildOutputs(plugin);
  if (outputs.length === 0) {
    return null;
  }
  const missing = outputs.find((file) => !fs.existsSync(file));
  if (missing) {
    return `${path.relative(ROOT, missing)} is missing`;
  }
  const oldestOutput = Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs));
  return newestSourceTime(plugin.dir) > oldestOutput ? 'its sources changed' : null;
}

function sdkPluginBin() {
  try {
    const pkgJson = require.resolve('@strapi/sdk-plugin/package.json', { paths: [ROOT] });
    return path.join(path.dirname(pkgJson), 'bin', 'strapi-plugin.js');
  } catch {
    return null;
  }
}

function run(args, cwd, label) {
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${label} failed (exit code ${result.status ?? result.signal})`);
  }
}

/** Builds the local plugins that need it; throws when a build fails or cannot run. */
function buildPlugins({ force = false, log = console.log } = {}) {
  for (const plugin of listLocalPlugins()) {
    const name = plugin.pkg.strapi.name;
    const reason = force ? 'forced' : staleReason(plugin);
    if (!reason) {
      continue;
    }
    const bin = sdkPluginBin();
    if (!bin) {
      throw new Error(
        `The ${name} plugin needs building (${reason}) but @strapi/sdk-plugin is not installed; run npm install`,
      );
    }
    const started = Date.now();
    log(`[plugins] building ${name} (${reason})…`);
    run([bin, 'build'], plugin.dir, `Building the ${name} plugin`);
    log(`[plugins] built ${name} in ${Date.now() - started} ms`);
  }
}

/** Type-checks each plugin's server and admin code with its own tsconfig. */
function typecheckPlugins() {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  for (const plugin of listLocalPlugins()) {
    for (const part of ['server', 'admin']) {
      const tsconfig = path.join(plugin.dir, part, 'tsconfig.json');
      if (fs.existsSync(tsconfig)) {
        run(
          [tsc, '-p', tsconfig, '--noEmit'],
          ROOT,
          `Type-checking ${path.relative(ROOT, tsconfig)}`,
        );
      }
    }
  }
}

module.exports = { buildPlugins, listLocalPlugins, staleReason, typecheckPlugins };

if (require.main === module) {
  try {
    if (process.argv.includes('--typecheck')) {
      typecheckPlugins();
    } else {
      buildPlugins({ force: process.argv.includes('--force') });
    }
  } catch (error) {
    console.error(`[plugins] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
