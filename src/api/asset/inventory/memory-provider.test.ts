import { describeInventoryProvider } from './inventory-provider.contract';
import { createMemoryInventory } from './memory-provider';

describeInventoryProvider('in memory', async (assets) => {
  const withIds = assets.map((asset) => ({
    assetId: `mem-${asset.sku}`,
    sku: asset.sku,
    allowBackorders: asset.allowBackorders ?? false,
  }));
  const provider = createMemoryInventory(withIds);
  return {
    provider,
    assetIds: withIds.map((asset) => asset.assetId),
    async movementTotals(assetId) {
      const own = provider.movements().filter((movement) => movement.assetId === assetId);
      return {
        onHand: own.reduce((sum, m) => sum + m.onHandChange, 0),
        reserved: own.reduce((sum, m) => sum + m.reservedChange, 0),
        value: own.reduce((sum, m) => sum + m.valueChange, 0),
      };
    },
  };
});
