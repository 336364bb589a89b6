/** An outbox row as stored. */
export type OutboxKind = 'contact' | 'item' | 'invoice' | 'payment' | 'refund' | 'creditNote';

export type OutboxState = 'pending' | 'synced' | 'dead' | 'previewed';

export interface OutboxRow {
  readonly id: number;
  readonly eventKey: string;
  readonly kind: OutboxKind;
  readonly sourceId: string;
  readonly orderDocumentId: string | null;
  readonly payload: Record<string, unknown> | null;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly claimedBy: string | null;
  readonly claimedUntil: string | null;
  readonly isOutcomeUnknown: boolean | null;
  readonly lastError: string | null;
  readonly remoteId: string | null;
  readonly isFlagged: boolean | null;
  readonly flagReason: string | null;
  readonly preview: unknown;
  readonly syncedAt: string | null;
}
