import type { Core } from '@strapi/strapi';
import { startTestApp, type TestApp } from '../harness/strapi';

/**
 * The accounting connector's outbox: rows are written by the core's domain events in the
 * transaction of the change, only while the connector is on. The events are emitted here the way
 * the core emits them (inside `strapi.db.transaction`, awaited).
 */

const OUTBOX = 'plugin::accounting-sync.outbox-entry';
const CONNECTION = 'plugin::accounting-sync.connection';
const ID_MAP = 'plugin::accounting-sync.id-map-entry';

let app: TestApp;
let strapi: Core.Strapi;

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
  await strapi.plugin('accounting-sync').service('sync').stopPolling();
});

afterAll(async () => {
  await app?.stop();
});

beforeEach(async () => {
  await strapi.db.query(OUTBOX).deleteMany({ where: {} });
  await strapi.db.query(ID_MAP).deleteMany({ where: {} });
  await setConnection({ isEnabled: false, mirror: null });
});

async function setConnection(data: Record<string, unknown>): Promise<void> {
  await strapi.db.query(CONNECTION).updateMany({ where: { name: 'default' }, data });
}

async function emitInTransaction(name: string, payload: object, fail = false): Promise<void> {
  await strapi.db.transaction(async () => {
    await strapi.eventHub.emit(name, payload);
    if (fail) {
      throw new Error('the change failed after the event');
    }
  });
}

const fulfilled = (invoiceNumber: string) => ({
  orderDocumentId: `order-${invoiceNumber}`,
  customerDocumentId: 'customer-1',
  invoiceNumber,
});

const outboxRows = () =>
  strapi.db.query(OUTBOX).findMany({ orderBy: { id: 'asc' } }) as Promise<
    { eventKey: string; kind: string; sourceId: string; state: string }[]
  >;

describe('accounting sync outbox', () => {
  it('starts with one connection, switched off', async () => {
    const connections = await strapi.db.query(CONNECTION).findMany({});
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({ name: 'default', isEnabled: false });
  });

  it('writes nothing while the connector is off', async () => {
    await emitInTransaction('middlepath.order.fulfilled', fulfilled('INV-1'));
    await emitInTransaction('middlepath.payment.recorded', {
      orderDocumentId: 'order-1',
      customerDocumentId: 'customer-1',
      paymentKey: 'pay-1',
      amount: 1000,
      date: '2026-12-03',
    });
    expect(await outboxRows()).toEqual([]);
  });

  it('writes one row per event while the connector is on, once per repeated event', async () => {
    await setConnection({ isEnabled: true });
    await emitInTransaction('middlepath.order.fulfilled', fulfilled('INV-2'));
    await emitInTransaction('middlepath.order.fulfilled', fulfilled('INV-2'));
    await emitInTransaction('middlepath.refund.recorded', {
      orderDocumentId: 'order-INV-2',
      customerDocumentId: 'customer-1',
      paymentKey: 'refund-1',
      amount: 500,
      date: '2026-12-03',
    });
    expect(await outboxRows()).toEqual([
      expect.objectContaining({
        eventKey: 'invoice:INV-2',
        kind: 'invoice',
        sourceId: 'order-INV-2',
        state: 'pending',
      }),
      expect.objectContaining({ eventKey: 'refund:refund-1', kind: 'refund', state: 'pending' }),
    ]);
  });

  it('leaves no row when the change rolls back', async () => {
    await setConnection({ isEnabled: true });
    await expect(
      emitInTransaction('middlepath.order.fulfilled', fulfilled('INV-3'), true),
    ).rejects.toThrow('the change failed after the event');
    expect(await outboxRows()).toEqual([]);
  });

  it('skips a kind the administrator does not mirror', async () => {
    await setConnection({ isEnabled: true, mirror: { invoices: false } });
    await emitInTransaction('middlepath.order.fulfilled', fulfilled('INV-4'));
    expect(await outboxRows()).toEqual([]);
  });

  it('queues a saved customer only once it is mirrored, and only once while it waits', async () => {
    await setConnection({ isEnabled: true });
    await emitInTransaction('middlepath.customer.saved', { customerDocumentId: 'customer-9' });
    expect(await outboxRows()).toEqual([]);

    await strapi.db.query(ID_MAP).create({
      data: {
        provider: 'zoho-books',
        kind: 'contact',
        localKey: 'customer-9',
        marker: 'Customer 9',
        remoteId: '460000000000001',
      },
    });
    await emitInTransaction('middlepath.customer.saved', { customerDocumentId: 'customer-9' });
    await emitInTransaction('middlepath.customer.saved', { customerDocumentId: 'customer-9' });
    expect(await outboxRows()).toEqual([
      expect.objectContaining({ kind: 'contact', sourceId: 'customer-9', state: 'pending' }),
    ]);
  });

  it('refuses a second remote id for one local record (unique id map)', async () => {
    const entry = {
      provider: 'zoho-books',
      kind: 'item',
      localKey: 'asset-1',
      marker: 'SKU-1',
      remoteId: '460000000000002',
    };
    await strapi.db.query(ID_MAP).create({ data: entry });
    const error = await strapi.db
      .query(ID_MAP)
      .create({ data: { ...entry, remoteId: '460000000000003' } })
      .then(() => undefined)
      .catch((caught: unknown) => caught);
    expect(error).toBeDefined();
    expect(String((error as Error).message)).toMatch(/unique|duplicate/i);
    expect(await strapi.db.query(ID_MAP).count({ where: { localKey: 'asset-1' } })).toBe(1);
  });
});
