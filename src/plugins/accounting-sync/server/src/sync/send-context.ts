import type { Core } from '@strapi/strapi';
import type {
  AccountingProvider,
  ProviderSession,
  RemoteRef,
} from '../providers/accounting-provider';
import { isSameRate, rateToPercent } from '../domain/money';
import type { ApiGate } from './api-gate';
import { mirrorOnce, remoteIdOf, type MappedKind } from './id-map';
import type { LocalAsset, LocalCustomer } from './local-documents';
import { SYSTEM_ITEMS, contactDraft, itemDraft, taxDraft } from './local-documents';
import type { OutboxKind } from './outbox';

/** What a sender needs: the app, the provider, the gate every call goes through, who we are. */
export interface SendContext {
  readonly strapi: Core.Strapi;
  readonly provider: AccountingProvider;
  readonly gate: ApiGate;
  readonly workerId: string;
  /** Record what would be sent; send nothing. */
  readonly isDryRun: boolean;
}

/** What became of a row. */
export type SendOutcome =
  | { readonly kind: 'synced'; readonly remoteId: string; readonly flag?: string }
  | { readonly kind: 'wait'; readonly reason: string }
  | { readonly kind: 'previewed'; readonly preview: unknown };

/** A reason, found locally, that retrying cannot fix: the row is dead-lettered with it. */
export class DeadLetter extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadLetter';
  }
}

/** A dependency is not mirrored yet: the row waits and comes back. */
export class WaitForDependency extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaitForDependency';
  }
}

/** A mirrored document's remote id, or a placeholder naming it in a dry run. */
export async function mirroredIdOrWait(
  ctx: SendContext,
  kind: OutboxKind,
  localKey: string,
  label: string,
): Promise<string> {
  const remoteId = await remoteIdOf(ctx.strapi, ctx.provider.name, kind, localKey);
  if (remoteId) {
    return remoteId;
  }
  if (ctx.isDryRun) {
    return `(${label})`;
  }
  throw new WaitForDependency(`Waiting for ${label} to be mirrored`);
}

/**
 * Mirrors one local record exactly once (see `mirrorOnce`), every provider call through the gate.
 */
function mirror<Remote extends RemoteRef>(
  ctx: SendContext,
  kind: MappedKind,
  localKey: string,
  marker: string,
  calls: {
    find: (session: ProviderSession, marker: string) => Promise<Remote | undefined>;
    create: (session: ProviderSession) => Promise<Remote>;
    isLookedUpFirst?: boolean;
  },
) {
  return mirrorOnce(ctx.strapi, {
    provider: ctx.provider.name,
    kind,
    localKey,
    marker,
    workerId: ctx.workerId,
    isLookedUpFirst: calls.isLookedUpFirst,
    find: (lookedUp) => ctx.gate.call((session) => calls.find(session, lookedUp)),
    create: () => ctx.gate.call(calls.create),
  });
}

/** The customer's contact, created the first time a document needs it. */
export async function ensureContact(ctx: SendContext, customer: LocalCustomer): Promise<string> {
  const draft = contactDraft(customer);
  if (ctx.isDryRun) {
    const known = await remoteIdOf(ctx.strapi, ctx.provider.name, 'contact', customer.documentId);
    return known ?? `(contact ${draft.marker})`;
  }
  const { provider } = ctx;
  const mirrored = await mirror(ctx, 'contact', customer.documentId, draft.marker, {
    find: (session, marker) => provider.findContact(session, marker),
    create: (session) => provider.createContact(session, draft),
  });
  return mirrored.remoteId;
}

/** The asset's item, created the first time a document needs it. */
export async function ensureItem(ctx: SendContext, asset: LocalAsset): Promise<string> {
  return ensureItemDraft(ctx, asset.documentId, itemDraft(asset));
}

export function ensureSystemItem(
  ctx: SendContext,
  which: keyof typeof SYSTEM_ITEMS,
): Promise<string> {
  const item = SYSTEM_ITEMS[which];
  return ensureItemDraft(ctx, item.localKey, item.draft);
}

async function ensureItemDraft(
  ctx: SendContext,
  localKey: string,
  draft: Parameters<AccountingProvider['createItem']>[1],
): Promise<string> {
  if (ctx.isDryRun) {
    const known = await remoteIdOf(ctx.strapi, ctx.provider.name, 'item', localKey);
    return known ?? `(item ${draft.marker})`;
  }
  const { provider } = ctx;
  const mirrored = await mirror(ctx, 'item', localKey, draft.marker, {
    find: (session, marker) => provider.findItem(session, marker),
    create: (session) => provider.createItem(session, draft),
  });
  return mirrored.remoteId;
}

/**
 * The provider's tax for one rate, found (by our name, or any simple tax of the rate) or created
 * the first time a document needs it, and remembered in the id map like contacts and items.
 */
export async function ensureTax(ctx: SendContext, rate: string): Promise<string> {
  const draft = taxDraft(rate);
  const localKey = `rate:${rate}`;
  if (ctx.isDryRun) {
    const known = await remoteIdOf(ctx.strapi, ctx.provider.name, 'tax', localKey);
    return known ?? `(tax ${draft.marker})`;
  }
  const { provider } = ctx;
  const mirrored = await mirror(ctx, 'tax', localKey, draft.marker, {
    isLookedUpFirst: true,
    find: async (session) => {
      const found = await provider.findTax(session, draft);
      if (found && !isSameRate(found.rate, rate)) {
        throw new DeadLetter(
          `The provider's tax "${found.marker}" charges ${rateToPercent(found.rate)}%, not ` +
            `${rateToPercent(rate)}%; rename it or make it ${rateToPercent(rate)}%`,
        );
      }
      return found;
    },
    create: (session) => provider.createTax(session, draft),
  });
  return mirrored.remoteId;
}

export { mirror };
