import type { Core } from '@strapi/strapi';
import { refuseDirectWrites } from '../../../platform/document-middleware';
import { createBuiltinInventory } from './builtin-provider';
import type { InventoryProvider } from './inventory-provider';

export type {
  InventoryProvider,
  StockLine,
  FulfilledLine,
  StockLevel,
  StockSourceType,
} from './inventory-provider';
export { findMovementsOf } from './movement-queries';

/**
 * The inventory provider orders use. Only the built-in provider exists today; an external one
 * (a later issue) would work after commit through an outbox.
 */
export function getInventory(strapi: Core.Strapi): InventoryProvider {
  return createBuiltinInventory(strapi);
}

/** Stock movements are append-only and written only by the inventory service. */
export function registerInventory(strapi: Core.Strapi): void {
  refuseDirectWrites(strapi, 'api::asset.stock-movement', 'inventory', 'Stock movements');
}
