import type { Core } from '@strapi/strapi';

/**
 * What the reports read, and from whom: the read-only query services that the ledger, inventory,
 * order and customer capabilities export. NOTE: the plugin is bundled apart from the app, so it
 * reaches them through Strapi's service registry rather than by importing their modules (which
 * would load a second copy); these interfaces are the contract it relies on.
 */

type SqlQuery = ReturnType<Core.Strapi['db']['connection']>;

export interface DateRange {
  from?: string;
  to?: string;
}

export interface LedgerReports {
  baseCurrency(): string;
  trialBalance(
    range: DateRange,
  ): Promise<{ code: string; name: string; debit: number; credit: number }[]>;
  monthlyResults(
    range: DateRange,
  ): Promise<{ month: string; revenue: number; freight: number; costOfGoods: number }[]>;
  receivablesByCustomer(
    asOf: string,
    boundaries: { days30: string; days60: string; days90: string },
  ): Promise<
    {
      customerDocumentId: string;
      invoiced: number;
      paid: number;
      credited: number;
      outstanding: number;
      aging: { days0to30: number; days31to60: number; days61to90: number; over90: number };
      prepaid: number;
    }[]
  >;
  resultsByCustomer(
    range: DateRange,
    asOf: string,
  ): Promise<
    {
      customerDocumentId: string;
      invoices: number;
      revenue: number;
      freight: number;
      costOfGoods: number;
      outstanding: number;
    }[]
  >;
  accountTotal(role: 'receivable' | 'inventory'): Promise<{ code: string; balance: number }>;
  unbalancedEntries(limit: number): Promise<{
    count: number;
    checked: number;
    rows: { entryKey: string; debit: number; credit: number }[];
  }>;
  netCustomerPayments(): Promise<number>;
  orderInvoicePostingsQuery(): SqlQuery;
  orderCostPostingsQuery(): SqlQuery;
  creditNotePostingsQuery(): SqlQuery;
}

export interface StockReports {
  stockLevels(): Promise<
    {
      id: number;
      documentId: string;
      sku: string;
      name: string;
      assetStatus: string;
      onHand: number;
      reserved: number;
      available: number;
      stockValue: number;
      reorderLevel: number;
    }[]
  >;
  totalStockValue(): Promise<number>;
  levelMismatches(limit: number): Promise<{
    count: number;
    checked: number;
    rows: { documentId: string; sku: string; field: string; expected: number; actual: number }[];
  }>;
  orderMovementsQuery(): SqlQuery;
  returnMovementsQuery(): SqlQuery;
}

export interface OrderReports {
  customerOrderStats(): Promise<
    { customerId: number; orders: number; firstOrder: string | null; lastOrder: string | null }[]
  >;
  lineSales(
    by: 'asset' | 'customer',
    range: DateRange,
  ): Promise<{ id: number; orders: number; quantity: number; net: number; tax: number }[]>;
  orderTotalsQuery(): SqlQuery;
  creditNoteTotalsQuery(): SqlQuery;
  invoicedLessCredited(): Promise<number>;
}

export interface CustomerReports {
  customerDirectory(): Promise<
    { id: number; documentId: string; code: string; companyName: string; country: string | null }[]
  >;
}

/** What the accounting connector recorded of one kind of mirrored document. */
export interface MirrorCounts {
  mirrored: number;
  unrecorded: number;
  adjusted: number;
  adjustment: number;
  pending: number;
  dead: number;
}

/** The accounting connector's report service, when its plugin is loaded. */
export interface MirrorReports {
  invoiceMirrorsQuery(): SqlQuery;
  creditNoteMirrorsQuery(): SqlQuery;
  mirrorCounts(): Promise<{ invoices: MirrorCounts; creditNotes: MirrorCounts }>;
}

export interface Capabilities {
  ledger: LedgerReports;
  stock: StockReports;
  orders: OrderReports;
  customers: CustomerReports;
}

/** The capabilities' report services; a missing one is a deployment error, said at once. */
export function capabilities(strapi: Core.Strapi): Capabilities {
  const service = <T>(uid: string): T => {
    const found = strapi.service(uid as never);
    if (!found) {
      throw new Error(`The reports plugin needs the ${uid} service, which is not registered`);
    }
    return found as unknown as T;
  };
  return {
    ledger: service<LedgerReports>('api::ledger.ledger-reports'),
    stock: service<StockReports>('api::asset.stock-reports'),
    orders: service<OrderReports>('api::order.order-reports'),
    customers: service<CustomerReports>('api::customer.customer-reports'),
  };
}

/**
 * The accounting connector's report service, or undefined when its plugin is not loaded: the
 * reports work without it, and then check no mirrored documents.
 */
export function mirrorReports(strapi: Core.Strapi): MirrorReports | undefined {
  const found = strapi.service('plugin::accounting-sync.mirror-reports' as never);
  return found ? (found as unknown as MirrorReports) : undefined;
}
