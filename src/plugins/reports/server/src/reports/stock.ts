import { capabilities } from '../capabilities';
import { averageCost, sumOf } from '../domain/figures';
import { defineReport, rowsTable, sum, type CsvRow } from './report';

/** Stock levels and value from inventory; sales by product and by country from the orders. */

export interface StockRow {
  [column: string]: string | number | boolean | null;
  assetDocumentId: string;
  sku: string;
  name: string;
  assetStatus: string;
  onHand: number;
  reserved: number;
  available: number;
  stockValue: number;
  averageCost: string | null;
  reorderLevel: number;
  belowReorderLevel: boolean;
}

/** An asset is below its reorder level when what is available is less than that level. */
export const stock = defineReport<StockRow[]>({
  params: ['belowReorderLevel'],
  async run(strapi, { belowReorderLevel }) {
    const { ledger, stock: inventory } = capabilities(strapi);
    const data = (await inventory.stockLevels())
      .map((asset) => ({
        assetDocumentId: asset.documentId,
        sku: asset.sku,
        name: asset.name,
        assetStatus: asset.assetStatus,
        onHand: asset.onHand,
        reserved: asset.reserved,
        available: asset.available,
        stockValue: asset.stockValue,
        averageCost: averageCost(asset.stockValue, asset.onHand),
        reorderLevel: asset.reorderLevel,
        belowReorderLevel: asset.available < asset.reorderLevel,
      }))
      .filter(
        (row) => belowReorderLevel === undefined || row.belowReorderLevel === belowReorderLevel,
      );
    return {
      data,
      meta: {
        currency: ledger.baseCurrency(),
        totals: {
          onHand: sum(data, (row) => row.onHand),
          reserved: sum(data, (row) => row.reserved),
          available: sum(data, (row) => row.available),
          stockValue: sum(data, (row) => row.stockValue),
        },
      },
    };
  },
  table: rowsTable<StockRow>([
    'assetDocumentId',
    'sku',
    'name',
    'assetStatus',
    'onHand',
    'reserved',
    'available',
    'stockValue',
    'averageCost',
    'reorderLevel',
    'belowReorderLevel',
  ]),
});

export interface ProductSalesRow {
  [column: string]: string | number;
  sku: string;
  name: string;
  orders: number;
  quantity: number;
  net: number;
  tax: number;
}

export interface CountrySalesRow {
  [column: string]: string | number;
  country: string;
  customers: number;
  orders: number;
  quantity: number;
  net: number;
  tax: number;
}

export interface SalesData {
  byProduct: ProductSalesRow[];
  byCountry: CountrySalesRow[];
}

const UNKNOWN_COUNTRY = '(none)';

/**
 * Invoiced sales (order lines of fulfilled and returned orders, by invoice date) per product and
 * per the customer's billing country. The CSV holds one of the two tables: `by=product`
 * (the default) or `by=country`.
 */
export const sales = defineReport<SalesData>({
  params: ['from', 'to', 'by'],
  async run(strapi, { from, to }) {
    const { ledger, stock: inventory, orders, customers } = capabilities(strapi);
    const byAsset = await orders.lineSales('asset', { from, to });
    const byCustomer = await orders.lineSales('customer', { from, to });
    const assets = await inventory.stockLevels();
    const directory = await customers.customerDirectory();
    const assetOf = new Map(assets.map((asset) => [asset.id, asset]));
    const byProduct = byAsset
      .map(({ id, orders: count, quantity, net, tax }) => ({
        sku: assetOf.get(id)?.sku ?? `#${id}`,
        name: assetOf.get(id)?.name ?? '',
        orders: count,
        quantity,
        net,
        tax,
      }))
      .sort((a, b) => b.net - a.net || a.sku.localeCompare(b.sku));
    const countryOf = new Map(directory.map((customer) => [customer.id, customer.country]));
    const countries = new Map<string, CountrySalesRow>();
    for (const row of byCustomer) {
      const country = countryOf.get(row.id) ?? UNKNOWN_COUNTRY;
      const total = countries.get(country) ?? {
        country,
        customers: 0,
        orders: 0,
        quantity: 0,
        net: 0,
        tax: 0,
      };
      countries.set(country, {
        country,
        customers: total.customers + 1,
        orders: total.orders + row.orders,
        quantity: total.quantity + row.quantity,
        net: sumOf([total.net, row.net], `net sales in ${country}`),
        tax: sumOf([total.tax, row.tax], `tax on sales in ${country}`),
      });
    }
    const byCountry = [...countries.values()].sort(
      (a, b) => b.net - a.net || a.country.localeCompare(b.country),
    );
    return {
      data: { byProduct, byCountry },
      meta: {
        currency: ledger.baseCurrency(),
        from: from ?? null,
        to: to ?? null,
        totals: { net: sum(byProduct, (row) => row.net), tax: sum(byProduct, (row) => row.tax) },
      },
    };
  },
  table(result, { by }) {
    return by === 'country'
      ? {
          columns: ['country', 'customers', 'orders', 'quantity', 'net', 'tax'],
          rows: result.data.byCountry as CsvRow[],
        }
      : {
          columns: ['sku', 'name', 'orders', 'quantity', 'net', 'tax'],
          rows: result.data.byProduct as CsvRow[],
        };
  },
});
