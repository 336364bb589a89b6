import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import { fromDatabase } from '../../src/platform/money';
import { api, buildAsset, buildCustomer } from './builders';

/**
 * REST helpers for tests that drive orders: records made through the public API with a bearer
 * token, and the database reads the assertions compare against.
 */
export function orderClient(strapi: Core.Strapi, auth: string) {
  const post = (path: string, data?: unknown, key?: string) => {
    const request = api(strapi).post(path).set('Authorization', auth);
    if (key) {
      request.set('Idempotency-Key', key);
    }
    return request.send(data === undefined ? {} : { data });
  };
  const get = (path: string) => api(strapi).get(path).set('Authorization', auth);

  async function createAsset(
    overrides: Record<string, unknown> = {},
    stock?: { quantity: number; unitCost: number },
  ) {
    const res = await post('/api/assets', buildAsset(overrides));
    expect(res.status).toBe(201);
    if (stock) {
      const receipt = await post(`/api/assets/${res.body.data.documentId}/receipts`, {
        ...stock,
        date: '2026-11-01',
      });
      expect(receipt.status).toBe(201);
    }
    return res.body.data as { documentId: string; sku: string };
  }

  async function createCustomer(overrides: Record<string, unknown> = {}) {
    const res = await post('/api/customers', buildCustomer(overrides));
    expect(res.status).toBe(201);
    return res.body.data as { documentId: string; code: string };
  }

  async function createOrder(
    lines: {
      asset: string;
      quantity: number;
      unitPrice?: number;
      discount?: string;
      taxRate?: string;
    }[],
    extra: Record<string, unknown> = {},
  ) {
    const customer = (extra.customer as string | undefined) ?? (await createCustomer()).documentId;
    const res = await post('/api/orders', { customer, orderDate: '2026-12-01', lines, ...extra });
    expect(res.status).toBe(201);
    return res.body.data as { documentId: string; number: string; total: number };
  }

  return { post, get, createAsset, createCustomer, createOrder };
}

export type OrderClient = ReturnType<typeof orderClient>;

/** Everything a refused request must leave as it was. */
export async function orderSnapshot(strapi: Core.Strapi) {
  const count = (uid: string) => strapi.db.query(uid as never).count();
  const orders = await strapi.db.query('api::order.order').findMany({
    select: ['documentId', 'orderStatus', 'paymentStatus', 'invoiceNumber'],
    orderBy: { id: 'asc' },
  });
  const assets = await strapi.db.query('api::asset.asset').findMany({
    select: ['documentId', 'onHand', 'reserved', 'available', 'stockValue'],
    orderBy: { id: 'asc' },
  });
  return {
    movements: await count('api::asset.stock-movement'),
    entries: await count('api::ledger.journal-entry'),
    lines: await count('api::ledger.journal-line'),
    payments: await count('api::ledger.payment'),
    creditNotes: await count('api::order.credit-note'),
    orders,
    assets,
  };
}

export async function stockLevels(strapi: Core.Strapi, assetId: string) {
  const asset = await strapi.db
    .query('api::asset.asset')
    .findOne({ where: { documentId: assetId } });
  return {
    onHand: asset.onHand,
    reserved: asset.reserved,
    available: asset.available,
    stockValue: fromDatabase(asset.stockValue),
  };
}

export function expectRefusal(
  res: Response,
  status: number,
  name: string,
  message: string | RegExp,
) {
  expect(res.status).toBe(status);
  expect(res.body.data).toBeNull();
  expect(res.body.error.name).toBe(name);
  if (typeof message === 'string') {
    expect(res.body.error.message).toBe(message);
  } else {
    expect(res.body.error.message).toMatch(message);
  }
}

/** Debits minus credits on one account, straight from the journal lines. */
export async function ledgerBalance(strapi: Core.Strapi, code: string): Promise<number> {
  const [row] = await strapi.db
    .connection('journal_lines')
    .where({ account_code: code })
    .sum({ debit: 'debit', credit: 'credit' });
  return fromDatabase(row.debit) - fromDatabase(row.credit);
}
