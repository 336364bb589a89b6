import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware, Data } from '../../platform/document-middleware';
import { toInteger } from '../../platform/documents';
import { DomainError, invalidField } from '../../platform/errors';
import { relationTarget } from '../../platform/relations';
import { parseInput } from '../../platform/validation';
import { isWriting } from '../../platform/write-context';
import { returnOrder } from './lifecycle/order-returns';
import { returnSchema } from './order.schemas';
import { CREDIT_NOTE_POPULATE } from './services/credit-note';

const UID = 'api::order.credit-note';
const PANEL_REPEAT_WINDOW_MS = 10_000;
const WRITES = ['update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'];

/**
 * Credit notes come only from the return use-case. Creating one in the admin panel (order, lines
 * with lineNo, quantity and restock or write off, optional freight, date and reason) records that
 * return, exactly as `POST /api/orders/:id/returns` does; the numbers and amounts the form sends
 * are ignored. Any other write outside the use-case is refused.
 */
export function registerCreditNoteDocumentMiddleware(strapi: Core.Strapi): void {
  const middleware: DocumentMiddleware = async (ctx, next) => {
    if (ctx.uid !== UID || isWriting('order-lifecycle')) {
      return next();
    }
    if (ctx.action === 'create') {
      const { orderDocumentId, request } = readReturn(ctx.params.data ?? {});
      // NOTE: the panel sends no Idempotency-Key; a second identical submit within seconds is
      // the same click seen twice, not a second parcel of goods.
      const recorded = await returnOrder(strapi, orderDocumentId, request, {
        repeatWindowMs: PANEL_REPEAT_WINDOW_MS,
      });
      return strapi.documents(UID).findOne({
        documentId: recorded.creditNoteDocumentId,
        populate: (ctx.params.populate as never) ?? CREDIT_NOTE_POPULATE,
      });
    }
    if (WRITES.includes(ctx.action)) {
      throw new DomainError(
        'forbidden',
        'append_only',
        'Credit notes are issued by returns and are never edited or deleted; record another return instead',
        { uid: UID, action: ctx.action },
      );
    }
    return next();
  };
  strapi.documents.use(middleware as Parameters<Core.Strapi['documents']['use']>[0]);
}

/** The return the panel's form asks for: what the user chose, nothing the server computes. */
function readReturn(data: Data) {
  const orderDocumentId = relationTarget(data.order);
  if (!orderDocumentId) {
    throw invalidField(['order'], 'choose the fulfilled order the goods come back from');
  }
  const lines = Array.isArray(data.lines) ? (data.lines as Data[]) : [];
  const request = parseInput(returnSchema, {
    lines: lines.map((line) => ({
      lineNo: toInteger(line.lineNo) ?? line.lineNo,
      quantity: toInteger(line.quantity) ?? line.quantity,
      disposition: line.disposition,
    })),
    ...(data.freight === undefined || data.freight === null || data.freight === ''
      ? {}
      : { freight: toInteger(data.freight) ?? data.freight }),
    ...(data.creditDate ? { date: data.creditDate } : {}),
    ...(data.reason ? { reason: data.reason } : {}),
  });
  return { orderDocumentId, request };
}
