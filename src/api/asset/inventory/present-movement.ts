import { withAmounts, type Row } from '../../../platform/documents';

/** Output shape of a stock movement: its value change as a JSON integer. */
export function presentMovement(row: Row): Row {
  return withAmounts(row, ['valueChange']);
}
