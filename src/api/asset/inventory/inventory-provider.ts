/**
 * The inventory seam. Orders reach stock only through this interface, so a business can later
 * hand inventory to a dedicated system. Every mutating call carries an idempotency key: a call
 * repeated with the same key has its effect once (and `fulfil` answers the same costs again).
 * The built-in provider joins the caller's transaction.
 */

export type StockSourceType = 'order' | 'receipt' | 'adjustment' | 'opening-stock' | 'return';

export interface StockCall {
  /** Unique per source event, e.g. `order:<documentId>:confirm`. */
  key: string;
  /** The business date, YYYY-MM-DD. */
  date: string;
  source: { type: StockSourceType; id: string };
}

export interface StockLine {
  /** The asset's documentId. */
  assetId: string;
  lineNo: number;
  quantity: number;
}

export interface FulfilledLine extends StockLine {
  /** The cost the units left with, in minor units. */
  cost: number;
}

export interface StockLevel {
  assetId: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  stockValue: number;
  allowBackorders: boolean;
}

export interface ReceiveRequest extends StockCall {
  assetId: string;
  quantity: number;
  unitCost: number;
}

export interface AdjustRequest extends StockCall {
  assetId: string;
  /** Either the change in units or the quantity counted on the shelf. */
  change?: number;
  countedQuantity?: number;
  /** Needed for a gain when nothing is on hand. */
  unitCost?: number;
  note?: string;
}

/** One keyed change of an order's (or return's) lines. */
export interface LineCall extends StockCall {
  lines: StockLine[];
}

export interface RestockCall extends StockCall {
  lines: FulfilledLine[];
}

/**
 * The line operations take many calls at once, applied in the order given as if made one after
 * the other (a later call sees the levels an earlier one left), with their effects written
 * together: a batch of orders costs a few statements, not a few per order. A call whose key is
 * recorded (or given earlier in the same batch) has no effect again.
 */
export interface InventoryProvider {
  /** Reserves each line; available must cover it unless the asset allows backorders. */
  reserve(calls: readonly LineCall[]): Promise<void>;
  /** Gives reserved units back to available. */
  release(calls: readonly LineCall[]): Promise<void>;
  /**
   * Takes each line off on hand and off reserved, returning per call the cost each line took.
   */
  fulfil(calls: readonly LineCall[]): Promise<FulfilledLine[][]>;
  /**
   * The cost each line took when the fulfil call with this key was recorded; reads only.
   * Refused when the key has no fulfilment for every line.
   */
  fulfilledCosts(key: string, lines: StockLine[]): Promise<FulfilledLine[]>;
  /** Puts units back on hand at the given cost. */
  restock(calls: readonly RestockCall[]): Promise<void>;
  /** Adds received units at a unit cost; returns the value added. */
  receive(request: ReceiveRequest): Promise<{ value: number }>;
  /** Applies a counted or adjusted change; returns the units and value it changed by. */
  adjust(request: AdjustRequest): Promise<{ change: number; value: number }>;
  /** Current levels of the named assets (missing ones are left out). */
  levels(assetIds: readonly string[]): Promise<Map<string, StockLevel>>;
}
