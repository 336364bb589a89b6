import { fromDatabase } from '../../platform/money';
import type { Row } from '../../platform/documents';

/**
 * What the ledger hands out, to REST and to other capabilities: explicit fields only, amounts as
 * JSON integers. NOTE: these presenters are the output sanitization of the ledger's routes; they
 * pick known fields, so nothing private or internal can leak.
 */

export interface JournalLineView {
  accountCode: string;
  debit: number;
  credit: number;
}

export interface JournalEntryView {
  id: number;
  documentId: string;
  entryKey: string;
  date: string;
  memo: string | null;
  sourceType: string;
  sourceId: string;
  orderDocumentId: string | null;
  customerDocumentId: string | null;
  currency: string;
  totalDebit: number;
  totalCredit: number;
  createdAt: string;
  lines: JournalLineView[];
}

export interface PaymentView {
  id: number;
  documentId: string;
  paymentKey: string;
  kind: string;
  orderDocumentId: string | null;
  customerDocumentId: string | null;
  amount: number;
  currency: string;
  date: string;
  method: string;
  reference: string | null;
  entryKey: string;
  createdAt: string;
}

export interface AccountView {
  id: number;
  documentId: string;
  code: string;
  name: string;
  role: string;
  accountType: string;
}

const text = (value: unknown): string => String(value);
const optionalText = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);
const timestamp = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : String(value);

export function presentLine(row: Row): JournalLineView {
  return {
    accountCode: text(row.accountCode),
    debit: fromDatabase(row.debit, 'debit'),
    credit: fromDatabase(row.credit, 'credit'),
  };
}

export function presentEntry(row: Row, lines: readonly Row[]): JournalEntryView {
  return {
    id: Number(row.id),
    documentId: text(row.documentId),
    entryKey: text(row.entryKey),
    date: text(row.date),
    memo: optionalText(row.memo),
    sourceType: text(row.sourceType),
    sourceId: text(row.sourceId),
    orderDocumentId: optionalText(row.orderDocumentId),
    customerDocumentId: optionalText(row.customerDocumentId),
    currency: text(row.currency),
    totalDebit: fromDatabase(row.totalDebit, 'totalDebit'),
    totalCredit: fromDatabase(row.totalCredit, 'totalCredit'),
    createdAt: timestamp(row.createdAt),
    lines: lines.map(presentLine),
  };
}

export function presentPayment(row: Row): PaymentView {
  return {
    id: Number(row.id),
    documentId: text(row.documentId),
    paymentKey: text(row.paymentKey),
    kind: text(row.kind),
    orderDocumentId: optionalText(row.orderDocumentId),
    customerDocumentId: optionalText(row.customerDocumentId),
    amount: fromDatabase(row.amount, 'amount'),
    currency: text(row.currency),
    date: text(row.date),
    method: text(row.method),
    reference: optionalText(row.reference),
    entryKey: text(row.entryKey),
    createdAt: timestamp(row.createdAt),
  };
}

export function presentAccount(row: Row): AccountView {
  return {
    id: Number(row.id),
    documentId: text(row.documentId),
    code: text(row.code),
    name: text(row.name),
    role: text(row.role),
    accountType: text(row.accountType),
  };
}
