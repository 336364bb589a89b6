import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { findJournalEntries, journalEntryQuerySchema } from '../../ledger';
import { findMovementsOf } from '../../asset/inventory';
import { readBodyData, readDocumentId, readOptionalData } from '../../../platform/controllers';
import { DomainError } from '../../../platform/errors';
import { runIdempotent } from '../../../platform/idempotency';
import { parseInput } from '../../../platform/validation';
import { cancelOrder, confirmOrder, fulfilOrder } from '../lifecycle/order-lifecycle';
import { payOrder, refundOrder } from '../lifecycle/order-payments';
import { returnOrder } from '../lifecycle/order-returns';
import { paymentSchema, returnSchema, transitionSchema } from '../order.schemas';
import { ORDER_POPULATE, presentOrder } from '../services/order';
import { CREDIT_NOTE_POPULATE, presentCreditNote } from '../services/credit-note';

const ORDER_UID = 'api::order.order';
const CREDIT_NOTE_UID = 'api::order.credit-note';

/** The order's lifecycle over REST: thin handlers around the lifecycle use-cases. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const readOrder = async (documentId: string) =>
    presentOrder(
      (await strapi
        .documents(ORDER_UID)
        .findOne({ documentId, populate: ORDER_POPULATE })) as Record<string, unknown>,
    );

  const transition =
    (run: typeof confirmOrder) =>
    async (ctx: Context): Promise<void> => {
      const documentId = readDocumentId(ctx);
      const input = parseInput(transitionSchema, readOptionalData(ctx));
      await runIdempotent(strapi, ctx, async () => {
        await run(strapi, documentId, input?.date);
        return { status: 200, body: { data: await readOrder(documentId) } };
      });
    };

  const money =
    (run: typeof payOrder) =>
    async (ctx: Context): Promise<void> => {
      const documentId = readDocumentId(ctx);
      const input = parseInput(paymentSchema, readOptionalData(ctx));
      await runIdempotent(strapi, ctx, async () => {
        const payment = await run(strapi, documentId, input);
        return { status: 201, body: { data: { payment, order: await readOrder(documentId) } } };
      });
    };

  const assertOrderExists = async (documentId: string) => {
    const order = await strapi.db
      .query(ORDER_UID)
      .findOne({ where: { documentId }, select: ['id'] });
    if (!order) {
      throw new DomainError('not_found', 'order_not_found', `No order ${documentId}`);
    }
  };

  return {
    confirm: transition(confirmOrder),
    fulfil: transition(fulfilOrder),
    cancel: transition(cancelOrder),
    pay: money(payOrder),
    refund: money(refundOrder),

    async return(ctx: Context) {
      const documentId = readDocumentId(ctx);
      const input = parseInput(returnSchema, readBodyData(ctx));
      await runIdempotent(strapi, ctx, async () => {
        const recorded = await returnOrder(strapi, documentId, input);
        const creditNote = await strapi.documents(CREDIT_NOTE_UID).findOne({
          documentId: recorded.creditNoteDocumentId,
          populate: CREDIT_NOTE_POPULATE,
        });
        return {
          status: 201,
          body: {
            data: {
              creditNote: presentCreditNote(creditNote as Record<string, unknown>),
              order: await readOrder(documentId),
            },
          },
        };
      });
    },

    async creditNotes(ctx: Context) {
      const documentId = readDocumentId(ctx);
      await assertOrderExists(documentId);
      const notes = await strapi.documents(CREDIT_NOTE_UID).findMany({
        filters: { orderDocumentId: documentId },
        populate: CREDIT_NOTE_POPULATE,
        sort: 'id:asc',
        limit: -1,
      });
      ctx.body = {
        data: notes.map((note) => presentCreditNote(note as Record<string, unknown>)),
        meta: { count: notes.length },
      };
    },

    async movements(ctx: Context) {
      const documentId = readDocumentId(ctx);
      await assertOrderExists(documentId);
      const creditNotes = await strapi.db.query(CREDIT_NOTE_UID).findMany({
        where: { orderDocumentId: documentId },
        select: ['number'],
      });
      // The order's own movements, and the restocks of its credit notes.
      const movements = await findMovementsOf(strapi, [
        { type: 'order', id: documentId },
        ...creditNotes.map((note: { number: string }) => ({
          type: 'return' as const,
          id: note.number,
        })),
      ]);
      ctx.body = { data: movements, meta: { count: movements.length } };
    },

    async journal(ctx: Context) {
      const documentId = readDocumentId(ctx);
      await assertOrderExists(documentId);
      // The journal's own filters and `pagination[page]`, `pagination[pageSize]` (at most 100).
      const { pagination, ...filter } = parseInput(journalEntryQuerySchema, ctx.query, []);
      ctx.body = await findJournalEntries(
        strapi,
        { ...filter, orderDocumentId: documentId },
        { pageSize: 100, ...pagination },
      );
    },
  };
};
