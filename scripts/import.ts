import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import {
  PRESETS,
  runImport,
  type EntityCounts,
  type ImportSummary,
} from '../src/import/run-import';
import { replayNorthwind } from '../src/import/replay';
import { destroyWhenIdle } from '../src/platform/shutdown';
import { bootStrapi } from './boot';

const USAGE = `Usage: npm run import -- <folder> --preset <${Object.keys(PRESETS).join('|')}> [--dry-run] [--replay [--unit-cost-ratio 0.60]]`;

/** `npm run import`: reads a folder of CSV files and writes them through the services. */
async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        preset: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        replay: { type: 'boolean', default: false },
        'unit-cost-ratio': { type: 'string' },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const folder = positionals[0];
  if (!folder || !values.preset) {
    console.error(USAGE);
    return 2;
  }
  if (!PRESETS[values.preset]) {
    console.error(
      `Unknown preset "${values.preset}"; known presets: ${Object.keys(PRESETS).join(', ')}`,
    );
    return 2;
  }
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    console.error(`No folder ${path.resolve(folder)}`);
    return 2;
  }
  const started = Date.now();
  const strapi = await bootStrapi();
  const bar = new cliProgress.MultiBar(
    { format: ' {phase} |{bar}| {value}/{total}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  try {
    const onProgress = (phase: string, done: number, total: number) => {
      let phaseBar = bars.get(phase);
      if (!phaseBar) {
        phaseBar = bar.create(total, 0);
        bars.set(phase, phaseBar);
      }
      phaseBar.setTotal(total);
      phaseBar.update(done, { phase: phase.padEnd(13) });
    };
    const summary = await runImport(strapi, {
      folder: path.resolve(folder),
      preset: values.preset,
      dryRun: values['dry-run'],
      onProgress,
    });
    const replay =
      values.replay && !values['dry-run'] && summary.problems.length === 0
        ? await replayNorthwind(strapi, {
            folder: path.resolve(folder),
            unitCostRatio: values['unit-cost-ratio'],
            onProgress,
          })
        : undefined;
    bar.stop();
    printSummary(summary, Date.now() - started);
    if (replay) {
      console.log(
        `Replay: opening stock for ${replay.openingStock} assets, ${replay.confirmed} orders confirmed, ${replay.fulfilled} fulfilled, ${replay.skipped} steps already done.`,
      );
    } else if (values.replay) {
      console.log(
        'Replay skipped: it runs only after an import with no problems and not as a dry run.',
      );
    }
    return summary.problems.length > 0 ? 1 : 0;
  } finally {
    bar.stop();
    await destroyWhenIdle(strapi);
  }
}

function printSummary(summary: ImportSummary, elapsedMs: number): void {
  const row = (name: string, c: EntityCounts) =>
    `${name.padEnd(10)} ${[c.read, c.created, c.updated, c.skipped, c.failed].map((n) => String(n).padStart(8)).join('')}`;
  console.log(`\n${summary.dryRun ? 'Dry run: nothing was written.\n' : ''}`);
  console.log(
    `${''.padEnd(10)} ${['read', 'created', 'updated', 'skipped', 'failed'].map((h) => h.padStart(8)).join('')}`,
  );
  console.log(row('customers', summary.customers));
  console.log(row('assets', summary.assets));
  console.log(row('orders', summary.orders));
  for (const problem of summary.problems) {
    console.log(`  ${problem.file}:${problem.line} ${problem.field}: ${problem.reason}`);
  }
  console.log(`Done in ${(elapsedMs / 1000).toFixed(1)} s.`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
