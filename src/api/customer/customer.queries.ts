import type { Core } from '@strapi/strapi';
import { distinct, readInChunks } from '../../platform/batches';
import { lockDocumentRows } from '../../platform/locks';
import { fromDatabase } from '../../platform/money';

/**
 * The customer capability's read-only queries for the other capabilities: orders find their
 * customers and check credit through these, never through the customers table.
 */

const CUSTOMER_UID = 'api::customer.customer';

/** The row id of each customer named that exists, by documentId (for relation links). */
export async function findCustomerRowIds(
  strapi: Core.Strapi,
  documentIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await readInChunks(
    distinct(documentIds),
    (chunk) =>
      strapi.db.query(CUSTOMER_UID).findMany({
        where: { documentId: { $in: chunk } },
        select: ['id', 'documentId'],
      }) as Promise<{ id: number; documentId: string }[]>,
  );
  return new Map(rows.map((row) => [row.documentId, row.id]));
}

export interface CreditTerms {
  documentId: string;
  code: string;
  /** Minor units; null when the customer has no limit. */
  creditLimit: number | null;
}

/**
 * Locks the customers' rows for the rest of the transaction (in id order) and reads their
 * credit terms, so that confirmations for one customer are checked one after the other.
 */
export async function lockCreditTerms(
  strapi: Core.Strapi,
  documentIds: readonly string[],
): Promise<Map<string, CreditTerms>> {
  const rows = await lockDocumentRows<{
    id: number;
    documentId: string;
    code: string;
    creditLimit: unknown;
  }>(strapi, CUSTOMER_UID, documentIds, ['code', 'creditLimit']);
  return new Map(
    rows.map((row) => [
      row.documentId,
      {
        documentId: row.documentId,
        code: row.code,
        creditLimit:
          row.creditLimit === null || row.creditLimit === undefined
            ? null
            : fromDatabase(row.creditLimit, `credit limit of ${row.code}`),
      },
    ]),
  );
}
