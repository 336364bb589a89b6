import type { Core } from '@strapi/strapi';

/** Fields the admin panel shows but does not let anyone edit, with the reason as a hint. */
const READ_ONLY_FIELDS: Record<string, Record<string, string>> = {
  'api::asset.asset': {
    onHand: 'Kept by the inventory service',
    reserved: 'Kept by the inventory service',
    available: 'Kept by the inventory service',
    stockValue: 'Kept by the inventory service (minor units)',
  },
  'api::order.order': {
    number: 'Assigned by the server',
    orderStatus: 'Changes through the order actions',
    paymentStatus: 'Follows payments and refunds',
    subtotal: 'Computed by the server (minor units)',
    taxTotal: 'Computed by the server (minor units)',
    total: 'Computed by the server (minor units)',
    costOfGoods: 'The cost the goods left with at fulfilment (minor units)',
    invoiceNumber: 'Assigned at fulfilment',
    invoiceDate: 'Set at fulfilment',
    creditNotes: 'Issued by returns: create a credit note to record one',
  },
  'api::order.credit-note': Object.fromEntries(
    [
      'number',
      'orderDocumentId',
      'orderNumber',
      'invoiceNumber',
      'customerDocumentId',
      'currency',
      'subtotal',
      'taxTotal',
      'total',
      'restockValue',
    ].map((field) => [field, 'Set when the return is recorded']),
  ),
  'order.credit-line': Object.fromEntries(
    ['asset', 'net', 'tax', 'cost'].map((field) => [field, 'Set when the return is recorded']),
  ),
  'order.line': {
    lineNo: 'Assigned by the server',
    net: 'Computed by the server (minor units)',
    tax: 'Computed by the server (minor units)',
  },
};

interface Configuration {
  metadatas: Record<string, { edit: Record<string, unknown>; list?: Record<string, unknown> }>;
}

interface ConfigurationService {
  findConfiguration(model: unknown): Promise<Configuration>;
  updateConfiguration(model: unknown, configuration: Configuration): Promise<unknown>;
}

/**
 * Marks service-owned fields read-only in the content manager. The document middlewares refuse
 * such writes anyway; this keeps the form from offering them.
 */
export async function lockServiceFieldsInAdmin(strapi: Core.Strapi): Promise<void> {
  const contentManager = strapi.plugin('content-manager');
  for (const [uid, fields] of Object.entries(READ_ONLY_FIELDS)) {
    const isComponent = !uid.includes('::');
    const service = contentManager.service(
      isComponent ? 'components' : 'content-types',
    ) as unknown as ConfigurationService;
    const model = isComponent ? strapi.components[uid as never] : strapi.contentTypes[uid as never];
    const configuration = await service.findConfiguration(model);
    let changed = false;
    for (const [field, hint] of Object.entries(fields)) {
      const edit = configuration.metadatas[field]?.edit;
      if (edit && (edit.editable !== false || edit.description !== hint)) {
        edit.editable = false;
        edit.description = hint;
        changed = true;
      }
    }
    if (changed) {
      await service.updateConfiguration(model, configuration);
    }
  }
}

/** Words the plain splitting of a field name would get wrong. */
const LABEL_WORDS: Record<string, string> = { sku: 'SKU', no: 'no.', vat: 'VAT', id: 'ID' };

/** `orderStatus` → "Order status", `lineNo` → "Line no.", `sku` → "SKU". */
export function labelOf(field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((word) => LABEL_WORDS[word.toLowerCase()] ?? word.toLowerCase());
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

const AMOUNT_HINT = 'In minor units (cents): 1800 is 18.00';

/**
 * Gives the CRM's own types readable field labels in the content manager ("Order status", not
 * "orderStatus") and says that amounts are minor units. A label or hint an administrator has
 * changed in the panel is left alone: only Strapi's defaults (the field name, no hint) change.
 */
export async function labelFieldsInAdmin(strapi: Core.Strapi): Promise<void> {
  const contentManager = strapi.plugin('content-manager');
  const models = [
    ...Object.entries(strapi.contentTypes).filter(([uid]) => uid.startsWith('api::')),
    ...Object.entries(strapi.components).filter(([uid]) => /^(order|shared)\./.test(uid)),
  ] as [string, { attributes: Record<string, { type: string }> }][];
  for (const [uid, model] of models) {
    const service = contentManager.service(
      uid.includes('::') ? 'content-types' : 'components',
    ) as unknown as ConfigurationService;
    const configuration = await service.findConfiguration(model);
    let changed = false;
    for (const [field, attribute] of Object.entries(model.attributes)) {
      const metadata = configuration.metadatas[field];
      if (!metadata) {
        continue;
      }
      for (const view of [metadata.edit, metadata.list]) {
        if (view && view.label === field) {
          view.label = labelOf(field);
          changed = true;
        }
      }
      if (attribute.type === 'biginteger' && metadata.edit && !metadata.edit.description) {
        metadata.edit.description = AMOUNT_HINT;
        changed = true;
      }
    }
    if (changed) {
      await service.updateConfiguration(model, configuration);
    }
  }
}
