import type { Core } from '@strapi/strapi';
import { rateToPercent } from '../domain/money';
import type { ContactDraft, ItemDraft, TaxDraft } from '../providers/accounting-provider';
import { ASSET_UID, CREDIT_NOTE_UID, CUSTOMER_UID, ORDER_UID, PAYMENT_UID } from '../uids';
import { rows, toNumber } from './db';

/**
 * Reads the core's records at send time through Strapi's query engine (the plugin is bundled on
 * its own and imports none of the core's modules), turning bigint strings into numbers.
 */

export interface LocalAddress {
  street?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

export interface LocalCustomer {
  documentId: string;
  code: string;
  companyName: string;
  email?: string | null;
  phone?: string | null;
  billingAddress?: LocalAddress | null;
}

export interface LocalAsset {
  documentId: string;
  sku: string;
  name: string;
  description?: string | null;
  listPrice: number;
}

export interface LocalLine {
  lineNo: number;
  asset: LocalAsset | null;
  quantity: number;
  unitPrice: number;
  discount: string;
  /** A decimal fraction, stored exactly ("0.08875"). */
  taxRate: string;
  net: number;
  tax: number;
}

export interface LocalOrder {
  documentId: string;
  number: string;
  orderStatus: 'draft' | 'confirmed' | 'fulfilled' | 'cancelled' | 'returned';
  customer: LocalCustomer | null;
  invoiceNumber: string | null;
  invoiceDate: string | null;
  freight: number;
  taxTotal: number;
  total: number;
  lines: LocalLine[];
}

export interface LocalPayment {
  paymentKey: string;
  kind: 'payment' | 'refund';
  orderDocumentId: string;
  amount: number;
  date: string;
  method: string | null;
}

export interface LocalCreditLine {
  lineNo: number;
  asset: LocalAsset | null;
  quantity: number;
  net: number;
  tax: number;
}

export interface LocalCreditNote {
  number: string;
  orderDocumentId: string;
  creditDate: string;
  freight: number;
  taxTotal: number;
  total: number;
  lines: LocalCreditLine[];
}

type Raw = Record<string, unknown>;

function asAsset(raw: unknown): LocalAsset | null {
  if (!raw || typeof raw !== 'object') {
    return null;
  }
  const asset = raw as Raw;
  return {
    documentId: String(asset.documentId),
    sku: String(asset.sku),
    name: String(asset.name),
    description: (asset.description as string | null) ?? null,
    listPrice: toNumber(asset.listPrice),
  };
}

export async function readCustomer(
  strapi: Core.Strapi,
  documentId: string,
): Promise<LocalCustomer | null> {
  return rows<LocalCustomer>(strapi, CUSTOMER_UID).findOne({
    where: { documentId },
    populate: { billingAddress: true },
  });
}

export async function readAsset(
  strapi: Core.Strapi,
  documentId: string,
): Promise<LocalAsset | null> {
  return asAsset(await rows<Raw>(strapi, ASSET_UID).findOne({ where: { documentId } }));
}

export async function readOrder(
  strapi: Core.Strapi,
  documentId: string,
): Promise<LocalOrder | null> {
  const raw = await rows<Raw>(strapi, ORDER_UID).findOne({
    where: { documentId },
    populate: {
      customer: { populate: { billingAddress: true } },
      lines: { populate: { asset: true } },
    },
  });
  if (!raw) {
    return null;
  }
  const lines = ((raw.lines as Raw[] | null) ?? []).map((line) => ({
    lineNo: toNumber(line.lineNo),
    asset: asAsset(line.asset),
    quantity: toNumber(line.quantity),
    unitPrice: toNumber(line.unitPrice),
    discount: String(line.discount ?? '0'),
    taxRate: String(line.taxRate ?? '0'),
    net: toNumber(line.net),
    tax: toNumber(line.tax),
  }));
  return {
    documentId: String(raw.documentId),
    number: String(raw.number),
    orderStatus: raw.orderStatus as LocalOrder['orderStatus'],
    customer: (raw.customer as LocalCustomer | null) ?? null,
    invoiceNumber: (raw.invoiceNumber as string | null) ?? null,
    invoiceDate: (raw.invoiceDate as string | null) ?? null,
    freight: toNumber(raw.freight),
    taxTotal: toNumber(raw.taxTotal),
    total: toNumber(raw.total),
    lines: lines.sort((a, b) => a.lineNo - b.lineNo),
  };
}

export async function readPayment(
  strapi: Core.Strapi,
  paymentKey: string,
): Promise<LocalPayment | null> {
  const raw = await rows<Raw>(strapi, PAYMENT_UID).findOne({ where: { paymentKey } });
  return raw ? toPayment(raw) : null;
}

function toPayment(raw: Raw): LocalPayment {
  return {
    paymentKey: String(raw.paymentKey),
    kind: raw.kind as LocalPayment['kind'],
    orderDocumentId: String(raw.orderDocumentId),
    amount: toNumber(raw.amount),
    date: String(raw.date),
    method: (raw.method as string | null) ?? null,
  };
}

/** An order's payments and refunds, oldest first. */
export async function readOrderPayments(
  strapi: Core.Strapi,
  orderDocumentId: string,
): Promise<LocalPayment[]> {
  const raw = await rows<Raw>(strapi, PAYMENT_UID).findMany({
    where: { orderDocumentId },
    orderBy: { id: 'asc' },
  });
  return raw.map(toPayment);
}

export async function readCreditNote(
  strapi: Core.Strapi,
  number: string,
): Promise<LocalCreditNote | null> {
  const raw = await rows<Raw>(strapi, CREDIT_NOTE_UID).findOne({
    where: { number },
    populate: { lines: { populate: { asset: true } } },
  });
  if (!raw) {
    return null;
  }
  return {
    number: String(raw.number),
    orderDocumentId: String(raw.orderDocumentId),
    creditDate: String(raw.creditDate),
    freight: toNumber(raw.freight),
    taxTotal: toNumber(raw.taxTotal),
    total: toNumber(raw.total),
    lines: ((raw.lines as Raw[] | null) ?? []).map((line) => ({
      lineNo: toNumber(line.lineNo),
      asset: asAsset(line.asset),
      quantity: toNumber(line.quantity),
      net: toNumber(line.net),
      tax: toNumber(line.tax),
    })),
  };
}

/** An order's credit notes, oldest first. */
export async function readOrderCreditNoteNumbers(
  strapi: Core.Strapi,
  orderDocumentId: string,
): Promise<string[]> {
  const raw = await rows<Raw>(strapi, CREDIT_NOTE_UID).findMany({
    where: { orderDocumentId },
    orderBy: { id: 'asc' },
    select: ['number'],
  });
  return raw.map((note) => String(note.number));
}

/**
 * The contact a customer is mirrored as. The display name carries the customer code, since
 * Zoho keeps display names unique and two customers may share a company name.
 */
export function contactDraft(customer: LocalCustomer): ContactDraft {
  const address = customer.billingAddress;
  return {
    marker: `${customer.companyName} [${customer.code}]`,
    companyName: customer.companyName,
    email: customer.email ?? undefined,
    phone: customer.phone ?? undefined,
    billingAddress: address
      ? {
          street: address.street ?? undefined,
          city: address.city ?? undefined,
          region: address.region ?? undefined,
          postalCode: address.postalCode ?? undefined,
          country: address.country ?? undefined,
        }
      : undefined,
  };
}

/** Zoho's longest item name. */
const ITEM_NAME_MAX = 100;

/**
 * The item a stock item is mirrored as. Zoho keeps item names unique while ours need not be, so
 * the name carries the SKU, the name part shortened to fit Zoho's limit.
 */
export function itemDraft(asset: LocalAsset): ItemDraft {
  const suffix = ` [${asset.sku}]`;
  return {
    marker: asset.sku,
    name: `${asset.name.slice(0, Math.max(1, ITEM_NAME_MAX - suffix.length))}${suffix}`,
    rate: asset.listPrice,
    description: asset.description ?? undefined,
    kind: 'goods',
  };
}

/**
 * The tax a rate is mirrored as. Its name carries the percentage, so that one rate is one tax
 * and the accountant sees which.
 */
export function taxDraft(rate: string): TaxDraft {
  return { marker: `Sales tax ${rateToPercent(rate)}%`, rate };
}

/**
 * Freight goes as a line of its own service item, untaxed. Sales tax is no line: each taxed
 * line carries the provider's tax of its rate (see taxDraft), so the provider books it as a tax.
 */
export const SYSTEM_ITEMS = {
  freight: {
    localKey: 'system:freight',
    draft: { marker: 'MP-FREIGHT', name: 'Freight', rate: 0, kind: 'service' },
  },
} as const satisfies Record<string, { localKey: string; draft: ItemDraft }>;
