import type { Core } from '@strapi/strapi';
import type { Minor } from '../domain/money';
import type { ProviderName, RemoteRef } from '../providers/accounting-provider';
import { ID_MAP_UID } from '../uids';
import { rows } from './db';
import type { OutboxKind } from './outbox';

/** What the map holds: the outbox's records, and the taxes documents need (no rows of their own). */
export type MappedKind = OutboxKind | 'tax';

/**
 * The local↔remote id map. A worker claims the entry (a row with no remote id yet) before it
 * creates the remote document, so two workers never create the same one: the second one's
 * insert hits the unique index and it waits. Finding a claim that is not fresh and ours-now
 * means an earlier attempt may have created the document, so it is looked up before any create.
 */

export interface IdMapRow {
  readonly id: number;
  readonly provider: string;
  readonly kind: MappedKind;
  readonly localKey: string;
  readonly marker: string;
  readonly remoteId: string | null;
  readonly claimedBy: string | null;
  readonly claimedAt: string | null;
  /** An invoice's or credit note's remote total and adjustment when it was last synced. */
  readonly remoteTotal: number | string | null;
  readonly remoteAdjustment: number | string | null;
}

/** Another worker is creating this document right now: the row waits and comes back. */
export class ClaimedElsewhere extends Error {
  constructor(kind: MappedKind, localKey: string) {
    super(`The ${kind} for ${localKey} is being created by another worker`);
    this.name = 'ClaimedElsewhere';
  }
}

/** A claim older than this belongs to a worker that died or gave up; it may be taken over. */
const CLAIM_TTL_MS = 2 * 60_000;

export const idMapRows = (strapi: Core.Strapi) => rows<IdMapRow>(strapi, ID_MAP_UID);

export async function findMapping(
  strapi: Core.Strapi,
  provider: ProviderName,
  kind: MappedKind,
  localKey: string,
): Promise<IdMapRow | null> {
  return idMapRows(strapi).findOne({ where: { provider, kind, localKey } });
}

export async function remoteIdOf(
  strapi: Core.Strapi,
  provider: ProviderName,
  kind: MappedKind,
  localKey: string,
): Promise<string | undefined> {
  return (await findMapping(strapi, provider, kind, localKey))?.remoteId ?? undefined;
}

function isUniqueViolation(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /unique|duplicate/i.test(message);
}

export interface MirrorSpec<Remote extends RemoteRef> {
  readonly provider: ProviderName;
  readonly kind: MappedKind;
  readonly localKey: string;
  /** What the document is looked up by; fixed at the first claim. */
  readonly marker: string;
  readonly workerId: string;
  /**
   * Look the record up before the first create too: for records the provider's users may have
   * made themselves (taxes), which are found and used instead of made again.
   */
  readonly isLookedUpFirst?: boolean;
  readonly find: (marker: string) => Promise<Remote | undefined>;
  readonly create: () => Promise<Remote>;
}

export interface Mirrored<Remote extends RemoteRef> {
  readonly remoteId: string;
  /** The remote document as created or found now; undefined when it was mapped before. */
  readonly remote?: Remote;
  readonly wasCreated: boolean;
}

/**
 * The remote id of a local record, creating the remote document exactly once: claim, look up
 * when an earlier attempt may have sent it, create, record.
 */
export async function mirrorOnce<Remote extends RemoteRef>(
  strapi: Core.Strapi,
  spec: MirrorSpec<Remote>,
): Promise<Mirrored<Remote>> {
  const { provider, kind, localKey, workerId } = spec;
  const existing = await findMapping(strapi, provider, kind, localKey);
  if (existing?.remoteId) {
    return { remoteId: existing.remoteId, wasCreated: false };
  }
  let claim: IdMapRow;
  let isFirstClaim = false;
  if (!existing) {
    try {
      claim = await idMapRows(strapi).create({
        data: {
          provider,
          kind,
          localKey,
          marker: spec.marker,
          claimedBy: workerId,
          claimedAt: new Date(),
        },
      });
      isFirstClaim = true;
    } catch (error) {
      if (!isUniqueViolation(error)) {
        throw error;
      }
      throw new ClaimedElsewhere(kind, localKey);
    }
  } else {
    claim = await takeOver(strapi, existing, workerId);
  }
  // NOTE: only a claim we just made proves no create was ever sent for this record.
  const found = isFirstClaim && !spec.isLookedUpFirst ? undefined : await spec.find(claim.marker);
  const remote = found ?? (await spec.create());
  await idMapRows(strapi).update({
    where: { id: claim.id },
    data: { remoteId: remote.remoteId, claimedBy: null, claimedAt: null },
  });
  return { remoteId: remote.remoteId, remote, wasCreated: found === undefined };
}

async function takeOver(strapi: Core.Strapi, claim: IdMapRow, workerId: string): Promise<IdMapRow> {
  const claimedAt = claim.claimedAt ? new Date(claim.claimedAt).getTime() : 0;
  const isFresh = Date.now() - claimedAt < CLAIM_TTL_MS;
  if (claim.claimedBy !== workerId && isFresh) {
    throw new ClaimedElsewhere(claim.kind, claim.localKey);
  }
  const { count } = await idMapRows(strapi).updateMany({
    where: {
      id: claim.id,
      remoteId: { $null: true },
      claimedBy: claim.claimedBy === null ? { $null: true } : claim.claimedBy,
    },
    data: { claimedBy: workerId, claimedAt: new Date() },
  });
  if (count !== 1) {
    throw new ClaimedElsewhere(claim.kind, claim.localKey);
  }
  return claim;
}

/** Records what an invoice's or credit note's remote total and adjustment were when synced. */
export async function recordRemoteTotals(
  strapi: Core.Strapi,
  provider: ProviderName,
  kind: 'invoice' | 'creditNote',
  localKey: string,
  totals: { readonly total: Minor; readonly adjustment: Minor },
): Promise<void> {
  await idMapRows(strapi).updateMany({
    where: { provider, kind, localKey },
    data: { remoteTotal: totals.total, remoteAdjustment: totals.adjustment },
  });
}
