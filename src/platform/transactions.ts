import type { Core } from '@strapi/strapi';

/**
 * Runs work in one transaction, joining the caller's when there is one.
 * NOTE: Strapi 5.54 types `transaction()` as returning the callback's Promise wrapped once more;
 * at run time it resolves to the callback's value, which is what this declares.
 */
export async function inTransaction<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> {
  return (await strapi.db.transaction(work)) as T;
}
