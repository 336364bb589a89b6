export default {
  routes: [
    { method: 'POST', path: '/assets/:id/receipts', handler: 'api::asset.stock.receive' },
    { method: 'POST', path: '/assets/:id/adjustments', handler: 'api::asset.stock.adjust' },
    { method: 'GET', path: '/assets/:id/movements', handler: 'api::asset.stock.movements' },
    { method: 'POST', path: '/receipts/:number/payments', handler: 'api::asset.stock.paySupplier' },
  ],
};
