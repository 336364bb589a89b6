import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { DomainError, invalidField, refusingDuplicates } from '../../../platform/errors';
import { withAmounts, type Row } from '../../../platform/documents';
import type { AssetCreateInput, AssetUpdateInput } from '../asset.schemas';

const UID = 'api::asset.asset';

/** Output shape: list price and stock value as JSON integers. */
export function presentAsset(row: Row): Row {
  return withAmounts(row, ['listPrice', 'stockValue']);
}

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Creates a stock item with no stock; stock arrives through the inventory service. */
  async createAsset(input: AssetCreateInput) {
    return refusingDuplicates(
      () =>
        strapi.db.transaction(async () => {
          await assertSkuIsFree(strapi, input.sku);
          return strapi.documents(UID).create({ data: input as never });
        }),
      () => duplicateSku(input.sku),
    );
  },

  /** Updates a stock item's descriptive fields; 404 when there is none. */
  async updateAsset(documentId: string, input: AssetUpdateInput) {
    return refusingDuplicates(
      () =>
        strapi.db.transaction(async () => {
          const existing = await strapi.documents(UID).findOne({ documentId, fields: ['sku'] });
          if (!existing) {
            throw new DomainError('not_found', 'asset_not_found', `No asset ${documentId}`);
          }
          if (input.sku !== undefined && input.sku !== existing.sku) {
            await assertSkuIsFree(strapi, input.sku);
          }
          return strapi.documents(UID).update({ documentId, data: input as never });
        }),
      () => duplicateSku(input.sku ?? ''),
    );
  },
}));

async function assertSkuIsFree(strapi: Core.Strapi, sku: string): Promise<void> {
  const clash = await strapi.db.query(UID).findOne({ where: { sku }, select: ['id'] });
  if (clash) {
    throw duplicateSku(sku);
  }
}

function duplicateSku(sku: string): DomainError {
  return invalidField(['data', 'sku'], `an asset with SKU ${sku} already exists`);
}
