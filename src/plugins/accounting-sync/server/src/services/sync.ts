import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { createZohoBooksProvider } from '../providers/zoho-books/zoho-books.provider';
import { findConnection } from '../sync/connection';
import { rows } from '../sync/db';
import type { OutboxKind, OutboxRow } from '../sync/outbox';
import { enqueueExisting } from '../sync/outbox-writer';
import { connectionHealth, listEntries, recordStatus } from '../sync/visibility';
import { activePause } from '../sync/pause';
import {
  saveSettings,
  settingsInputSchema,
  viewSettings,
  type SettingsView,
} from '../sync/settings';
import { runWorkerStep, type StepReport } from '../sync/worker';
import { OUTBOX_UID, PLUGIN_NAME } from '../uids';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface DrainReport {
  readonly steps: number;
  readonly synced: number;
  readonly dead: number;
  /** Rows still pending when it stopped. */
  readonly pending: number;
  readonly stoppedBecause?: string;
}

/**
 * The connector's service: settings, the worker's life cycle, and draining the outbox.
 * NOTE: state lives in this closure, not at module scope: two Strapi instances in one process
 * (the tests run two) load one copy of the plugin's module.
 */
export const syncService = ({ strapi }: { strapi: Core.Strapi }) => {
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const provider = createZohoBooksProvider({
    onCall: (call) =>
      strapi.log.debug(
        `[accounting-sync] ${call.operation} → ${call.httpStatus ?? 'no answer'} in ${call.durationMs} ms`,
      ),
  });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<StepReport> | undefined;

  /** One worker step, never two at once in this instance. */
  function step(): Promise<StepReport> {
    if (!running) {
      running = runWorkerStep({ strapi, provider, workerId }).finally(() => {
        running = undefined;
      });
    }
    return running;
  }

  const pendingCount = () =>
    rows<OutboxRow>(strapi, OUTBOX_UID).count({ where: { state: 'pending' } });

  return {
    workerId,

    startPolling(): void {
      const interval = strapi.plugin(PLUGIN_NAME).config<number>('pollIntervalMs');
      if (!interval || timer) {
        return;
      }
      timer = setInterval(() => {
        step().catch((error: unknown) => {
          // NOTE: the next tick tries again; a step failing as a whole is a database problem.
          strapi.log.error(`[accounting-sync] worker step failed: ${(error as Error).message}`);
        });
      }, interval);
      timer.unref();
    },

    async stopPolling(): Promise<void> {
      if (timer) {
        clearInterval(timer);
        timer = undefined;
      }
      await running?.catch(() => undefined);
    },

    step,

    /**
     * Runs steps until no row is pending, the connector stops (off, or paused for something an
     * administrator must fix), or `maxMs` passes; waits out throttling pauses and retry delays.
     */
    async drain(maxMs = 120_000): Promise<DrainReport> {
      const deadline = Date.now() + maxMs;
      let steps = 0;
      let synced = 0;
      let dead = 0;
      let stoppedBecause: string | undefined;
      while (Date.now() < deadline) {
        const report = await step();
        steps += 1;
        synced += report.synced;
        dead += report.dead;
        if ((await pendingCount()) === 0) {
          stoppedBecause = undefined;
          break;
        }
        const connection = await findConnection(strapi);
        if (!connection?.isEnabled) {
          stoppedBecause = 'the connector is off';
          break;
        }
        const pause = activePause(connection);
        if (pause && (pause.kind === 'credentials' || pause.kind === 'configuration')) {
          stoppedBecause = `paused: ${pause.reason}`;
          break;
        }
        if (report.claimed === 0 || pause) {
          const wakeAt = pause ? pause.untilMs : Date.now() + 100;
          await sleep(Math.max(10, Math.min(wakeAt - Date.now(), deadline - Date.now(), 5_000)));
        }
      }
      return { steps, synced, dead, pending: await pendingCount(), stoppedBecause };
    },

    /** Sends a dead-lettered (or waiting) row again at once. */
    async retry(rowId: number): Promise<boolean> {
      const { count } = await rows<OutboxRow>(strapi, OUTBOX_UID).updateMany({
        where: { id: rowId, state: { $in: ['dead', 'pending'] } },
        data: {
          state: 'pending',
          attempts: 0,
          nextAttemptAt: new Date(),
          claimedBy: null,
          claimedUntil: null,
        },
      });
      return count === 1;
    },

    status: () => connectionHealth(strapi),

    entries: (query: Parameters<typeof listEntries>[1]) => listEntries(strapi, query),

    recordStatus: (kind: OutboxKind, localKey: string) =>
      recordStatus(strapi, provider.name, kind, localKey),

    /** Queues the records that existed before the connector was enabled. */
    mirrorExisting: () => enqueueExisting(strapi),

    async settings(): Promise<SettingsView> {
      const connection = await findConnection(strapi);
      if (!connection) {
        throw new Error('The accounting sync connection row is missing');
      }
      return viewSettings(connection);
    },

    /** Validates and saves settings; secrets are sealed and never returned. */
    async saveSettings(input: unknown): Promise<SettingsView> {
      return saveSettings(strapi, settingsInputSchema.parse(input));
    },
  };
};

export type SyncService = ReturnType<typeof syncService>;
