import type { Core } from '@strapi/strapi';
import { isUniqueViolation } from '../../platform/errors';
import { runAsWriter } from '../../platform/write-context';
import { LedgerError } from './ledger.errors';

/**
 * Runs one of the ledger's keyed writes as the ledger, in the caller's transaction or a new one.
 * `work` looks the key up first and returns what is stored; only two writers racing on the same
 * new key reach the unique index. When this call owns the transaction the loser runs `work` again
 * after its rollback and finds the winner's row; inside a caller's transaction it cannot (on
 * PostgreSQL the failed insert aborts that transaction), so it answers 409 and the caller retries.
 * NOTE: the keys have a unique index but no `unique: true` in their schemas: the Document
 * Service's own look-up would turn a race lost after our look-up into a 400 instead.
 */
export async function writeAsLedger<T>(
  strapi: Core.Strapi,
  key: string,
  work: () => Promise<T>,
): Promise<T> {
  const ownsTransaction = !strapi.db.inTransaction();
  const attempt = () => strapi.db.transaction(() => runAsWriter('ledger', work));
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) {
      throw error;
    }
    if (ownsTransaction) {
      strapi.log.info(`[ledger] ${key} was written concurrently; reading the stored one`);
      return attempt();
    }
    throw new LedgerError(
      'conflict',
      'concurrent_posting',
      `${key} was written by a concurrent transaction; retry the request`,
      { key },
    );
  }
}

export type QueryBuilder = ReturnType<Core.Strapi['db']['getConnection']>;

/**
 * Runs raw SQL reads in the caller's transaction, or in one of their own: every query made with
 * `from(table)` is `.transacting(trx)`. A raw connection outside it would, on PostgreSQL, not
 * see the caller's uncommitted rows and, on SQLite, wait for the only connection and time out.
 */
export async function readWithSql<T>(
  strapi: Core.Strapi,
  read: (from: (table: string) => QueryBuilder) => Promise<T>,
): Promise<T> {
  return await strapi.db.transaction(
    ({ trx }: { trx: Parameters<QueryBuilder['transacting']>[0] }) =>
      read((table) => strapi.db.getConnection(table).transacting(trx)),
  );
}

/** The table behind a content type. */
export function tableOf(strapi: Core.Strapi, uid: string): string {
  return strapi.db.metadata.get(uid as never).tableName;
}
