import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { ID_MAP_UID, OUTBOX_UID } from '../uids';
import { findConnection, mirrorOf, type ConnectionRow, type MirrorToggles } from './connection';
import { rows } from './db';
import type { OutboxKind, OutboxRow } from './outbox';

/**
 * Turns the core's domain events into outbox rows. The core emits them inside the transaction of
 * the change and awaits each listener, so these writes commit or roll back with the change.
 * Nothing is written while the connector is off or the kind is not mirrored.
 *
 * NOTE: the payload shapes repeat src/platform/domain-events.ts (the contract) on purpose: the
 * plugin is bundled on its own and must not import the core's modules.
 */

interface CustomerSaved {
  customerDocumentId: string;
}
interface AssetSaved {
  assetDocumentId: string;
}
interface OrderFulfilled {
  orderDocumentId: string;
  customerDocumentId: string | null;
  invoiceNumber: string;
}
interface MoneyMoved {
  orderDocumentId: string;
  customerDocumentId: string | null;
  paymentKey: string;
  amount: number;
  date: string;
}
interface ReturnRecorded {
  orderDocumentId: string;
  customerDocumentId: string | null;
  creditNoteNumber: string;
}

export const DOMAIN_EVENTS = {
  customerSaved: 'middlepath.customer.saved',
  assetSaved: 'middlepath.asset.saved',
  orderFulfilled: 'middlepath.order.fulfilled',
  paymentRecorded: 'middlepath.payment.recorded',
  refundRecorded: 'middlepath.refund.recorded',
  returnRecorded: 'middlepath.return.recorded',
} as const;

const TOGGLE_OF: Readonly<Record<OutboxKind, keyof MirrorToggles>> = {
  contact: 'contacts',
  item: 'items',
  invoice: 'invoices',
  payment: 'payments',
  refund: 'refunds',
  creditNote: 'creditNotes',
};

interface NewRow {
  readonly kind: OutboxKind;
  readonly eventKey: string;
  readonly sourceId: string;
  readonly orderDocumentId?: string | null;
  readonly payload: object;
}

async function activeConnection(
  strapi: Core.Strapi,
  kind: OutboxKind,
): Promise<ConnectionRow | undefined> {
  const connection = await findConnection(strapi);
  if (!connection?.isEnabled || !mirrorOf(connection)[TOGGLE_OF[kind]]) {
    return undefined;
  }
  return connection;
}

/** Adds a row unless one with the same event key exists (a repeated event has its effect once). */
export async function enqueue(strapi: Core.Strapi, row: NewRow): Promise<void> {
  const outbox = rows<OutboxRow>(strapi, OUTBOX_UID);
  if (await outbox.findOne({ where: { eventKey: row.eventKey } })) {
    return;
  }
  await outbox.create({
    data: { ...row, state: 'pending', attempts: 0, nextAttemptAt: new Date() },
  });
}

/**
 * A saved customer or asset is mirrored again only when it is mirrored already (a new one is
 * created when a document first needs it), and only once while an update is still waiting.
 */
async function enqueueUpdate(
  strapi: Core.Strapi,
  kind: 'contact' | 'item',
  documentId: string,
): Promise<void> {
  const connection = await activeConnection(strapi, kind);
  if (!connection) {
    return;
  }
  const mapped = await rows<{ remoteId: string | null }>(strapi, ID_MAP_UID).findOne({
    where: { provider: connection.provider, kind, localKey: documentId },
  });
  if (!mapped?.remoteId) {
    return;
  }
  const waiting = await rows<OutboxRow>(strapi, OUTBOX_UID).count({
    where: { kind, sourceId: documentId, state: 'pending' },
  });
  if (waiting > 0) {
    return;
  }
  await enqueue(strapi, {
    kind,
    eventKey: `${kind}:${documentId}:${randomUUID()}`,
    sourceId: documentId,
    payload: { documentId },
  });
}

async function enqueueIfMirrored(strapi: Core.Strapi, row: NewRow): Promise<void> {
  if (await activeConnection(strapi, row.kind)) {
    await enqueue(strapi, row);
  }
}

/** Subscribes to the core's events; returns the unsubscribe functions. */
export function subscribeToDomainEvents(strapi: Core.Strapi): (() => void)[] {
  const on = <Payload>(name: string, listener: (payload: Payload) => Promise<void>) =>
    strapi.eventHub.on(name, (payload: unknown) => listener(payload as Payload)) as () => void;
  return [
    on<CustomerSaved>(DOMAIN_EVENTS.customerSaved, (event) =>
      enqueueUpdate(strapi, 'contact', event.customerDocumentId),
    ),
    on<AssetSaved>(DOMAIN_EVENTS.assetSaved, (event) =>
      enqueueUpdate(strapi, 'item', event.assetDocumentId),
    ),
    on<OrderFulfilled>(DOMAIN_EVENTS.orderFulfilled, (event) =>
      enqueueIfMirrored(strapi, {
        kind: 'invoice',
        eventKey: `invoice:${event.invoiceNumber}`,
        sourceId: event.orderDocumentId,
        orderDocumentId: event.orderDocumentId,
        payload: event,
      }),
    ),
    on<MoneyMoved>(DOMAIN_EVENTS.paymentRecorded, (event) =>
      enqueueIfMirrored(strapi, {
        kind: 'payment',
        eventKey: `payment:${event.paymentKey}`,
        sourceId: event.paymentKey,
        orderDocumentId: event.orderDocumentId,
        payload: event,
      }),
    ),
    on<MoneyMoved>(DOMAIN_EVENTS.refundRecorded, (event) =>
      enqueueIfMirrored(strapi, {
        kind: 'refund',
        eventKey: `refund:${event.paymentKey}`,
        sourceId: event.paymentKey,
        orderDocumentId: event.orderDocumentId,
        payload: event,
      }),
    ),
    on<ReturnRecorded>(DOMAIN_EVENTS.returnRecorded, (event) =>
      enqueueIfMirrored(strapi, {
        kind: 'creditNote',
        eventKey: `creditNote:${event.creditNoteNumber}`,
        sourceId: event.creditNoteNumber,
        orderDocumentId: event.orderDocumentId,
        payload: event,
      }),
    ),
  ];
}
