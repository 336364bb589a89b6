import type { Core } from '@strapi/strapi';
import { loadConfig } from '../../platform/config';
import { formatPath } from '../../platform/errors';
import { runAsWriter } from '../../platform/write-context';
import { buildChart, findAccount, type AccountDefinition } from './domain/chart';
import { LedgerError } from './ledger.errors';
import { ACCOUNT_UID, LINE_UID } from './ledger.uids';

/** This installation's chart: the default one with the codes of LEDGER_ACCOUNT_CODES. */
export function ledgerChart(): AccountDefinition[] {
  return buildChart(loadConfig().LEDGER_ACCOUNT_CODES);
}

/** The code of an account named by role or code; a 400 naming `path` when there is none. */
export function resolveAccountCode(
  roleOrCode: string,
  path: readonly (string | number)[] = ['account'],
): string {
  const account = findAccount(ledgerChart(), roleOrCode);
  if (!account) {
    const field = formatPath(path);
    throw new LedgerError(
      'invalid',
      'unknown_account',
      `${field}: no account with role or code "${roleOrCode}"`,
      {
        errors: [{ path: path.map(String), message: 'is not an account', name: 'ValidationError' }],
      },
    );
  }
  return account.code;
}

/**
 * Creates the accounts that do not exist yet, by role, and keeps names an administrator changed.
 * A code changed through LEDGER_ACCOUNT_CODES is applied while no journal line uses the old
 * one; after that the boot stops, since lines refer to accounts by code.
 */
export async function seedChartOfAccounts(strapi: Core.Strapi): Promise<void> {
  const chart = ledgerChart();
  await strapi.db.transaction(() =>
    runAsWriter('ledger', async () => {
      for (const account of chart) {
        const stored = (await strapi.db
          .query(ACCOUNT_UID)
          .findOne({ where: { role: account.role }, select: ['documentId', 'code'] })) as {
          documentId: string;
          code: string;
        } | null;
        if (!stored) {
          await strapi.documents(ACCOUNT_UID).create({ data: account as never });
          continue;
        }
        if (stored.code === account.code) {
          continue;
        }
        const used = await strapi.db.query(LINE_UID).count({ where: { accountCode: stored.code } });
        if (used > 0) {
          throw new LedgerError(
            'invalid',
            'account_code_in_use',
            `LEDGER_ACCOUNT_CODES gives ${account.role} the code ${account.code}, but ${used} journal lines already use its code ${stored.code}; a used code cannot change`,
            { role: account.role, code: account.code, storedCode: stored.code },
          );
        }
        await strapi
          .documents(ACCOUNT_UID)
          .update({ documentId: stored.documentId, data: { code: account.code } as never });
        strapi.log.info(`[ledger] account ${account.role} now has code ${account.code}`);
      }
    }),
  );
}
