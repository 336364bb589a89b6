import { labelOf } from './admin-fields';

describe('labelOf', () => {
  it.each([
    ['orderStatus', 'Order status'],
    ['lineNo', 'Line no.'],
    ['sku', 'SKU'],
    ['unitPrice', 'Unit price'],
    ['costOfGoods', 'Cost of goods'],
    ['creditNotes', 'Credit notes'],
    ['assetDocumentId', 'Asset document ID'],
    ['total', 'Total'],
  ])('%s reads as "%s"', (field, label) => {
    expect(labelOf(field)).toBe(label);
  });
});
