import { createBuiltinInventory } from '../../src/api/asset/inventory/builtin-provider';
import { describeInventoryProvider } from '../../src/api/asset/inventory/inventory-provider.contract';
import { fromDatabase } from '../../src/platform/money';
import { buildAsset } from '../harness/builders';
import { startTestApp, type TestApp } from '../harness/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

describeInventoryProvider(`built in (${process.env.TEST_DB})`, async (assets) => {
  const created = [];
  for (const asset of assets) {
    created.push(
      await app.strapi.documents('api::asset.asset').create({
        data: buildAsset({
          sku: asset.sku,
          allowBackorders: asset.allowBackorders ?? false,
        }) as never,
      }),
    );
  }
  return {
    provider: createBuiltinInventory(app.strapi),
    assetIds: created.map((asset) => asset.documentId),
    async movementTotals(assetId) {
      const [row] = await app.strapi.db
        .connection('stock_movements')
        .where({ asset_document_id: assetId })
        .sum({ onHand: 'on_hand_change', reserved: 'reserved_change', value: 'value_change' });
      return {
        onHand: fromDatabase(row.onHand),
        reserved: fromDatabase(row.reserved),
        value: fromDatabase(row.value),
      };
    },
  };
});
