import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { findCustomerRowIds } from '../../customer/customer.queries';
import { loadConfig } from '../../../platform/config';
import { lockDocumentRow } from '../../../platform/locks';
import { DomainError, invalidField, refusingDuplicates } from '../../../platform/errors';
import { withAmounts, type Row } from '../../../platform/documents';
import {
  assertAssetsFound,
  createDraftOrders,
  findAssets,
  toLineData,
  type CreatedDraft,
} from '../create-draft-orders';
import {
  FIELDS_EDITABLE_AFTER_DRAFT,
  type OrderCreateInput,
  type OrderUpdateInput,
} from '../order.schemas';

const ORDER_UID = 'api::order.order';

export const ORDER_POPULATE = {
  customer: { fields: ['code', 'companyName'] },
  shipTo: true,
  lines: { populate: { asset: { fields: ['sku', 'name'] } } },
};

/** Output shape: every amount as a JSON integer, lines included. */
export function presentOrder(row: Row): Row {
  const order = withAmounts(row, ['freight', 'subtotal', 'taxTotal', 'total', 'costOfGoods']);
  if (Array.isArray(order.lines)) {
    order.lines = order.lines.map((line: Row) => withAmounts(line, ['unitPrice', 'net', 'tax']));
  }
  return order;
}

export default factories.createCoreService(ORDER_UID, ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Creates a draft order. Line numbers, line amounts, totals and the order number are set by
   * the order document middleware, so a save from the admin panel gets the same treatment.
   */
  async createDraftOrder(input: OrderCreateInput) {
    return refusingDuplicates(
      () => createDraft(strapi, input),
      () => duplicateExternalRef(input.externalRef ?? ''),
    );
  },

  /**
   * Creates many draft orders in one transaction and a few statements, for imports of order
   * history; see `createDraftOrders`.
   */
  async createDraftOrders(inputs: readonly OrderCreateInput[]): Promise<CreatedDraft[]> {
    return refusingDuplicates(
      () => createDraftOrders(strapi, inputs),
      () => invalidField(['data', 'externalRef'], 'an order with one of these externalRefs exists'),
    );
  },

  /** Updates an order; once it has left draft only notes, required date and ship-to may change. */
  async updateOrder(documentId: string, input: OrderUpdateInput) {
    return refusingDuplicates(
      () => updateInTransaction(strapi, documentId, input),
      () => duplicateExternalRef(input.externalRef ?? ''),
    );
  },
}));

/** The update's transaction; the order document middleware re-prices what changed. */
function updateInTransaction(strapi: Core.Strapi, documentId: string, input: OrderUpdateInput) {
  return strapi.db.transaction(async () => {
    // NOTE: locked first, so an edit racing a confirmation sees the confirmed status and stops.
    await lockDocumentRow(strapi, ORDER_UID, documentId);
    const existing = await strapi.db.query(ORDER_UID).findOne({
      where: { documentId },
      select: ['id', 'number', 'orderStatus', 'externalRef'],
      populate: { lines: { select: ['id', 'lineNo'] } },
    });
    if (!existing) {
      throw new DomainError('not_found', 'order_not_found', `No order ${documentId}`);
    }
    if (existing.orderStatus !== 'draft') {
      const locked = Object.keys(input).filter(
        (key) => !(FIELDS_EDITABLE_AFTER_DRAFT as readonly string[]).includes(key),
      );
      if (locked.length > 0) {
        throw new DomainError(
          'conflict',
          'order_not_draft',
          `Order ${existing.number} is ${existing.orderStatus}: ${locked.join(', ')} can only be changed on a draft`,
          { orderStatus: existing.orderStatus, fields: locked },
        );
      }
    }
    if (input.customer) {
      await assertCustomerExists(strapi, input.customer);
    }
    if (input.externalRef && input.externalRef !== existing.externalRef) {
      await assertExternalRefIsFree(strapi, input.externalRef);
    }
    const data: Row = { ...input };
    if (input.lines) {
      const assets = await findAssets(strapi, input.lines);
      assertAssetsFound(input.lines, assets);
      const idByLineNo = new Map<number, number>(
        (existing.lines as { id: number; lineNo: number }[]).map((line) => [line.lineNo, line.id]),
      );
      const seen = new Set<number>();
      data.lines = input.lines.map((line, index) => {
        const { lineNo, ...rest } = line;
        if (lineNo === undefined) {
          return toLineData(rest, assets);
        }
        if (seen.has(lineNo)) {
          throw invalidField(['data', 'lines', index, 'lineNo'], `line ${lineNo} is named twice`);
        }
        seen.add(lineNo);
        const id = idByLineNo.get(lineNo);
        if (id === undefined) {
          throw invalidField(['data', 'lines', index, 'lineNo'], `order has no line ${lineNo}`);
        }
        return { id, ...toLineData(rest, assets) };
      });
    }
    return strapi
      .documents(ORDER_UID)
      .update({ documentId, data: data as never, populate: ORDER_POPULATE });
  });
}

/** The draft's transaction; line numbers, amounts, totals and number come from the middleware. */
function createDraft(strapi: Core.Strapi, input: OrderCreateInput) {
  return strapi.db.transaction(async () => {
    await assertCustomerExists(strapi, input.customer);
    if (input.externalRef) {
      await assertExternalRefIsFree(strapi, input.externalRef);
    }
    const assets = await findAssets(strapi, input.lines);
    assertAssetsFound(input.lines, assets);
    const data = {
      ...input,
      currency: loadConfig().BASE_CURRENCY,
      orderStatus: 'draft' as const,
      lines: input.lines.map((line) => toLineData(line, assets)),
    };
    return strapi.documents(ORDER_UID).create({ data: data as never, populate: ORDER_POPULATE });
  });
}

async function assertCustomerExists(strapi: Core.Strapi, documentId: string): Promise<void> {
  if (!(await findCustomerRowIds(strapi, [documentId])).has(documentId)) {
    throw invalidField(['data', 'customer'], `no customer with documentId ${documentId}`);
  }
}

async function assertExternalRefIsFree(strapi: Core.Strapi, externalRef: string): Promise<void> {
  const clash = await strapi.db
    .query(ORDER_UID)
    .findOne({ where: { externalRef }, select: ['id'] });
  if (clash) {
    throw duplicateExternalRef(externalRef);
  }
}

function duplicateExternalRef(externalRef: string): DomainError {
  return invalidField(['data', 'externalRef'], `an order with externalRef ${externalRef} exists`);
}
