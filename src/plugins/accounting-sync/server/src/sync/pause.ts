import type { Core } from '@strapi/strapi';
import { connectionRows, findConnection, type PauseKind } from './connection';

/** Far enough ahead to mean "until an administrator acts". */
const UNTIL_FIXED = new Date('9999-12-31T00:00:00.000Z');

/** Pauses the whole connection; every instance's worker sees it on its next step. */
export async function pauseConnection(
  strapi: Core.Strapi,
  kind: PauseKind,
  reason: string,
  untilMs?: number,
): Promise<void> {
  const connection = await findConnection(strapi);
  if (!connection) {
    return;
  }
  const pausedUntil = untilMs === undefined ? UNTIL_FIXED : new Date(untilMs);
  await connectionRows(strapi).update({
    where: { id: connection.id },
    data: {
      pausedUntil,
      pauseKind: kind,
      pauseReason: reason,
      lastFailureAt: new Date(),
      lastError: reason,
    },
  });
}

/** Whether the connection is paused now, and why. */
export function activePause(connection: {
  pausedUntil: string | null;
  pauseKind: PauseKind | null;
  pauseReason: string | null;
}): { kind: PauseKind | null; reason: string; untilMs: number } | undefined {
  if (!connection.pausedUntil) {
    return undefined;
  }
  const untilMs = new Date(connection.pausedUntil).getTime();
  if (untilMs <= Date.now()) {
    return undefined;
  }
  return { kind: connection.pauseKind, reason: connection.pauseReason ?? '', untilMs };
}
