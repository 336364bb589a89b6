import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

/**
 * Runs a report in one read-only transaction, so that all its figures come from one moment even
 * while orders are fulfilled and paid beside it: reconciliation would otherwise compare account
 * 1200 read before a fulfilment with stock values read after it, and find a difference that is
 * not there. On PostgreSQL the transaction is a REPEATABLE READ snapshot; SQLite's transactions
 * read one snapshot anyway. The capabilities' report queries join it (see readerOf).
 */
export async function inReadSnapshot<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> {
  return (await strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres') {
      await trx.raw('set transaction isolation level repeatable read, read only');
    }
    return work();
  })) as T;
}

/**
 * What the plugin's own report queries run on: the surrounding snapshot's transaction, the pool
 * outside one. NOTE: the capabilities' report services do the same with their own helper; the
 * plugin is bundled apart and cannot import it.
 */
export async function readerOf(strapi: Core.Strapi): Promise<Knex> {
  if (!strapi.db.inTransaction()) {
    return strapi.db.connection;
  }
  return (await strapi.db.transaction()).get() as unknown as Knex;
}
