import type { Core } from '@strapi/strapi';
import { findAssetRefs, type AssetRef } from '../asset/asset.queries';
import { findCustomerRowIds } from '../customer/customer.queries';
import { readInChunks } from '../../platform/batches';
import { loadConfig } from '../../platform/config';
import { invalidField } from '../../platform/errors';
import { MoneyError, parseRate } from '../../platform/money';
import { insertRows, linkComponents } from '../../platform/row-writes';
import { takeNextValues } from '../../platform/sequences';
import { inTransaction } from '../../platform/transactions';
import { parseInput } from '../../platform/validation';
import { formatOrderNumber, priceLines, totalOrder } from './domain/order-pricing';
import { orderCreateSchema, type OrderCreateInput, type OrderLineInput } from './order.schemas';

const ORDER_UID = 'api::order.order';
const LINE_UID = 'order.line';
const ADDRESS_UID = 'shared.address';

export interface CreatedDraft {
  documentId: string;
  number: string;
  total: number;
}

/**
 * Creates many draft orders in one transaction, for imports of order history: each input is
 * checked as the REST create checks it, numbered in the order given, and priced by the same
 * pure functions as the order document middleware, and all of them are written in a few
 * multi-row inserts. One refusal refuses them all.
 * NOTE: rows go in through the query engine, not the Document Service, which costs some twenty
 * statements an order; so no `entry.create` webhook fires for these orders.
 */
export function createDraftOrders(
  strapi: Core.Strapi,
  inputs: readonly OrderCreateInput[],
): Promise<CreatedDraft[]> {
  const schema = orderCreateSchema(loadConfig().BASE_CURRENCY);
  const root = (index: number) => (inputs.length > 1 ? ['data', index] : ['data']);
  const orders = inputs.map((input, index) => parseInput(schema, input, root(index)));
  return inTransaction(strapi, async () => {
    if (orders.length === 0) {
      return [];
    }
    const customers = await findCustomerRowIds(
      strapi,
      orders.map((order) => order.customer),
    );
    orders.forEach((order, index) => {
      if (!customers.has(order.customer)) {
        throw invalidField(
          [...root(index), 'customer'],
          `no customer with documentId ${order.customer}`,
        );
      }
    });
    await assertExternalRefsFree(strapi, orders, root);
    const assets = await findAssets(
      strapi,
      orders.flatMap((order) => order.lines),
    );
    orders.forEach((order, index) => assertAssetsFound(order.lines, assets, root(index)));
    const numbers = await takeNextValues(strapi, 'order', orders.length);
    const currency = loadConfig().BASE_CURRENCY;
    const drafts = orders.map((order, index) => {
      const data = order.lines.map((line) => toLineData(line, assets));
      const freight = order.freight ?? 0;
      const { priced, totals } = priceDraft(data, freight, root(index));
      return {
        order,
        number: formatOrderNumber(numbers[index]),
        lines: priced.map((line, at) => ({
          row: {
            lineNo: line.lineNo,
            description: data[at].description,
            quantity: line.quantity,
            unitPrice: line.unitPrice,
            discount: line.discount,
            taxRate: line.taxRate,
            net: line.net,
            tax: line.tax,
          },
          assetId: (assets.get(data[at].asset) as AssetRef).id,
        })),
        totals,
        freight,
      };
    });
    const orderIds = await insertRows(
      strapi,
      ORDER_UID,
      drafts.map(({ order, number, totals, freight }) => ({
        number,
        orderStatus: 'draft',
        paymentStatus: 'unpaid',
        currency,
        orderDate: order.orderDate,
        requiredDate: order.requiredDate ?? null,
        shippedDate: order.shippedDate ?? null,
        freight,
        externalRef: order.externalRef ?? null,
        notes: order.notes ?? null,
        ...totals,
      })),
      {
        field: 'customer',
        targetIds: drafts.map(({ order }) => customers.get(order.customer) as number),
      },
    );
    await writeLines(strapi, orderIds, drafts);
    await writeShipTo(strapi, orderIds, drafts);
    const documentIds = await documentIdsOf(strapi, orderIds);
    return drafts.map(({ number, totals }, index) => ({
      documentId: documentIds.get(orderIds[index]) as string,
      number,
      total: totals.total,
    }));
  });
}

/** The lines' amounts and the order's totals; amounts beyond the safe range name the order. */
function priceDraft(
  lines: ReturnType<typeof toLineData>[],
  freight: number,
  root: readonly (string | number)[],
) {
  try {
    const priced = priceLines(lines);
    return { priced, totals: totalOrder(priced, freight) };
  } catch (error) {
    if (error instanceof MoneyError) {
      throw invalidField([...root, 'lines'], error.message);
    }
    throw error;
  }
}

interface Draft {
  order: OrderCreateInput;
  lines: { row: Record<string, unknown>; assetId: number }[];
}

/** The lines of every order in one insert, each linked to its asset and to its order. */
async function writeLines(
  strapi: Core.Strapi,
  orderIds: readonly number[],
  drafts: readonly Draft[],
) {
  const lines = drafts.flatMap((draft) => draft.lines);
  const lineIds = await insertRows(
    strapi,
    LINE_UID,
    lines.map((line) => line.row),
    { field: 'asset', targetIds: lines.map((line) => line.assetId) },
  );
  let next = 0;
  await linkComponents(
    strapi,
    ORDER_UID,
    'lines',
    drafts.map((draft, index) => ({
      ownerId: orderIds[index],
      componentIds: draft.lines.map(() => lineIds[next++]),
    })),
  );
}

async function writeShipTo(
  strapi: Core.Strapi,
  orderIds: readonly number[],
  drafts: readonly Draft[],
) {
  const shipped = drafts.flatMap(({ order }, index) =>
    order.shipTo ? [{ ownerId: orderIds[index], address: order.shipTo }] : [],
  );
  const addressIds = await insertRows(
    strapi,
    ADDRESS_UID,
    shipped.map(({ address }) => address),
  );
  await linkComponents(
    strapi,
    ORDER_UID,
    'shipTo',
    shipped.map(({ ownerId }, index) => ({ ownerId, componentIds: [addressIds[index]] })),
  );
}

/** A line as stored: the asset's name and list price stand in for what the input leaves out. */
export function toLineData(line: Omit<OrderLineInput, 'lineNo'>, assets: Map<string, AssetRef>) {
  const asset = assets.get(line.asset) as AssetRef;
  return {
    asset: line.asset,
    description: line.description ?? asset.name,
    quantity: line.quantity,
    unitPrice: line.unitPrice ?? asset.listPrice,
    // NOTE: in the canonical form the order document middleware stores ("0.050" → "0.05").
    discount: parseRate(line.discount ?? '0', 'discount', 1),
    taxRate: parseRate(line.taxRate ?? '0', 'taxRate'),
  };
}

/** The assets the lines name, by documentId (those that exist). */
export function findAssets(
  strapi: Core.Strapi,
  lines: readonly { asset: string }[],
): Promise<Map<string, AssetRef>> {
  return findAssetRefs(
    strapi,
    lines.map((line) => line.asset),
  );
}

/** Refuses the first line whose asset does not exist, naming it. */
export function assertAssetsFound(
  lines: readonly { asset: string }[],
  assets: Map<string, AssetRef>,
  root: readonly (string | number)[] = ['data'],
): void {
  lines.forEach((line, index) => {
    if (!assets.has(line.asset)) {
      throw invalidField(
        [...root, 'lines', index, 'asset'],
        `no asset with documentId ${line.asset}`,
      );
    }
  });
}

async function assertExternalRefsFree(
  strapi: Core.Strapi,
  orders: readonly OrderCreateInput[],
  root: (index: number) => (string | number)[],
) {
  const firstIndex = new Map<string, number>();
  orders.forEach((order, index) => {
    const ref = order.externalRef;
    if (!ref) {
      return;
    }
    if (firstIndex.has(ref)) {
      throw invalidField([...root(index), 'externalRef'], `externalRef ${ref} is given twice`);
    }
    firstIndex.set(ref, index);
  });
  const taken = await readInChunks(
    [...firstIndex.keys()],
    (chunk) =>
      strapi.db.query(ORDER_UID).findMany({
        where: { externalRef: { $in: chunk } },
        select: ['externalRef'],
      }) as Promise<{ externalRef: string }[]>,
  );
  if (taken.length > 0) {
    const ref = taken[0].externalRef;
    throw invalidField(
      [...root(firstIndex.get(ref) as number), 'externalRef'],
      `an order with externalRef ${ref} exists`,
    );
  }
}

async function documentIdsOf(
  strapi: Core.Strapi,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const rows = await readInChunks(
    ids,
    (chunk) =>
      strapi.db.query(ORDER_UID).findMany({
        where: { id: { $in: chunk } },
        select: ['id', 'documentId'],
      }) as Promise<{ id: number; documentId: string }[]>,
  );
  return new Map(rows.map((row) => [row.id, row.documentId]));
}
