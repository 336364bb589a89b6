import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import {
  findPayment,
  findPayments,
  sumPaymentsForOrder,
  type PageRequest,
  type PaymentFilter,
} from '../ledger.queries';
import type { RecordPaymentInput } from '../ledger.schemas';
import { PAYMENT_UID } from '../ledger.uids';
import { recordPayment } from '../record-payment';

/** Payments' use-case and queries, bound to this Strapi (the capability's index exports them too). */
export default factories.createCoreService(PAYMENT_UID, ({ strapi }: { strapi: Core.Strapi }) => ({
  recordPayment: (input: RecordPaymentInput) => recordPayment(strapi, input),
  findPayments: (filter?: PaymentFilter, page?: PageRequest) => findPayments(strapi, filter, page),
  findPayment: (documentId: string) => findPayment(strapi, documentId),
  sumPaymentsForOrder: (orderDocumentId: string) => sumPaymentsForOrder(strapi, orderDocumentId),
}));
