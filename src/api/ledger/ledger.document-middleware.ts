import type { Core } from '@strapi/strapi';
import type { DocumentContext, DocumentMiddleware } from '../../platform/document-middleware';
import { isWriting } from '../../platform/write-context';
import { LedgerError } from './ledger.errors';
import { ACCOUNT_UID, ENTRY_UID, LEDGER_UIDS, LINE_UID, PAYMENT_UID } from './ledger.uids';

/** Document Service actions that only read. */
const READ_ACTIONS: ReadonlySet<string> = new Set(['findOne', 'findFirst', 'findMany', 'count']);

/** Account fields that journal lines and the services rely on; only `name` may change. */
const FIXED_ACCOUNT_FIELDS = ['code', 'role', 'accountType'] as const;

const APPEND_ONLY_MESSAGES: Record<string, string> = {
  [ENTRY_UID]:
    'Journal entries are append-only: they are posted by the ledger service and never created, changed or deleted directly; a correction is a new, reversing entry',
  [LINE_UID]:
    'Journal lines are append-only: they are posted with their entry by the ledger service and never created, changed or deleted directly; a correction is a new, reversing entry',
  [PAYMENT_UID]:
    'Payments and refunds are append-only: they are recorded through the ledger service (the order payment and refund actions) and never created, changed or deleted directly; a correction is a refund or a reversing entry',
  [ACCOUNT_UID]:
    'Accounts are the chart of accounts seeded at start-up: they cannot be created or deleted here, and only their name may change',
};

/**
 * Keeps the ledger append-only whatever the entry point: a create, update or delete of an entry,
 * line or payment that does not run inside the ledger service (`runAsWriter('ledger', …)`) is
 * refused before it reaches the database, a Super Admin's save in the content manager included.
 * Accounts may only be renamed. NOTE: `strapi.db.query()` bypasses Document Service middlewares;
 * no code outside the ledger writes these tables that way.
 */
export function registerLedgerDocumentMiddleware(strapi: Core.Strapi): void {
  const middleware: DocumentMiddleware = async (ctx, next) => {
    if (!LEDGER_UIDS.includes(ctx.uid) || READ_ACTIONS.has(ctx.action) || isWriting('ledger')) {
      return next();
    }
    if (ctx.uid === ACCOUNT_UID && ctx.action === 'update') {
      await keepAccountFieldsFixed(strapi, ctx);
      return next();
    }
    throw new LedgerError('forbidden', 'ledger_append_only', APPEND_ONLY_MESSAGES[ctx.uid], {
      uid: ctx.uid,
      action: ctx.action,
    });
  };
  strapi.documents.use(middleware as Parameters<Core.Strapi['documents']['use']>[0]);
}

/** A save may repeat an account's code, role and type (the admin form sends them) but not change them. */
async function keepAccountFieldsFixed(strapi: Core.Strapi, ctx: DocumentContext): Promise<void> {
  const data = ctx.params.data ?? {};
  const stored = (await strapi.db.query(ACCOUNT_UID).findOne({
    where: { documentId: ctx.params.documentId },
    select: [...FIXED_ACCOUNT_FIELDS],
  })) as Record<string, unknown> | null;
  if (!stored) {
    return; // Strapi answers an update of a missing document itself.
  }
  for (const field of FIXED_ACCOUNT_FIELDS) {
    if (!(field in data) || data[field] === undefined) {
      continue;
    }
    if (data[field] !== stored[field]) {
      throw new LedgerError(
        'invalid',
        'account_field_fixed',
        `${field}: is fixed for account ${String(stored.code)} (journal lines and the ledger service refer to it); only the name may change`,
        {
          errors: [{ path: [field], message: 'only the name may change', name: 'ValidationError' }],
        },
      );
    }
    // NOTE: an unchanged value is dropped so that the update writes only the name.
    delete data[field];
  }
}
