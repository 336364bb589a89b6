import type { Core } from '@strapi/strapi';
import { ACCOUNT_UID, ENTRY_UID, LINE_UID, PAYMENT_UID } from './ledger.uids';

/** Why each ledger type is read-only in the admin panel; shown under each locked field. */
const HINTS: Record<string, string> = {
  [ENTRY_UID]: 'Append-only: posted by the ledger; corrections are reversing entries',
  [LINE_UID]: 'Append-only: posted with its journal entry by the ledger',
  [PAYMENT_UID]: 'Recorded through the order payment and refund actions; never edited',
  [ACCOUNT_UID]: 'Fixed by the chart of accounts; only the name may change',
};

/** Fields that stay editable in the content manager. */
const EDITABLE: Record<string, readonly string[]> = { [ACCOUNT_UID]: ['name'] };

interface Configuration {
  metadatas: Record<string, { edit?: Record<string, unknown> }>;
}

interface ConfigurationService {
  findConfiguration(model: unknown): Promise<Configuration>;
  updateConfiguration(model: unknown, configuration: Configuration): Promise<unknown>;
}

/**
 * Shows the ledger's types read-only in the content manager. The ledger document middleware
 * refuses such writes anyway; this keeps the forms from offering them.
 */
export async function lockLedgerInAdmin(strapi: Core.Strapi): Promise<void> {
  const service = strapi
    .plugin('content-manager')
    .service('content-types') as unknown as ConfigurationService;
  for (const [uid, hint] of Object.entries(HINTS)) {
    const model = strapi.contentTypes[uid as never] as { attributes: Record<string, unknown> };
    const configuration = await service.findConfiguration(model);
    const editable = EDITABLE[uid] ?? [];
    let changed = false;
    for (const field of Object.keys(model.attributes)) {
      const edit = configuration.metadatas[field]?.edit;
      if (!edit || editable.includes(field)) {
        continue;
      }
      if (edit.editable !== false || edit.description !== hint) {
        edit.editable = false;
        edit.description = hint;
        changed = true;
      }
    }
    if (changed) {
      await service.updateConfiguration(model, configuration);
    }
  }
}
