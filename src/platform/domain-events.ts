import type { Core } from '@strapi/strapi';

/**
 * Domain events: what the core tells extensions (the accounting connector) about business changes.
 * They are emitted inside the transaction of the change itself, and Strapi's event hub awaits each
 * listener in turn, so a listener's writes through `strapi.db` join that transaction: they commit
 * with the change or roll back with it, and a listener that throws refuses the change.
 */
export interface DomainEvents {
  'middlepath.customer.saved': { customerDocumentId: string };
  'middlepath.asset.saved': { assetDocumentId: string };
  'middlepath.order.fulfilled': {
    orderDocumentId: string;
    customerDocumentId: string | null;
    invoiceNumber: string;
  };
  'middlepath.payment.recorded': MoneyMoved;
  'middlepath.refund.recorded': MoneyMoved;
  'middlepath.return.recorded': {
    orderDocumentId: string;
    customerDocumentId: string | null;
    creditNoteNumber: string;
  };
}

interface MoneyMoved {
  orderDocumentId: string;
  customerDocumentId: string | null;
  paymentKey: string;
  /** Minor units. */
  amount: number;
  date: string;
}

export type DomainEventName = keyof DomainEvents;

export async function emitDomainEvent<Name extends DomainEventName>(
  strapi: Core.Strapi,
  name: Name,
  payload: DomainEvents[Name],
): Promise<void> {
  await strapi.eventHub.emit(name, payload);
}
