import type { Context } from 'koa';
import { z } from 'zod';
import type { Core } from '@strapi/strapi';
import { readBodyData, readDocumentId } from '../../../platform/controllers';
import { DomainError } from '../../../platform/errors';
import { runIdempotent } from '../../../platform/idempotency';
import { parseInput } from '../../../platform/validation';
import { adjustStock, paySupplier, receiveStock } from '../inventory/stock-documents';
import { presentMovement } from '../inventory/present-movement';
import { adjustmentSchema, receiptSchema, supplierPaymentSchema } from '../stock.schemas';

const MOVEMENT_UID = 'api::asset.stock-movement';
const receiptNumberSchema = z
  .string()
  .regex(/^RC-\d{6,}$/, 'must be a receipt number such as RC-000001');

/** Receipts, adjustments and the movement history of one asset. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async receive(ctx: Context) {
    const assetId = readDocumentId(ctx);
    const input = parseInput(receiptSchema, readBodyData(ctx));
    await runIdempotent(strapi, ctx, async () => ({
      status: 201,
      body: { data: await receiveStock(strapi, assetId, input) },
    }));
  },

  async adjust(ctx: Context) {
    const assetId = readDocumentId(ctx);
    const input = parseInput(adjustmentSchema, readBodyData(ctx));
    await runIdempotent(strapi, ctx, async () => ({
      status: 201,
      body: { data: await adjustStock(strapi, assetId, input) },
    }));
  },

  async paySupplier(ctx: Context) {
    const receiptNumber = parseInput(receiptNumberSchema, ctx.params.number, ['number']);
    const input = parseInput(supplierPaymentSchema, readBodyData(ctx));
    await runIdempotent(strapi, ctx, async () => ({
      status: 201,
      body: { data: await paySupplier(strapi, receiptNumber, input) },
    }));
  },

  async movements(ctx: Context) {
    const assetId = readDocumentId(ctx);
    const asset = await strapi.db
      .query('api::asset.asset')
      .findOne({ where: { documentId: assetId }, select: ['id'] });
    if (!asset) {
      throw new DomainError('not_found', 'asset_not_found', `No asset ${assetId}`);
    }
    const movements = await strapi.documents(MOVEMENT_UID).findMany({
      filters: { assetDocumentId: assetId },
      sort: 'id:asc',
      limit: 10000,
    });
    ctx.body = {
      data: movements.map((row) => presentMovement(row)),
      meta: { count: movements.length },
    };
  },
});
