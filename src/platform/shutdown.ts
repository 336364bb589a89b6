import type { Core } from '@strapi/strapi';

/**
 * Stops Strapi once its database pool is idle. After a commit Strapi re-reads the written entry
 * for its `entry.*` event without the caller waiting for it; destroying Strapi while such reads
 * run fails with "aborted" on PostgreSQL. So wait until the pool has been idle on two checks in a
 * row (at most about five seconds), then destroy.
 */
export async function destroyWhenIdle(strapi: Core.Strapi): Promise<void> {
  const { pool } = strapi.db.connection.client as unknown as {
    pool?: { numUsed(): number; numPendingAcquires(): number };
  };
  const isIdle = () => !pool || pool.numUsed() + pool.numPendingAcquires() === 0;
  for (let idleChecks = 0, tries = 0; idleChecks < 2 && tries < 250; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    idleChecks = isIdle() ? idleChecks + 1 : 0;
  }
  await strapi.destroy();
}
