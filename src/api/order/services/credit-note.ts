import { factories } from '@strapi/strapi';
import { withAmounts, type Row } from '../../../platform/documents';

export const CREDIT_NOTE_POPULATE = {
  lines: { populate: { asset: { fields: ['sku', 'name'] } } },
};

/** Output shape: every amount as a JSON integer, lines included. */
export function presentCreditNote(row: Row): Row {
  const note = withAmounts(row, ['freight', 'subtotal', 'taxTotal', 'total', 'restockValue']);
  if (Array.isArray(note.lines)) {
    note.lines = note.lines.map((line: Row) => withAmounts(line, ['net', 'tax', 'cost']));
  }
  return note;
}

export default factories.createCoreService('api::order.credit-note');
