const action = (method: 'GET' | 'POST', name: string, handler: string) => ({
  method,
  path: `/orders/:id/${name}`,
  handler: `api::order.order-actions.${handler}`,
});

export default {
  routes: [
    action('POST', 'confirm', 'confirm'),
    action('POST', 'fulfil', 'fulfil'),
    action('POST', 'cancel', 'cancel'),
    action('POST', 'payments', 'pay'),
    action('POST', 'refunds', 'refund'),
    action('POST', 'returns', 'return'),
    action('GET', 'credit-notes', 'creditNotes'),
    action('GET', 'movements', 'movements'),
    action('GET', 'journal', 'journal'),
  ],
};
