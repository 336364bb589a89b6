import type { Core } from '@strapi/strapi';

/**
 * The customer capability's read-only report query, for the reports plugin (through the
 * `api::customer.customer-reports` service): who each customer is, by id and documentId.
 */

const CUSTOMER_UID = 'api::customer.customer';

export interface CustomerDirectoryRow {
  id: number;
  documentId: string;
  code: string;
  companyName: string;
  country: string | null;
}

/** Every customer with the country of its billing address, by code. */
export async function customerDirectory(strapi: Core.Strapi): Promise<CustomerDirectoryRow[]> {
  const rows = (await strapi.db.query(CUSTOMER_UID).findMany({
    select: ['id', 'documentId', 'code', 'companyName'],
    populate: { billingAddress: { select: ['country'] } },
    orderBy: { code: 'asc' },
  })) as {
    id: number;
    documentId: string;
    code: string;
    companyName: string;
    billingAddress?: { country?: string | null } | null;
  }[];
  return rows.map((row) => ({
    id: row.id,
    documentId: row.documentId,
    code: row.code,
    companyName: row.companyName,
    country: row.billingAddress?.country ?? null,
  }));
}
