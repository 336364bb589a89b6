import type { Core } from '@strapi/strapi';

/**
 * Helpers for tests that race use-cases against each other on PostgreSQL: outcomes compared
 * rather than thrown, sessions waiting for a lock, and a confirmation held open mid-flight.
 */

export type Outcome = { ok: true } | { ok: false; kind?: string; code?: string; message: string };

/** What a call came to, without throwing: refusals are compared, not raised. */
export async function outcomeOf(work: Promise<unknown>): Promise<Outcome> {
  try {
    await work;
    return { ok: true };
  } catch (error) {
    const { kind, code, message } = error as { kind?: string; code?: string; message: string };
    return { ok: false, kind, code, message };
  }
}

/** Sessions of the test's database that wait for a lock right now (PostgreSQL only). */
export async function lockWaiters(strapi: Core.Strapi): Promise<number> {
  const result = (await strapi.db.connection.raw(
    "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
  )) as { rows: { n: number }[] };
  return result.rows[0].n;
}

export async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Runs `hold` (a confirmation, say) in a transaction that stays open, so its locks are held as
 * one in flight holds them; starts `first`, which must wait for them, then `second`; once
 * `second` waits too (or is done), lets the holder commit, and returns what the two came to.
 * PostgreSQL hands a row to its waiters in the order they came, so `first` gets it before
 * `second`.
 */
export async function raceBehind(
  strapi: Core.Strapi,
  hold: () => Promise<unknown>,
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
): Promise<Outcome[]> {
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let entered = () => undefined as void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const holder = strapi.db.transaction(async () => {
    await hold();
    entered();
    await gate;
  });
  await inside;
  try {
    const base = await lockWaiters(strapi);
    const one = outcomeOf(first());
    await waitFor(async () => (await lockWaiters(strapi)) > base);
    let isSettled = false;
    const two = outcomeOf(second()).finally(() => (isSettled = true));
    await waitFor(async () => isSettled || (await lockWaiters(strapi)) > base + 1);
    release();
    await holder;
    return await Promise.all([one, two]);
  } finally {
    release();
  }
}

export interface DraftInput {
  customer: string;
  orderDate: string;
  notes?: string;
  shipTo?: Record<string, string>;
  lines: { asset: string; quantity: number }[];
}

/** The order service's bulk create, typed for tests. */
export function createDraftOrders(strapi: Core.Strapi, inputs: DraftInput[]) {
  return (
    strapi.service('api::order.order') as unknown as {
      createDraftOrders(inputs: DraftInput[]): Promise<{ documentId: string; number: string }[]>;
    }
  ).createDraftOrders(inputs);
}

/** A draft of one unit of each asset, for the customer. */
export const draftFor = (customer: string, assets: { documentId: string }[]): DraftInput => ({
  customer,
  orderDate: '2026-12-01',
  lines: assets.map((asset) => ({ asset: asset.documentId, quantity: 1 })),
});
