import type { Core } from '@strapi/strapi';
import { loadConfig } from '../../platform/config';
import type { Row } from '../../platform/documents';
import { parseInput } from '../../platform/validation';
import { paymentEntryKey, paymentLines, paymentMemo } from './domain/payments';
import { LedgerError } from './ledger.errors';
import { recordPaymentSchema, type RecordPaymentInput } from './ledger.schemas';
import { writeAsLedger } from './ledger.transactions';
import { PAYMENT_UID } from './ledger.uids';
import { presentPayment, type PaymentView } from './ledger.views';
import { postJournalEntry } from './post-journal-entry';

/** The fields that make two recordings of one key the same payment. */
const IDENTITY_FIELDS = [
  'kind',
  'amount',
  'orderDocumentId',
  'customerDocumentId',
  'date',
  'method',
] as const;

/**
 * Records a payment, refund or supplier payment and posts its journal entry (cash against the
 * receivable, or against the payable), in the caller's transaction or its own. Recording a key
 * again returns the stored payment and writes nothing; different figures under it are a 409.
 * NOTE: how much may be paid or refunded on an order is the order capability's rule, not this.
 */
export async function recordPayment(
  strapi: Core.Strapi,
  input: RecordPaymentInput,
): Promise<PaymentView> {
  const payment = parseInput(recordPaymentSchema, input, []);
  return writeAsLedger(strapi, `Payment ${payment.key}`, async () => {
    const storedRow = (await strapi.db
      .query(PAYMENT_UID)
      .findOne({ where: { paymentKey: payment.key } })) as Row | null;
    if (storedRow) {
      const stored = presentPayment(storedRow);
      assertSamePayment(stored, payment);
      return stored;
    }
    const entryKey = paymentEntryKey(payment.key);
    // NOTE: through the query engine, like journal entries: the ledger is the only writer.
    const created = (await strapi.db.query(PAYMENT_UID).create({
      data: {
        paymentKey: payment.key,
        kind: payment.kind,
        orderDocumentId: payment.orderDocumentId ?? null,
        customerDocumentId: payment.customerDocumentId ?? null,
        amount: payment.amount,
        currency: loadConfig().BASE_CURRENCY,
        date: payment.date,
        method: payment.method,
        reference: payment.reference ?? null,
        entryKey,
        publishedAt: new Date(),
      },
    })) as Row;
    await postJournalEntry(strapi, {
      key: entryKey,
      date: payment.date,
      memo: paymentMemo(payment.kind, payment.method, payment.reference ?? undefined),
      sourceType: payment.kind,
      sourceId: String(created.documentId),
      orderDocumentId: payment.orderDocumentId,
      customerDocumentId: payment.customerDocumentId,
      lines: paymentLines(payment.kind, payment.amount),
    });
    return presentPayment(created);
  });
}

function assertSamePayment(
  stored: PaymentView,
  incoming: Partial<Record<(typeof IDENTITY_FIELDS)[number], unknown>>,
): void {
  const differences = IDENTITY_FIELDS.filter(
    (field) => (stored[field] ?? null) !== (incoming[field] ?? null),
  );
  if (differences.length > 0) {
    throw new LedgerError(
      'conflict',
      'payment_key_reused',
      `Payment ${stored.paymentKey} was already recorded with different ${differences.join(', ')}`,
      { key: stored.paymentKey, fields: differences },
    );
  }
}
