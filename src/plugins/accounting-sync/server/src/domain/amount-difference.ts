import { absMinor, subtractMinor, type Minor } from './money';

/**
 * How our total and the provider's computed total are reconciled.
 * - `equal`: nothing to do.
 * - `adjust`: the provider rounds per line differently (or rounds a rate we had to shorten); a
 *   difference of at most one minor unit per line is booked through the document's
 *   `adjustment` so the remote total equals ours to the cent, and the record is flagged.
 * - `mismatch`: more than that is not rounding; it is dead-lettered for a person to look at.
 */
export type AmountDecision =
  | { readonly kind: 'equal' }
  | { readonly kind: 'adjust'; readonly adjustment: Minor }
  | { readonly kind: 'mismatch'; readonly difference: Minor; readonly tolerance: Minor };

export interface AmountComparison {
  /** Our document total (lines, tax and freight), minor units. */
  readonly localTotal: Minor;
  /** The provider's total before any adjustment, minor units. */
  readonly remoteTotal: Minor;
  /** Lines on the remote document; each may round by one minor unit. */
  readonly lineCount: number;
}

/** Decides, from the two totals, whether the document goes as it is, adjusted, or not at all. */
export function decideAmountDifference(comparison: AmountComparison): AmountDecision {
  const difference = subtractMinor(comparison.localTotal, comparison.remoteTotal);
  if (difference === 0) {
    return { kind: 'equal' };
  }
  const tolerance = comparison.lineCount;
  if (absMinor(difference) <= tolerance) {
    return { kind: 'adjust', adjustment: difference };
  }
  return { kind: 'mismatch', difference, tolerance };
}
