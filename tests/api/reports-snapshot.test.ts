import type { Core } from '@strapi/strapi';
import { inReadSnapshot } from '../../src/plugins/reports/server/src/reports/snapshot';
import { api, fullAccessToken } from '../harness/builders';
import { orderClient, type OrderClient } from '../harness/orders';
import { startTestApp, testDatabase, type TestApp } from '../harness/strapi';

/**
 * A report reads all its figures from one moment: on PostgreSQL an order fulfilled while
 * reconciliation runs must not show up in some of its figures and not in others, which would
 * report a difference that is not there. (On SQLite writes wait for the report's transaction.)
 */

const onPostgres = testDatabase() === 'postgres' ? describe : describe.skip;

interface StockReports {
  totalStockValue(): Promise<number>;
}
interface LedgerReports {
  accountTotal(role: 'inventory'): Promise<{ code: string; balance: number }>;
}

onPostgres('a report in its read snapshot', () => {
  let app: TestApp;
  let strapi: Core.Strapi;
  let auth: string;
  let client: OrderClient;
  let orders: { documentId: string; number: string; total: number }[];

  beforeAll(async () => {
    app = await startTestApp();
    strapi = app.strapi;
    auth = await fullAccessToken(strapi);
    client = orderClient(strapi, auth);
    const asset = await client.createAsset({ listPrice: 1500 }, { quantity: 100, unitCost: 600 });
    const customer = await client.createCustomer();
    orders = [];
    for (let i = 0; i < 8; i += 1) {
      const order = await client.createOrder([{ asset: asset.documentId, quantity: 3 }], {
        customer: customer.documentId,
      });
      const confirm = await client.post(`/api/orders/${order.documentId}/confirm`, {
        date: '2026-12-01',
      });
      expect(confirm.status).toBe(200);
      orders.push(order);
    }
  });
  afterAll(async () => app?.stop());

  const fulfil = async (order: { documentId: string }) => {
    const res = await client.post(`/api/orders/${order.documentId}/fulfil`, { date: '2026-12-02' });
    expect(res.status).toBe(200);
  };

  it('does not see a fulfilment that commits while it reads', async () => {
    const stock = strapi.service('api::asset.stock-reports') as unknown as StockReports;
    const ledger = strapi.service('api::ledger.ledger-reports') as unknown as LedgerReports;
    const before = await stock.totalStockValue();
    // NOTE: the fulfilment is chained here, outside the snapshot: a request made inside it would
    // join its transaction (Strapi finds the transaction through async context).
    let startFulfilment = () => {};
    const fulfilment = new Promise<void>((resolve) => (startFulfilment = resolve)).then(() =>
      fulfil(orders[0]),
    );
    const seen = await inReadSnapshot(strapi, async () => {
      const stockValue = await stock.totalStockValue();
      startFulfilment();
      await fulfilment;
      return {
        stockValue,
        stockValueAfter: await stock.totalStockValue(),
        inventory: (await ledger.accountTotal('inventory')).balance,
      };
    });
    expect(seen).toEqual({ stockValue: before, stockValueAfter: before, inventory: before });
    // Outside the snapshot the three units left at 600 each.
    expect(await stock.totalStockValue()).toBe(before - 3 * 600);
    expect((await ledger.accountTotal('inventory')).balance).toBe(before - 3 * 600);
  });

  it('ties out on every reconciliation taken while orders are fulfilled and paid', async () => {
    const reconcile = async () => {
      const res = await api(strapi).get('/api/reports/reconciliation').set('Authorization', auth);
      expect(res.status).toBe(200);
      return res.body.data as { tiedOut: boolean; mismatches: unknown[] };
    };
    let writing = true;
    const writes = (async () => {
      try {
        for (const order of orders.slice(1)) {
          await fulfil(order);
          const paid = await client.post(`/api/orders/${order.documentId}/payments`, {
            amount: order.total,
            method: 'card',
            date: '2026-12-03',
          });
          expect(paid.status).toBe(201);
        }
      } finally {
        writing = false;
      }
    })();
    const taken: { tiedOut: boolean; mismatches: unknown[] }[] = [];
    while (writing) {
      taken.push(await reconcile());
    }
    await writes;
    taken.push(await reconcile());
    // NOTE: reports taken during the writes, or the test would prove nothing.
    expect(taken.length).toBeGreaterThan(3);
    expect(taken.filter((data) => !data.tiedOut)).toEqual([]);
  });
});
