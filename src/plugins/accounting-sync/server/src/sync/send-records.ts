import { contactDraft, itemDraft, readAsset, readCustomer } from './local-documents';
import { findMapping } from './id-map';
import type { OutboxRow } from './outbox';
import {
  DeadLetter,
  ensureContact,
  ensureItem,
  type SendContext,
  type SendOutcome,
} from './send-context';

/**
 * Contacts and items: a row updates the mirrored record with the current data, or creates it
 * when the administrator asked to mirror existing records.
 */

export async function sendContact(ctx: SendContext, row: OutboxRow): Promise<SendOutcome> {
  const customer = await readCustomer(ctx.strapi, row.sourceId);
  if (!customer) {
    throw new DeadLetter(`Customer ${row.sourceId} does not exist`);
  }
  const mapped = await findMapping(ctx.strapi, ctx.provider.name, 'contact', customer.documentId);
  const draft = contactDraft(customer);
  if (ctx.isDryRun) {
    return {
      kind: 'previewed',
      preview: { kind: 'contact', remoteId: mapped?.remoteId, ...draft },
    };
  }
  if (mapped?.remoteId) {
    const { provider, gate } = ctx;
    const remoteId = mapped.remoteId;
    await gate.call((session) => provider.updateContact(session, remoteId, draft));
    return { kind: 'synced', remoteId };
  }
  return { kind: 'synced', remoteId: await ensureContact(ctx, customer) };
}

export async function sendItem(ctx: SendContext, row: OutboxRow): Promise<SendOutcome> {
  const asset = await readAsset(ctx.strapi, row.sourceId);
  if (!asset) {
    throw new DeadLetter(`Stock item ${row.sourceId} does not exist`);
  }
  const mapped = await findMapping(ctx.strapi, ctx.provider.name, 'item', asset.documentId);
  const draft = itemDraft(asset);
  if (ctx.isDryRun) {
    return {
      kind: 'previewed',
      preview: { ...draft, kind: 'item', itemKind: draft.kind, remoteId: mapped?.remoteId },
    };
  }
  if (mapped?.remoteId) {
    const { provider, gate } = ctx;
    const remoteId = mapped.remoteId;
    await gate.call((session) => provider.updateItem(session, remoteId, draft));
    return { kind: 'synced', remoteId };
  }
  return { kind: 'synced', remoteId: await ensureItem(ctx, asset) };
}
