import type { Core } from '@strapi/strapi';
import { DomainError, invalidField } from '../../platform/errors';
import { toInteger } from '../../platform/documents';
import { applyBaseCurrency, useOnDelete, useOnWrite } from '../../platform/document-middleware';
import { emitDomainEvent } from '../../platform/domain-events';
import { lockDocumentRow } from '../../platform/locks';
import { isWriting } from '../../platform/write-context';
import { STOCK_FIELDS } from './asset.schemas';

const UID = 'api::asset.asset';

/**
 * Keeps the stock fields for the inventory service: a save from anywhere else (the admin panel
 * sends every field back) may repeat the stored values but not change them.
 */
export function registerAssetDocumentMiddleware(strapi: Core.Strapi): void {
  // An asset with stock history stays: its movements and the inventory account refer to it.
  useOnDelete(strapi, UID, async (documentId) => {
    const movements = await strapi.db
      .query('api::asset.stock-movement')
      .count({ where: { assetDocumentId: documentId } });
    if (movements > 0) {
      throw new DomainError(
        'conflict',
        'asset_has_movements',
        `Asset ${documentId} has stock movements and cannot be deleted; mark it discontinued instead`,
        { movements },
      );
    }
  });
  useOnWrite(strapi, UID, async (ctx) => {
    const data = ctx.params.data;
    applyBaseCurrency(data, ctx.action);
    if (isWriting('inventory')) {
      return;
    }
    if (ctx.action === 'update' && data.allowBackorders === false) {
      await assertNoBackorders(strapi, ctx.params.documentId as string);
    }
    const stored =
      ctx.action === 'update'
        ? await strapi.db.query(UID).findOne({
            where: { documentId: ctx.params.documentId },
            select: [...STOCK_FIELDS],
          })
        : null;
    for (const field of STOCK_FIELDS) {
      if (!(field in data) || data[field] === null || data[field] === undefined) {
        continue;
      }
      const current = stored ? toInteger(stored[field]) : 0;
      if (toInteger(data[field]) !== current) {
        throw invalidField([field], 'is kept by the inventory service and cannot be set directly');
      }
      // NOTE: an unchanged value is dropped so a stale form can never write it back.
      delete data[field];
    }
    return async (saved) => {
      const assetDocumentId = (saved as { documentId: string }).documentId;
      await emitDomainEvent(strapi, 'middlepath.asset.saved', { assetDocumentId });
      return saved;
    };
  });
}

/** Backorders can be switched off only when nothing is reserved beyond what is on hand. */
async function assertNoBackorders(strapi: Core.Strapi, documentId: string): Promise<void> {
  await lockDocumentRow(strapi, UID, documentId);
  const asset = await strapi.db
    .query(UID)
    .findOne({ where: { documentId }, select: ['sku', 'available', 'allowBackorders'] });
  if (asset?.allowBackorders && asset.available < 0) {
    throw new DomainError(
      'conflict',
      'backorders_outstanding',
      `${asset.sku} has ${-asset.available} units reserved beyond what is on hand; receive stock before switching backorders off`,
      { sku: asset.sku, available: asset.available },
    );
  }
}
