import type { InventoryProvider, StockCall } from './inventory-provider';

/**
 * The behaviour every inventory provider must have, as a Jest suite that takes a factory. The
 * built-in provider runs it against SQLite and PostgreSQL, the in-memory one in the unit project.
 */

export interface ProviderUnderTest {
  provider: InventoryProvider;
  /** documentIds of the assets asked for, in order. */
  assetIds: string[];
  /** Σ of the recorded movements of one asset. */
  movementTotals(assetId: string): Promise<{ onHand: number; reserved: number; value: number }>;
}

export type ProviderFactory = (
  assets: { sku: string; allowBackorders?: boolean }[],
) => Promise<ProviderUnderTest>;

let counter = 0;
const call = (type: StockCall['source']['type'] = 'order'): StockCall => {
  counter += 1;
  return { key: `test:${counter}`, date: '2026-12-01', source: { type, id: `doc-${counter}` } };
};

export function describeInventoryProvider(name: string, factory: ProviderFactory): void {
  describe(`inventory provider: ${name}`, () => {
    let subject: ProviderUnderTest;
    let chai: string;
    let chang: string;
    let backordered: string;

    beforeEach(async () => {
      const id = Math.random().toString(36).slice(2, 8).toUpperCase();
      subject = await factory([
        { sku: `CHAI-${id}` },
        { sku: `CHANG-${id}` },
        { sku: `BACK-${id}`, allowBackorders: true },
      ]);
      [chai, chang, backordered] = subject.assetIds;
    });

    const levelsOf = async (assetId: string) => {
      const level = (await subject.provider.levels([assetId])).get(assetId);
      if (!level) {
        throw new Error(`no levels for ${assetId}`);
      }
      return level;
    };
    const expectLevelsMatchMovements = async (assetId: string) => {
      const level = await levelsOf(assetId);
      expect(await subject.movementTotals(assetId)).toEqual({
        onHand: level.onHand,
        reserved: level.reserved,
        value: level.stockValue,
      });
      expect(level.available).toBe(level.onHand - level.reserved);
    };

    it('receives units at a unit cost, once per key', async () => {
      const receipt = { ...call('receipt'), assetId: chai, quantity: 10, unitCost: 125 };
      expect(await subject.provider.receive(receipt)).toEqual({ value: 1250 });
      expect(await subject.provider.receive(receipt)).toEqual({ value: 1250 });
      expect(await levelsOf(chai)).toMatchObject({
        onHand: 10,
        reserved: 0,
        available: 10,
        stockValue: 1250,
      });
      await expectLevelsMatchMovements(chai);
    });

    it('values issues at the moving average and takes the whole value with the last unit', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 10,
        unitCost: 100,
      });
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 5,
        unitCost: 130,
      });
      const lines = [{ assetId: chai, lineNo: 1, quantity: 4 }];
      const order = call();
      await subject.provider.reserve([{ ...order, key: `${order.key}:confirm`, lines }]);
      const [[first]] = await subject.provider.fulfil([
        { ...order, key: `${order.key}:fulfil`, lines },
      ]);
      expect(first.cost).toBe(440); // round(1650 × 4 / 15)
      const rest = [{ assetId: chai, lineNo: 1, quantity: 11 }];
      const second = call();
      await subject.provider.reserve([{ ...second, key: `${second.key}:confirm`, lines: rest }]);
      const [[last]] = await subject.provider.fulfil([
        { ...second, key: `${second.key}:fulfil`, lines: rest },
      ]);
      expect(last.cost).toBe(1210);
      expect(await levelsOf(chai)).toMatchObject({ onHand: 0, reserved: 0, stockValue: 0 });
      await expectLevelsMatchMovements(chai);
    });

    it('rounds a half-cent issue cost away from zero', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 2,
        unitCost: 1,
      });
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 2,
        unitCost: 0,
      });
      const lines = [{ assetId: chai, lineNo: 1, quantity: 1 }];
      await subject.provider.reserve([{ ...call(), lines }]);
      const [[line]] = await subject.provider.fulfil([{ ...call(), lines }]);
      expect(line.cost).toBe(1); // 2 × 1 / 4 = 0.5 → 1
      expect((await levelsOf(chai)).stockValue).toBe(1);
    });

    it('refuses to reserve more than is available, naming the SKU and the quantities', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 2,
        unitCost: 100,
      });
      const refused = subject.provider.reserve([
        { ...call(), lines: [{ assetId: chai, lineNo: 1, quantity: 3 }] },
      ]);
      await expect(refused).rejects.toMatchObject({
        kind: 'conflict',
        code: 'insufficient_stock',
        message: expect.stringMatching(/^Not enough stock for CHAI-\w+: requested 3, available 2$/),
      });
      expect(await levelsOf(chai)).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
    });

    it('writes nothing of a call when one of its lines is refused', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 5,
        unitCost: 100,
      });
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chang,
        quantity: 1,
        unitCost: 100,
      });
      const refused = subject.provider.reserve([
        {
          ...call(),
          lines: [
            { assetId: chai, lineNo: 1, quantity: 2 },
            { assetId: chang, lineNo: 2, quantity: 2 },
          ],
        },
      ]);
      await expect(refused).rejects.toMatchObject({ code: 'insufficient_stock' });
      expect(await levelsOf(chai)).toMatchObject({ reserved: 0, available: 5 });
      await expectLevelsMatchMovements(chai);
      await expectLevelsMatchMovements(chang);
    });

    it('applies a batch of calls one after the other, each seeing what the earlier left', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 3,
        unitCost: 100,
      });
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 4,
        unitCost: 200,
      });
      const first = [{ assetId: chai, lineNo: 1, quantity: 4 }];
      const second = [{ assetId: chai, lineNo: 1, quantity: 3 }];
      await subject.provider.reserve([
        { ...call(), lines: first },
        { ...call(), lines: second },
      ]);
      expect(await levelsOf(chai)).toMatchObject({ onHand: 7, reserved: 7, available: 0 });
      const costs = await subject.provider.fulfil([
        { ...call(), lines: first },
        { ...call(), lines: second },
      ]);
      // 1100 over 7 units: round(1100 × 4 / 7) = 629, then the last 3 take the remaining 471.
      expect(costs.map((lines) => lines.map((line) => line.cost))).toEqual([[629], [471]]);
      expect(await levelsOf(chai)).toMatchObject({ onHand: 0, reserved: 0, stockValue: 0 });
      await expectLevelsMatchMovements(chai);
    });

    it('writes nothing of a batch when a later call in it is refused', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 5,
        unitCost: 100,
      });
      const refused = subject.provider.reserve([
        { ...call(), lines: [{ assetId: chai, lineNo: 1, quantity: 3 }] },
        { ...call(), lines: [{ assetId: chai, lineNo: 1, quantity: 3 }] },
      ]);
      await expect(refused).rejects.toMatchObject({
        code: 'insufficient_stock',
        message: expect.stringMatching(/: requested 3, available 2$/),
      });
      expect(await levelsOf(chai)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
      await expectLevelsMatchMovements(chai);
    });

    it('has the effect of a key named twice in one batch once', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 5,
        unitCost: 100,
      });
      const reserve = { ...call(), lines: [{ assetId: chai, lineNo: 1, quantity: 2 }] };
      await subject.provider.reserve([reserve, reserve]);
      const fulfil = { ...call(), lines: [{ assetId: chai, lineNo: 1, quantity: 2 }] };
      const [once, again] = await subject.provider.fulfil([fulfil, fulfil]);
      expect(again).toEqual(once);
      expect(await levelsOf(chai)).toMatchObject({ onHand: 3, reserved: 0, stockValue: 300 });
      await expectLevelsMatchMovements(chai);
    });

    it('lets an asset with backorders reserve beyond available, but never ship more than on hand', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: backordered,
        quantity: 1,
        unitCost: 50,
      });
      const lines = [{ assetId: backordered, lineNo: 1, quantity: 3 }];
      await subject.provider.reserve([{ ...call(), lines }]);
      expect(await levelsOf(backordered)).toMatchObject({ onHand: 1, reserved: 3, available: -2 });
      await expect(subject.provider.fulfil([{ ...call(), lines }])).rejects.toMatchObject({
        code: 'insufficient_on_hand',
      });
      expect(await levelsOf(backordered)).toMatchObject({ onHand: 1, reserved: 3 });
    });

    it('releases a reservation once per key', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 5,
        unitCost: 10,
      });
      const lines = [{ assetId: chai, lineNo: 1, quantity: 4 }];
      await subject.provider.reserve([{ ...call(), lines }]);
      const release = { ...call(), lines };
      await subject.provider.release([release]);
      await subject.provider.release([release]);
      expect(await levelsOf(chai)).toMatchObject({ reserved: 0, available: 5 });
      await expectLevelsMatchMovements(chai);
    });

    it('answers a repeated fulfil with the same costs and takes the stock once', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 3,
        unitCost: 333,
      });
      const lines = [{ assetId: chai, lineNo: 7, quantity: 2 }];
      await subject.provider.reserve([{ ...call(), lines }]);
      const fulfil = { ...call(), lines };
      const [first] = await subject.provider.fulfil([fulfil]);
      expect(await subject.provider.fulfil([fulfil])).toEqual([first]);
      expect(first).toEqual([{ assetId: chai, lineNo: 7, quantity: 2, cost: 666 }]);
      expect(await levelsOf(chai)).toMatchObject({ onHand: 1, reserved: 0, stockValue: 333 });
    });

    it('tells the costs a recorded fulfilment took, and refuses one never recorded', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 3,
        unitCost: 125,
      });
      const lines = [{ assetId: chai, lineNo: 2, quantity: 2 }];
      await subject.provider.reserve([{ ...call(), lines }]);
      const fulfil = { ...call(), lines };
      const [shipped] = await subject.provider.fulfil([fulfil]);
      const before = await levelsOf(chai);
      expect(await subject.provider.fulfilledCosts(fulfil.key, lines)).toEqual(shipped);
      await expect(
        subject.provider.fulfilledCosts(`${fulfil.key}-never`, lines),
      ).rejects.toMatchObject({ code: 'fulfilment_not_recorded' });
      expect(await levelsOf(chai)).toEqual(before);
    });

    it('restocks returned units at the cost they left with', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 4,
        unitCost: 250,
      });
      const lines = [{ assetId: chai, lineNo: 1, quantity: 4 }];
      await subject.provider.reserve([{ ...call(), lines }]);
      const [[shipped]] = await subject.provider.fulfil([{ ...call(), lines }]);
      await subject.provider.restock([
        { ...call('return'), lines: [{ ...shipped, quantity: 1, cost: 250 }] },
      ]);
      expect(await levelsOf(chai)).toMatchObject({ onHand: 1, stockValue: 250 });
      await expectLevelsMatchMovements(chai);
    });

    it('values a counted gain at the average and a counted loss like a sale', async () => {
      await subject.provider.receive({
        ...call('receipt'),
        assetId: chai,
        quantity: 3,
        unitCost: 100,
      });
      expect(
        await subject.provider.adjust({ ...call('adjustment'), assetId: chai, countedQuantity: 4 }),
      ).toEqual({
        change: 1,
        value: 100,
      });
      expect(
        await subject.provider.adjust({ ...call('adjustment'), assetId: chai, change: -2 }),
      ).toEqual({
        change: -2,
        value: -200,
      });
      expect(await levelsOf(chai)).toMatchObject({ onHand: 2, stockValue: 200 });
      await expectLevelsMatchMovements(chai);
    });

    it('needs a unit cost for a gain when nothing is on hand, and never goes below zero on hand', async () => {
      await expect(
        subject.provider.adjust({ ...call('adjustment'), assetId: chang, change: 2 }),
      ).rejects.toMatchObject({ code: 'unit_cost_required' });
      await subject.provider.adjust({
        ...call('adjustment'),
        assetId: chang,
        change: 2,
        unitCost: 75,
      });
      await expect(
        subject.provider.adjust({ ...call('adjustment'), assetId: chang, change: -3 }),
      ).rejects.toMatchObject({ code: 'insufficient_on_hand' });
      expect(await levelsOf(chang)).toMatchObject({ onHand: 2, stockValue: 150 });
    });
  });
}
