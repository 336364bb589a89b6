import type { Core } from '@strapi/strapi';
import { invalidField } from '../../platform/errors';
import { toInteger } from '../../platform/documents';
import { applyBaseCurrency, useOnWrite } from '../../platform/document-middleware';
import { isWriting } from '../../platform/write-context';
import { STOCK_FIELDS } from './asset.schemas';

const UID = 'api::asset.asset';

/**
 * Keeps the stock fields for the inventory service: a save from anywhere else (the admin panel
 * sends every field back) may repeat the stored values but not change them.
 */
export function registerAssetDocumentMiddleware(strapi: Core.Strapi): void {
  useOnWrite(strapi, UID, async (ctx) => {
    const data = ctx.params.data;
    applyBaseCurrency(data, ctx.action);
    if (isWriting('inventory')) {
      return;
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
  });
}
