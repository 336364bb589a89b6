import { decideAmountDifference } from '../domain/amount-difference';
import {
  discountedRate,
  lineTotalMinor,
  minorToDecimal,
  sumMinor,
  unitRateOf,
  type Minor,
} from '../domain/money';
import type { DocumentLine, RemoteTotalled, TotalledDraft } from '../providers/accounting-provider';
import { ZOHO_MINOR_DIGITS } from '../providers/zoho-books/zoho-books.mapping';
import { contactDependency, itemDependency, requireMirrored } from './dependencies';
import { readCreditNote, readOrder, type LocalAsset, type LocalCustomer } from './local-documents';
import type { OutboxRow } from './outbox';
import {
  DeadLetter,
  ensureSystemItem,
  mirror,
  mirroredIdOrWait,
  type SendContext,
  type SendOutcome,
} from './send-context';

/** Invoices and credit notes: lines, the amount rule, exactly-once create, total check. */

const ROUNDING_NOTE = 'Rounding difference to the CRM total';

interface PlannedDocument {
  readonly lines: DocumentLine[];
  readonly adjustment: Minor;
}

interface LineAsset {
  readonly asset: LocalAsset | null;
  readonly where: string;
}

/**
 * The remote contact and each line's remote item, in line order; waits (queuing them) for any
 * not mirrored yet.
 */
async function requireParties(
  ctx: SendContext,
  customer: LocalCustomer,
  lines: readonly LineAsset[],
): Promise<{ remoteContactId: string; remoteItemIds: string[] }> {
  const assets = lines.map(({ asset, where }) => {
    if (!asset) {
      throw new DeadLetter(`${where} has no stock item`);
    }
    return asset;
  });
  const [remoteContactId, ...remoteItemIds] = await requireMirrored(ctx, [
    contactDependency(customer),
    ...assets.map(itemDependency),
  ]);
  return { remoteContactId: remoteContactId!, remoteItemIds };
}

/** Adds the tax and freight lines and applies the amount rule to the predicted remote total. */
async function planTotals(
  ctx: SendContext,
  what: string,
  lines: DocumentLine[],
  extras: { taxTotal: Minor; freight: Minor; total: Minor },
): Promise<PlannedDocument> {
  const all = [...lines];
  const minor = (amount: Minor) => minorToDecimal(amount, ZOHO_MINOR_DIGITS);
  if (extras.taxTotal !== 0) {
    const remoteItemId = await ensureSystemItem(ctx, 'salesTax');
    all.push({ remoteItemId, quantity: 1, rate: minor(extras.taxTotal), description: 'Sales tax' });
  }
  if (extras.freight !== 0) {
    const remoteItemId = await ensureSystemItem(ctx, 'freight');
    all.push({ remoteItemId, quantity: 1, rate: minor(extras.freight), description: 'Freight' });
  }
  const predicted = sumMinor(
    all.map((line) => lineTotalMinor(line.quantity, line.rate, ZOHO_MINOR_DIGITS)),
  );
  const decision = decideAmountDifference({
    localTotal: extras.total,
    remoteTotal: predicted,
    lineCount: all.length,
  });
  if (decision.kind === 'mismatch') {
    throw new DeadLetter(
      `${what}: the provider would total ${minor(predicted)}, ours is ${minor(extras.total)}; ` +
        `more than one cent per line apart`,
    );
  }
  return { lines: all, adjustment: decision.kind === 'adjust' ? decision.adjustment : 0 };
}

/** The flag a document carries when its total needed an adjustment. */
function flagOf(adjustment: Minor): string | undefined {
  return adjustment === 0
    ? undefined
    : `Adjusted by ${minorToDecimal(adjustment, ZOHO_MINOR_DIGITS)} to match the CRM total`;
}

/**
 * Checks the provider's total against ours after a create; a difference within the rule is
 * booked with one more adjustment (and flagged), a larger one dead-letters the row.
 */
async function settleTotal(
  ctx: SendContext,
  what: string,
  remote: RemoteTotalled | undefined,
  localTotal: Minor,
  lineCount: number,
  adjust: ((adjustment: Minor) => Promise<RemoteTotalled>) | undefined,
): Promise<string | undefined> {
  if (!remote || remote.total === localTotal) {
    return undefined;
  }
  const decision = decideAmountDifference({
    localTotal,
    remoteTotal: remote.subTotal,
    lineCount,
  });
  if (decision.kind !== 'adjust' || !adjust) {
    throw new DeadLetter(
      `${what}: the provider's total ${minorToDecimal(remote.total, ZOHO_MINOR_DIGITS)} differs ` +
        `from ours ${minorToDecimal(localTotal, ZOHO_MINOR_DIGITS)}`,
    );
  }
  const adjusted = await adjust(decision.adjustment);
  if (adjusted.total !== localTotal) {
    throw new DeadLetter(`${what}: the adjusted total still differs from ours`);
  }
  return flagOf(decision.adjustment);
}

export async function sendInvoice(ctx: SendContext, row: OutboxRow): Promise<SendOutcome> {
  const order = await readOrder(ctx.strapi, row.sourceId);
  if (!order?.invoiceNumber || !order.invoiceDate) {
    throw new DeadLetter(`Order ${row.sourceId} has no invoice to mirror`);
  }
  if (!order.customer) {
    throw new DeadLetter(`Order ${order.number} has no customer`);
  }
  const what = `Invoice ${order.invoiceNumber}`;
  const { remoteContactId, remoteItemIds } = await requireParties(
    ctx,
    order.customer,
    order.lines.map((line) => ({
      asset: line.asset,
      where: `${order.number} line ${line.lineNo}`,
    })),
  );
  const lines: DocumentLine[] = [];
  for (const [index, line] of order.lines.entries()) {
    lines.push({
      remoteItemId: remoteItemIds[index]!,
      quantity: line.quantity,
      rate: discountedRate(
        line.unitPrice,
        line.discount,
        ZOHO_MINOR_DIGITS,
        ctx.provider.limits.rateDecimalPlaces,
      ),
    });
  }
  const plan = await planTotals(ctx, what, lines, order);
  const draft: TotalledDraft = {
    marker: order.invoiceNumber,
    remoteContactId,
    date: order.invoiceDate,
    reference: order.number,
    lines: plan.lines,
    adjustment: plan.adjustment,
    adjustmentNote: ROUNDING_NOTE,
  };
  if (ctx.isDryRun) {
    return { kind: 'previewed', preview: { kind: 'invoice', ...draft } };
  }
  const { provider, gate } = ctx;
  const mirrored = await mirror(ctx, 'invoice', order.documentId, order.invoiceNumber, {
    find: (session, marker) => provider.findInvoice(session, marker),
    create: (session) => provider.createInvoice(session, draft),
  });
  const lateFlag = await settleTotal(
    ctx,
    what,
    mirrored.remote,
    order.total,
    plan.lines.length,
    // The adjustment replaces the one sent: it is the whole difference to the sub-total.
    (adjustment) =>
      gate.call((session) =>
        provider.adjustInvoice(session, mirrored.remoteId, adjustment, ROUNDING_NOTE),
      ),
  );
  return { kind: 'synced', remoteId: mirrored.remoteId, flag: lateFlag ?? flagOf(plan.adjustment) };
}

export async function sendCreditNote(ctx: SendContext, row: OutboxRow): Promise<SendOutcome> {
  const note = await readCreditNote(ctx.strapi, row.sourceId);
  if (!note) {
    throw new DeadLetter(`Credit note ${row.sourceId} does not exist`);
  }
  const order = await readOrder(ctx.strapi, note.orderDocumentId);
  if (!order?.customer || !order.invoiceNumber) {
    throw new DeadLetter(`Credit note ${note.number}: its order has no customer or invoice`);
  }
  const what = `Credit note ${note.number}`;
  const remoteInvoiceId = await mirroredIdOrWait(
    ctx,
    'invoice',
    order.documentId,
    `invoice ${order.invoiceNumber}`,
  );
  const credited = note.lines.filter((line) => line.quantity > 0);
  const { remoteContactId, remoteItemIds } = await requireParties(
    ctx,
    order.customer,
    credited.map((line) => ({ asset: line.asset, where: `${note.number} line ${line.lineNo}` })),
  );
  const lines: DocumentLine[] = [];
  for (const [index, line] of credited.entries()) {
    lines.push({
      remoteItemId: remoteItemIds[index]!,
      quantity: line.quantity,
      rate: unitRateOf(
        line.net,
        line.quantity,
        ZOHO_MINOR_DIGITS,
        ctx.provider.limits.rateDecimalPlaces,
      ),
    });
  }
  const plan = await planTotals(ctx, what, lines, note);
  const draft = {
    marker: note.number,
    remoteContactId,
    remoteInvoiceId,
    date: note.creditDate,
    reference: order.invoiceNumber,
    lines: plan.lines,
    adjustment: plan.adjustment,
    adjustmentNote: ROUNDING_NOTE,
  };
  if (ctx.isDryRun) {
    return { kind: 'previewed', preview: { kind: 'creditNote', ...draft } };
  }
  const { provider, gate } = ctx;
  const mirrored = await mirror(ctx, 'creditNote', note.number, note.number, {
    find: (session, marker) => provider.findCreditNote(session, marker),
    create: (session) => provider.createCreditNote(session, draft),
  });
  const lateFlag = await settleTotal(
    ctx,
    what,
    mirrored.remote,
    note.total,
    plan.lines.length,
    (adjustment) =>
      gate.call((session) =>
        provider.adjustCreditNote(session, mirrored.remoteId, adjustment, ROUNDING_NOTE),
      ),
  );
  return { kind: 'synced', remoteId: mirrored.remoteId, flag: lateFlag ?? flagOf(plan.adjustment) };
}
