import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  findJournalEntries,
  postJournalEntry,
  recordPayment,
  resolveAccountCode,
  sumPaymentsByReference,
} from '../../ledger';
import { DomainError } from '../../../platform/errors';
import { lockDocumentRow } from '../../../platform/locks';
import { takeNextValue } from '../../../platform/sequences';
import { inTransaction } from '../../../platform/transactions';
import type { AdjustmentInput, ReceiptInput, SupplierPaymentInput } from '../stock.schemas';
import { getInventory } from '.';

const ASSET_UID = 'api::asset.asset';

export interface StockDocumentResult {
  number: string;
  assetId: string;
  quantity: number;
  value: number;
}

/**
 * Receives stock on an asset, in one transaction: the receipt's number, its movement and its
 * journal entry (inventory debited; accounts payable, or cash when paid at once, credited).
 */
export async function receiveStock(
  strapi: Core.Strapi,
  assetId: string,
  input: ReceiptInput,
): Promise<StockDocumentResult> {
  return inTransaction(strapi, async () => {
    await assertAssetExists(strapi, assetId);
    const number = `RC-${String(await takeNextValue(strapi, 'receipt')).padStart(6, '0')}`;
    const { value } = await getInventory(strapi).receive({
      key: `receipt:${number}`,
      date: input.date,
      source: { type: 'receipt', id: number },
      assetId,
      quantity: input.quantity,
      unitCost: input.unitCost,
    });
    if (value > 0) {
      await postJournalEntry(strapi, {
        key: `receipt:${number}`,
        date: input.date,
        memo: `Receipt ${number}${input.reference ? ` (${input.reference})` : ''}`,
        sourceType: 'receipt',
        sourceId: number,
        lines: [
          { account: 'inventory', debit: value, credit: 0 },
          { account: input.paid ? 'cash' : 'payable', debit: 0, credit: value },
        ],
      });
    }
    return { number, assetId, quantity: input.quantity, value };
  });
}

/**
 * Counts or adjusts an asset's stock, in one transaction: a gain debits inventory and credits
 * inventory adjustments; a loss the other way round.
 */
export async function adjustStock(
  strapi: Core.Strapi,
  assetId: string,
  input: AdjustmentInput,
): Promise<StockDocumentResult> {
  return inTransaction(strapi, async () => {
    await assertAssetExists(strapi, assetId);
    const number = `ADJ-${String(await takeNextValue(strapi, 'adjustment')).padStart(6, '0')}`;
    const { change, value } = await getInventory(strapi).adjust({
      key: `adjustment:${number}`,
      date: input.date,
      source: { type: 'adjustment', id: number },
      assetId,
      change: input.change,
      countedQuantity: input.countedQuantity,
      unitCost: input.unitCost,
      note: input.reason,
    });
    if (value !== 0) {
      const amount = Math.abs(value);
      const [debit, credit] =
        value > 0 ? ['inventory', 'inventoryAdjustments'] : ['inventoryAdjustments', 'inventory'];
      await postJournalEntry(strapi, {
        key: `adjustment:${number}`,
        date: input.date,
        memo: `Adjustment ${number}: ${input.reason}`,
        sourceType: 'adjustment',
        sourceId: number,
        lines: [
          { account: debit, debit: amount, credit: 0 },
          { account: credit, debit: 0, credit: amount },
        ],
      });
    }
    return { number, assetId, quantity: change, value };
  });
}

async function assertAssetExists(strapi: Core.Strapi, assetId: string): Promise<void> {
  const asset = await strapi.db
    .query(ASSET_UID)
    .findOne({ where: { documentId: assetId }, select: ['id'] });
  if (!asset) {
    throw new DomainError('not_found', 'asset_not_found', `No asset ${assetId}`);
  }
}

/**
 * Pays a supplier for a receipt taken on account, up to what is still owed on it. The receipt's
 * asset row is locked first, so two payments of one receipt cannot both pass the check.
 */
export async function paySupplier(
  strapi: Core.Strapi,
  receiptNumber: string,
  input: SupplierPaymentInput,
) {
  return inTransaction(strapi, async () => {
    const movement = await strapi.db
      .query('api::asset.stock-movement')
      .findOne({ where: { movementKey: `receipt:${receiptNumber}` }, select: ['assetDocumentId'] });
    if (!movement) {
      throw new DomainError('not_found', 'receipt_not_found', `No receipt ${receiptNumber}`);
    }
    await lockDocumentRow(strapi, ASSET_UID, movement.assetDocumentId);
    const [entry] = (
      await findJournalEntries(strapi, { sourceType: 'receipt', sourceId: receiptNumber })
    ).data;
    const payable = resolveAccountCode('payable');
    const owedOnReceipt = entry?.lines.find((line) => line.accountCode === payable)?.credit ?? 0;
    if (owedOnReceipt === 0) {
      throw new DomainError(
        'conflict',
        'receipt_not_on_account',
        `Receipt ${receiptNumber} was not taken on account: nothing is owed to the supplier`,
      );
    }
    const paid = await sumPaymentsByReference(strapi, 'supplier-payment', receiptNumber);
    const due = owedOnReceipt - paid;
    if (input.amount > due) {
      throw new DomainError(
        'conflict',
        'overpayment',
        `Payment of ${input.amount} for receipt ${receiptNumber} exceeds the ${due} still owed`,
        { amount: input.amount, due },
      );
    }
    return recordPayment(strapi, {
      key: `supplier:${receiptNumber}:${crypto.randomUUID()}`,
      kind: 'supplier-payment',
      amount: input.amount,
      date: input.date,
      method: input.method,
      reference: receiptNumber,
    });
  });
}

/**
 * Opening stock of an asset: its movement and a journal entry of inventory against opening
 * balance equity, under a key of the caller's, so loading it twice has its effect once.
 */
export async function receiveOpeningStock(
  strapi: Core.Strapi,
  assetId: string,
  stock: { key: string; quantity: number; unitCost: number; date: string },
): Promise<{ value: number }> {
  return inTransaction(strapi, async () => {
    const { value } = await getInventory(strapi).receive({
      key: stock.key,
      date: stock.date,
      source: { type: 'opening-stock', id: stock.key },
      assetId,
      quantity: stock.quantity,
      unitCost: stock.unitCost,
    });
    if (value > 0) {
      await postJournalEntry(strapi, {
        key: stock.key,
        date: stock.date,
        memo: `Opening stock ${stock.key}`,
        sourceType: 'opening-stock',
        sourceId: stock.key,
        lines: [
          { account: 'inventory', debit: value, credit: 0 },
          { account: 'openingEquity', debit: 0, credit: value },
        ],
      });
    }
    return { value };
  });
}
