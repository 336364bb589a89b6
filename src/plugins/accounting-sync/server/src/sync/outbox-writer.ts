import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  ASSET_UID,
  CREDIT_NOTE_UID,
  CUSTOMER_UID,
  ID_MAP_UID,
  ORDER_UID,
  OUTBOX_UID,
  PAYMENT_UID,
} from '../uids';
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

/** How many rows `enqueueExisting` added, per kind. */
export type ExistingQueued = Partial<Record<OutboxKind, number>>;

const PAGE = 500;

async function eachPage<Row>(
  strapi: Core.Strapi,
  uid: string,
  where: Record<string, unknown>,
  select: string[],
  visit: (row: Row) => Promise<boolean>,
): Promise<number> {
  let added = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await rows<Row>(strapi, uid).findMany({
      where,
      select,
      orderBy: { id: 'asc' },
      limit: PAGE,
      offset,
    });
    for (const row of page) {
      added += (await visit(row)) ? 1 : 0;
    }
    if (page.length < PAGE) {
      return added;
    }
  }
}

/**
 * Queues the records that existed before the connector was enabled: customers and assets not
 * mirrored yet, and the invoices, payments, refunds and credit notes already issued. Repeating
 * it adds nothing twice (event keys are unique).
 */
export async function enqueueExisting(strapi: Core.Strapi): Promise<ExistingQueued> {
  const connection = await findConnection(strapi);
  if (!connection?.isEnabled) {
    return {};
  }
  const mirror = mirrorOf(connection);
  const queued: ExistingQueued = {};
  const add = async (row: NewRow): Promise<boolean> => {
    if (!mirror[TOGGLE_OF[row.kind]]) {
      return false;
    }
    const outbox = rows<OutboxRow>(strapi, OUTBOX_UID);
    if (await outbox.findOne({ where: { eventKey: row.eventKey } })) {
      return false;
    }
    await enqueue(strapi, row);
    queued[row.kind] = (queued[row.kind] ?? 0) + 1;
    return true;
  };
  const unmapped = async (kind: 'contact' | 'item', documentId: string) =>
    !(
      await rows<{ remoteId: string | null }>(strapi, ID_MAP_UID).findOne({
        where: { provider: connection.provider, kind, localKey: documentId },
      })
    )?.remoteId;
  await eachPage<{ documentId: string }>(
    strapi,
    CUSTOMER_UID,
    {},
    ['documentId'],
    async (c) =>
      (await unmapped('contact', c.documentId)) &&
      add({
        kind: 'contact',
        eventKey: `contact:${c.documentId}:existing`,
        sourceId: c.documentId,
        payload: { documentId: c.documentId },
      }),
  );
  await eachPage<{ documentId: string }>(
    strapi,
    ASSET_UID,
    {},
    ['documentId'],
    async (a) =>
      (await unmapped('item', a.documentId)) &&
      add({
        kind: 'item',
        eventKey: `item:${a.documentId}:existing`,
        sourceId: a.documentId,
        payload: { documentId: a.documentId },
      }),
  );
  await eachPage<{ documentId: string; invoiceNumber: string | null }>(
    strapi,
    ORDER_UID,
    { invoiceNumber: { $notNull: true } },
    ['documentId', 'invoiceNumber'],
    async (order) =>
      add({
        kind: 'invoice',
        eventKey: `invoice:${order.invoiceNumber}`,
        sourceId: order.documentId,
        orderDocumentId: order.documentId,
        payload: { orderDocumentId: order.documentId, invoiceNumber: order.invoiceNumber },
      }),
  );
  await eachPage<{ paymentKey: string; kind: 'payment' | 'refund'; orderDocumentId: string }>(
    strapi,
    PAYMENT_UID,
    {},
    ['paymentKey', 'kind', 'orderDocumentId'],
    async (payment) =>
      add({
        kind: payment.kind,
        eventKey: `${payment.kind}:${payment.paymentKey}`,
        sourceId: payment.paymentKey,
        orderDocumentId: payment.orderDocumentId,
        payload: { paymentKey: payment.paymentKey },
      }),
  );
  await eachPage<{ number: string; orderDocumentId: string }>(
    strapi,
    CREDIT_NOTE_UID,
    {},
    ['number', 'orderDocumentId'],
    async (note) =>
      add({
        kind: 'creditNote',
        eventKey: `creditNote:${note.number}`,
        sourceId: note.number,
        orderDocumentId: note.orderDocumentId,
        payload: { creditNoteNumber: note.number },
      }),
  );
  return queued;
}
