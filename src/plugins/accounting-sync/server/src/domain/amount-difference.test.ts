import { decideAmountDifference } from './amount-difference';

describe('decideAmountDifference', () => {
  it('sends the document as it is when the totals agree', () => {
    expect(
      decideAmountDifference({ localTotal: 12_345, remoteTotal: 12_345, lineCount: 3 }),
    ).toEqual({ kind: 'equal' });
  });

  it('books up to one cent per line as an adjustment, in either direction', () => {
    expect(
      decideAmountDifference({ localTotal: 10_003, remoteTotal: 10_000, lineCount: 3 }),
    ).toEqual({ kind: 'adjust', adjustment: 3 });
    expect(
      decideAmountDifference({ localTotal: 9_999, remoteTotal: 10_000, lineCount: 1 }),
    ).toEqual({
      kind: 'adjust',
      adjustment: -1,
    });
  });

  it('refuses a difference above one cent per line', () => {
    expect(
      decideAmountDifference({ localTotal: 10_004, remoteTotal: 10_000, lineCount: 3 }),
    ).toEqual({ kind: 'mismatch', difference: 4, tolerance: 3 });
    expect(
      decideAmountDifference({ localTotal: 10_000, remoteTotal: 10_002, lineCount: 1 }),
    ).toEqual({ kind: 'mismatch', difference: -2, tolerance: 1 });
  });
});
