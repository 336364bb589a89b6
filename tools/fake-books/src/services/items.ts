import { formatZohoTime } from '../clock';
import { ZohoApiError, documentNotFound } from '../errors';
import { listPage, type ListPage, type QueryParams } from '../listing';
import { decimalToNumber } from '../money';
import type { ItemCreateInput, ItemUpdateInput } from '../schemas/item.schemas';
import type { Item } from '../store';
import { uniquenessKey, type BooksContext } from './context';

function assertItemUnique(ctx: BooksContext, name?: string, sku?: string, exceptId?: string): void {
  for (const item of ctx.books.items.values()) {
    if (item.item_id === exceptId) {
      continue;
    }
    if (name !== undefined && uniquenessKey(item.name) === uniquenessKey(name)) {
      throw new ZohoApiError('alreadyExists', `The item "${name}" already exists.`);
    }
    if (sku && item.sku && uniquenessKey(item.sku) === uniquenessKey(sku)) {
      throw new ZohoApiError('alreadyExists', `The SKU "${sku}" already exists.`);
    }
  }
}

/** Creates an item; names and SKUs are unique per organization. */
export function createItem(ctx: BooksContext, input: ItemCreateInput): Item {
  assertItemUnique(ctx, input.name, input.sku);
  const item: Item = {
    ...input,
    item_id: ctx.ids.next(),
    product_type: input.product_type ?? 'goods',
    item_type: input.item_type ?? 'sales',
    status: 'active',
    createdAt: ctx.now,
    modifiedAt: ctx.now,
  };
  ctx.books.items.set(item.item_id, item);
  return item;
}

export function getItem(ctx: BooksContext, itemId: string): Item {
  const item = ctx.books.items.get(itemId);
  if (!item) {
    throw documentNotFound('Item');
  }
  return item;
}

export function updateItem(ctx: BooksContext, itemId: string, input: ItemUpdateInput): Item {
  const item = getItem(ctx, itemId);
  assertItemUnique(ctx, input.name, input.sku, itemId);
  Object.assign(item, input, { modifiedAt: ctx.now });
  return item;
}

export function listItems(ctx: BooksContext, query: QueryParams): ListPage<Item> {
  return listPage(ctx.books.items.values(), query, {
    reportName: 'Items',
    textFilters: [
      { param: 'name', valueOf: (item) => item.name },
      { param: 'sku', valueOf: (item) => item.sku },
      { param: 'description', valueOf: (item) => item.description },
    ],
    modifiedAt: (item) => item.modifiedAt,
  });
}

export function renderItem(item: Item): Record<string, unknown> {
  return {
    item_id: item.item_id,
    name: item.name,
    rate: decimalToNumber(item.rate),
    description: item.description ?? '',
    sku: item.sku ?? '',
    unit: item.unit ?? '',
    product_type: item.product_type,
    item_type: item.item_type,
    status: item.status,
    created_time: formatZohoTime(item.createdAt),
    last_modified_time: formatZohoTime(item.modifiedAt),
  };
}
