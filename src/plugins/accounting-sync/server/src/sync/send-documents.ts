import type { Minor } from '../domain/money';
import type {
  ProviderSession,
  RemoteTotalled,
  TotalledDraft,
} from '../providers/accounting-provider';
import { contactDependency, itemDependency, requireMirrored } from './dependencies';
import { flagOf, planDocument, settleTotal, type ItemLine } from './document-totals';
import { recordRemoteTotals } from './id-map';
import { readCreditNote, readOrder, type LocalAsset, type LocalCustomer } from './local-documents';
import type { OutboxRow } from './outbox';
import {
  DeadLetter,
  mirror,
  mirroredIdOrWait,
  type SendContext,
  type SendOutcome,
} from './send-context';

/** Invoices and credit notes: lines, the amount rule, exactly-once create, total check. */

const ROUNDING_NOTE = 'Rounding difference to the CRM total';

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

/** How one kind of document is created, found again and adjusted at the provider. */
interface DocumentCalls {
  readonly kind: 'invoice' | 'creditNote';
  readonly localKey: string;
  readonly what: string;
  readonly localTotal: Minor;
  readonly find: (session: ProviderSession, marker: string) => Promise<RemoteTotalled | undefined>;
  readonly create: (session: ProviderSession) => Promise<RemoteTotalled>;
  readonly adjust: (
    session: ProviderSession,
    remoteId: string,
    adjustment: Minor,
  ) => Promise<RemoteTotalled>;
}

/**
 * Creates the document exactly once, brings its total to ours (the amount rule) and records the
 * remote total and adjustment that reconciliation compares with ours.
 */
async function mirrorDocument(
  ctx: SendContext,
  draft: TotalledDraft,
  calls: DocumentCalls,
): Promise<SendOutcome> {
  const { gate, provider } = ctx;
  const mirrored = await mirror(ctx, calls.kind, calls.localKey, draft.marker, {
    find: calls.find,
    create: calls.create,
  });
  // NOTE: a document mapped by an earlier attempt is read again, so that its totals are checked
  // and recorded even when that attempt stopped before it could.
  const remote =
    mirrored.remote ?? (await gate.call((session) => calls.find(session, draft.marker)));
  if (!remote) {
    throw new DeadLetter(
      `${calls.what} was mirrored as ${mirrored.remoteId}, which the provider no longer has`,
    );
  }
  const settled = await settleTotal(
    calls.what,
    remote,
    calls.localTotal,
    draft.lines.length,
    (adjustment) => gate.call((session) => calls.adjust(session, remote.remoteId, adjustment)),
  );
  await recordRemoteTotals(ctx.strapi, provider.name, calls.kind, calls.localKey, settled);
  return { kind: 'synced', remoteId: mirrored.remoteId, flag: flagOf(settled.adjustment) };
}

/** Mirrors a fulfilled order's invoice, once its contact and items are mirrored. */
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
  const itemLines: ItemLine[] = order.lines.map((line, index) => ({
    remoteItemId: remoteItemIds[index]!,
    quantity: line.quantity,
    amount: line.net,
    taxRate: line.taxRate,
  }));
  const plan = await planDocument(ctx, what, itemLines, order);
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
  const { provider } = ctx;
  return mirrorDocument(ctx, draft, {
    kind: 'invoice',
    localKey: order.documentId,
    what,
    localTotal: order.total,
    find: (session, marker) => provider.findInvoice(session, marker),
    create: (session) => provider.createInvoice(session, draft),
    adjust: (session, remoteId, adjustment) =>
      provider.adjustInvoice(session, remoteId, adjustment, ROUNDING_NOTE),
  });
}

/** Mirrors a return's credit note against its mirrored invoice. */
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
  const itemLines: ItemLine[] = credited.map((line, index) => {
    // A credit line is taxed at the rate of the order line it credits.
    const ordered = order.lines.find((candidate) => candidate.lineNo === line.lineNo);
    if (!ordered) {
      throw new DeadLetter(`${what} line ${line.lineNo} credits no line of ${order.number}`);
    }
    return {
      remoteItemId: remoteItemIds[index]!,
      quantity: line.quantity,
      amount: line.net,
      taxRate: ordered.taxRate,
    };
  });
  const plan = await planDocument(ctx, what, itemLines, note);
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
  const { provider } = ctx;
  return mirrorDocument(ctx, draft, {
    kind: 'creditNote',
    localKey: note.number,
    what,
    localTotal: note.total,
    find: (session, marker) => provider.findCreditNote(session, marker),
    create: (session) => provider.createCreditNote(session, draft),
    adjust: (session, remoteId, adjustment) =>
      provider.adjustCreditNote(session, remoteId, adjustment, ROUNDING_NOTE),
  });
}
