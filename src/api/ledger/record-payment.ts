import type { Core } from '@strapi/strapi';
import { loadConfig } from '../../platform/config';
import { distinct, readInChunks } from '../../platform/batches';
import type { Row } from '../../platform/documents';
import { insertRows } from '../../platform/row-writes';
import { parseInput } from '../../platform/validation';
import { paymentEntryKey, paymentLines, paymentMemo } from './domain/payments';
import { LedgerError } from './ledger.errors';
import { recordPaymentSchema, type RecordPaymentInput } from './ledger.schemas';
import { writeAsLedger } from './ledger.transactions';
import { PAYMENT_UID } from './ledger.uids';
import { presentPayment, type PaymentView } from './ledger.views';
import { postJournalEntries } from './post-journal-entry';

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
  const [view] = await recordPayments(strapi, [input]);
  return view;
}

/**
 * Records many payments at once under the rules of `recordPayment`, each returned in the order
 * given, in a few statements however many there are. A key given twice in one call is recorded
 * once.
 */
export async function recordPayments(
  strapi: Core.Strapi,
  inputs: readonly RecordPaymentInput[],
): Promise<PaymentView[]> {
  const payments = inputs.map((input, index) =>
    parseInput(recordPaymentSchema, input, inputs.length > 1 ? [index] : []),
  );
  if (payments.length === 0) {
    return [];
  }
  const label =
    payments.length === 1 ? `Payment ${payments[0].key}` : `${payments.length} payments`;
  return writeAsLedger(strapi, label, async () => {
    const keys = distinct(payments.map((payment) => payment.key));
    const stored = await readInChunks(
      keys,
      (chunk) =>
        strapi.db.query(PAYMENT_UID).findMany({ where: { paymentKey: { $in: chunk } } }) as Promise<
          Row[]
        >,
    );
    const views = new Map(stored.map((row) => [String(row.paymentKey), presentPayment(row)]));
    const fresh = new Map<string, ParsedPayment>();
    for (const payment of payments) {
      const known = views.get(payment.key) ?? fresh.get(payment.key);
      if (known) {
        assertSamePayment(payment.key, known, payment);
      } else {
        fresh.set(payment.key, payment);
      }
    }
    for (const view of await writePayments(strapi, [...fresh.values()])) {
      views.set(view.paymentKey, view);
    }
    return payments.map((payment) => views.get(payment.key) as PaymentView);
  });
}

type ParsedPayment = ReturnType<typeof recordPaymentSchema.parse>;

/**
 * Writes new payments in one multi-row insert, reads back the document ids their entries name
 * as source, and posts the entries together.
 * NOTE: through the query engine, like journal entries: the ledger is the only writer.
 */
async function writePayments(
  strapi: Core.Strapi,
  payments: readonly ParsedPayment[],
): Promise<PaymentView[]> {
  if (payments.length === 0) {
    return [];
  }
  const currency = loadConfig().BASE_CURRENCY;
  const ids = await insertRows(
    strapi,
    PAYMENT_UID,
    payments.map((payment) => ({
      paymentKey: payment.key,
      kind: payment.kind,
      orderDocumentId: payment.orderDocumentId ?? null,
      customerDocumentId: payment.customerDocumentId ?? null,
      amount: payment.amount,
      currency,
      date: payment.date,
      method: payment.method,
      reference: payment.reference ?? null,
      entryKey: paymentEntryKey(payment.key),
    })),
  );
  const rows = await readInChunks(
    ids,
    (chunk) =>
      strapi.db.query(PAYMENT_UID).findMany({ where: { id: { $in: chunk } } }) as Promise<Row[]>,
  );
  const byId = new Map(rows.map((row) => [Number(row.id), presentPayment(row)]));
  const views = ids.map((id) => byId.get(id) as PaymentView);
  await postJournalEntries(
    strapi,
    views.map((view, index) => {
      const payment = payments[index];
      return {
        key: view.entryKey,
        date: payment.date,
        memo: paymentMemo(payment.kind, payment.method, payment.reference ?? undefined),
        sourceType: payment.kind,
        sourceId: view.documentId,
        orderDocumentId: payment.orderDocumentId,
        customerDocumentId: payment.customerDocumentId,
        lines: paymentLines(payment.kind, payment.amount),
      };
    }),
  );
  return views;
}

/** Refuses a payment under a key that was recorded (or given earlier in the call) differently. */
function assertSamePayment(
  key: string,
  stored: Partial<Record<(typeof IDENTITY_FIELDS)[number], unknown>>,
  incoming: Partial<Record<(typeof IDENTITY_FIELDS)[number], unknown>>,
): void {
  const differences = IDENTITY_FIELDS.filter(
    (field) => (stored[field] ?? null) !== (incoming[field] ?? null),
  );
  if (differences.length > 0) {
    throw new LedgerError(
      'conflict',
      'payment_key_reused',
      `Payment ${key} was already recorded with different ${differences.join(', ')}`,
      { key, fields: differences },
    );
  }
}
