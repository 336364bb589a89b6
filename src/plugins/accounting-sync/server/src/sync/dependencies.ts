import { randomUUID } from 'node:crypto';
import { OUTBOX_UID } from '../uids';
import { rows } from './db';
import { remoteIdOf } from './id-map';
import { contactDraft, itemDraft, type LocalAsset, type LocalCustomer } from './local-documents';
import type { OutboxRow } from './outbox';
import { enqueue } from './outbox-writer';
import { WaitForDependency, type SendContext } from './send-context';

/**
 * A document's contact and items go first, each as an outbox row of its own: a document whose
 * contact or item is not mirrored yet queues the missing ones (unless a row for them is already
 * waiting) and waits for them. So a contact the provider refuses is dead-lettered on its own row,
 * with its own retry, and every document that needs it waits instead of failing with it.
 */

/** A contact or item a document needs, named as the administrator would look for it. */
export interface Dependency {
  readonly kind: 'contact' | 'item';
  readonly localKey: string;
  readonly label: string;
}

export const contactDependency = (customer: LocalCustomer): Dependency => ({
  kind: 'contact',
  localKey: customer.documentId,
  label: `contact ${contactDraft(customer).marker}`,
});

export const itemDependency = (asset: LocalAsset): Dependency => ({
  kind: 'item',
  localKey: asset.documentId,
  label: `item ${itemDraft(asset).marker}`,
});

/** Queues a row for the dependency unless one waits already; says what the document waits for. */
async function queueDependency(ctx: SendContext, dependency: Dependency): Promise<string> {
  const outbox = rows<OutboxRow>(ctx.strapi, OUTBOX_UID);
  const [latest] = await outbox.findMany({
    where: {
      kind: dependency.kind,
      sourceId: dependency.localKey,
      state: { $in: ['pending', 'dead'] },
    },
    orderBy: [{ id: 'desc' }],
    limit: 1,
  });
  if (latest?.state === 'dead') {
    // NOTE: not queued again: it failed for a reason retrying cannot fix, and the administrator
    // retries it (after a fix) from the dead letters, where it shows with its reason.
    return `${dependency.label} (row ${latest.id} is dead-lettered: ${latest.lastError ?? 'no reason'})`;
  }
  if (!latest) {
    await enqueue(ctx.strapi, {
      kind: dependency.kind,
      // A fresh key: an older row for the same record (synced, then unmapped) must not block it.
      eventKey: `${dependency.kind}:${dependency.localKey}:needed:${randomUUID()}`,
      sourceId: dependency.localKey,
      payload: { documentId: dependency.localKey },
    });
  }
  return dependency.label;
}

/**
 * The remote ids of the dependencies, in order; when any is not mirrored yet, queues each missing
 * one and throws `WaitForDependency`. In a dry run a missing one is a placeholder.
 */
export async function requireMirrored(
  ctx: SendContext,
  dependencies: readonly Dependency[],
): Promise<string[]> {
  const ids: string[] = [];
  const missing = new Map<string, Dependency>();
  for (const dependency of dependencies) {
    const remoteId = await remoteIdOf(
      ctx.strapi,
      ctx.provider.name,
      dependency.kind,
      dependency.localKey,
    );
    if (remoteId) {
      ids.push(remoteId);
    } else if (ctx.isDryRun) {
      ids.push(`(${dependency.label})`);
    } else {
      missing.set(`${dependency.kind}:${dependency.localKey}`, dependency);
    }
  }
  if (missing.size === 0) {
    return ids;
  }
  const waitingFor: string[] = [];
  for (const dependency of missing.values()) {
    waitingFor.push(await queueDependency(ctx, dependency));
  }
  throw new WaitForDependency(`Waiting for ${waitingFor.join(', ')} to be mirrored`);
}
