import { decideAmountDifference } from '../domain/amount-difference';
import {
  isSameRate,
  lineTotalMinor,
  minorToDecimal,
  subtractMinor,
  sumMinor,
  taxMinor,
  unitRateOf,
  type Minor,
} from '../domain/money';
import type { DocumentLine, RemoteTotalled } from '../providers/accounting-provider';
import { ZOHO_MINOR_DIGITS } from '../providers/zoho-books/zoho-books.mapping';
import { DeadLetter, ensureSystemItem, ensureTax, type SendContext } from './send-context';

/**
 * The lines and totals of an invoice or credit note: each line at a rate that brings the
 * provider's line total to our amount, with the provider's tax of its rate; freight as an
 * untaxed line; and the amount rule, before the create (on the total we predict) and after it
 * (on the total the provider computed).
 */

/** One line of ours: the remote item, the units and our amount for them, and our tax rate. */
export interface ItemLine {
  readonly remoteItemId: string;
  readonly quantity: number;
  /** Our line net (or, on a credit note, the net it credits), minor units. */
  readonly amount: Minor;
  /** A decimal fraction; "0" for an untaxed line. */
  readonly taxRate: string;
}

export interface PlannedDocument {
  readonly lines: DocumentLine[];
  readonly adjustment: Minor;
}

const asDecimal = (amount: Minor) => minorToDecimal(amount, ZOHO_MINOR_DIGITS);

/**
 * The remote lines and the adjustment to send: what the provider will compute for each line
 * (round(quantity × rate), then round(line total × tax rate)) is predicted, and a difference to
 * our total within the amount rule goes as the adjustment; a larger one dead-letters the row.
 */
export async function planDocument(
  ctx: SendContext,
  what: string,
  itemLines: readonly ItemLine[],
  extras: { readonly freight: Minor; readonly total: Minor },
): Promise<PlannedDocument> {
  const places = ctx.provider.limits.rateDecimalPlaces;
  const taxIds = new Map<string, string>();
  const lines: DocumentLine[] = [];
  const predicted: Minor[] = [];
  for (const line of itemLines) {
    const rate = unitRateOf(line.amount, line.quantity, ZOHO_MINOR_DIGITS, places);
    const lineTotal = lineTotalMinor(line.quantity, rate, ZOHO_MINOR_DIGITS);
    const isTaxed = !isSameRate(line.taxRate, '0');
    if (isTaxed && !taxIds.has(line.taxRate)) {
      taxIds.set(line.taxRate, await ensureTax(ctx, line.taxRate));
    }
    lines.push({
      remoteItemId: line.remoteItemId,
      quantity: line.quantity,
      rate,
      remoteTaxId: isTaxed ? taxIds.get(line.taxRate) : undefined,
    });
    predicted.push(lineTotal, isTaxed ? taxMinor(lineTotal, line.taxRate) : 0);
  }
  if (extras.freight !== 0) {
    const remoteItemId = await ensureSystemItem(ctx, 'freight');
    const rate = asDecimal(extras.freight);
    lines.push({ remoteItemId, quantity: 1, rate, description: 'Freight' });
    predicted.push(lineTotalMinor(1, rate, ZOHO_MINOR_DIGITS));
  }
  const remoteTotal = sumMinor(predicted);
  const decision = decideAmountDifference({
    localTotal: extras.total,
    remoteTotal,
    lineCount: lines.length,
  });
  if (decision.kind === 'mismatch') {
    throw new DeadLetter(
      `${what}: the provider would total ${asDecimal(remoteTotal)}, ours is ` +
        `${asDecimal(extras.total)}; more than one cent per line apart`,
    );
  }
  return { lines, adjustment: decision.kind === 'adjust' ? decision.adjustment : 0 };
}

/** The flag a document carries when the provider's copy needed an adjustment. */
export function flagOf(adjustment: Minor): string | undefined {
  return adjustment === 0
    ? undefined
    : `Adjusted by ${minorToDecimal(adjustment, ZOHO_MINOR_DIGITS)} to match the CRM total`;
}

/**
 * Checks the provider's total against ours; a difference within the rule (the provider rounded
 * a line or its tax otherwise than we predicted) is booked as the whole adjustment, a larger one
 * dead-letters the row. Returns the remote document as it now stands.
 */
export async function settleTotal(
  what: string,
  remote: RemoteTotalled,
  localTotal: Minor,
  lineCount: number,
  adjust: (adjustment: Minor) => Promise<RemoteTotalled>,
): Promise<RemoteTotalled> {
  if (remote.total === localTotal) {
    return remote;
  }
  // NOTE: the adjustment sent replaces any booked before: compare with the total without it.
  const decision = decideAmountDifference({
    localTotal,
    remoteTotal: subtractMinor(remote.total, remote.adjustment),
    lineCount,
  });
  if (decision.kind === 'mismatch') {
    throw new DeadLetter(
      `${what}: the provider's total ${asDecimal(remote.total)} differs from ours ` +
        asDecimal(localTotal),
    );
  }
  const adjusted = await adjust(decision.kind === 'adjust' ? decision.adjustment : 0);
  if (adjusted.total !== localTotal) {
    throw new DeadLetter(`${what}: the adjusted total still differs from ours`);
  }
  return adjusted;
}
