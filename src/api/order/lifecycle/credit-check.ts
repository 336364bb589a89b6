import type { Core } from '@strapi/strapi';
import { lockCreditTerms, type CreditTerms } from '../../customer/customer.queries';
import { receivableBalance } from '../../ledger';
import { DomainError, isDomainError } from '../../../platform/errors';
import { fromDatabase, sumAmounts } from '../../../platform/money';
import { assertWithinCreditLimit } from '../domain/order-lifecycle';
import { ORDER_UID, refusedFor, type LockedOrder } from './locked-orders';

/** The credit-limit check a confirmation makes, for one order or a batch of them. */

/**
 * Refuses the first order that would take its customer over their credit limit: the
 * receivable, plus the totals of their other confirmed orders, plus those confirmed before it
 * in this batch, plus its own. Customers without a limit are not checked.
 */
export async function assertCreditFor(strapi: Core.Strapi, orders: readonly LockedOrder[]) {
  const withoutCustomer = orders.find((order) => !order.customerId);
  if (withoutCustomer) {
    throw new DomainError(
      'conflict',
      'order_without_customer',
      `Order ${withoutCustomer.number} has no customer`,
    );
  }
  // NOTE: the customers' rows are locked so that two confirmations for one customer are checked
  // one after the other; each sees the other's exposure.
  const terms = await lockCreditTerms(
    strapi,
    orders.map((order) => order.customerId as string),
  );
  const exposure = new Map<string, { receivable: number; otherConfirmed: number }>();
  for (const customer of terms.values()) {
    if (customer.creditLimit !== null) {
      exposure.set(customer.documentId, await exposureOf(strapi, customer.documentId));
    }
  }
  for (const order of orders) {
    const before = exposure.get(order.customerId as string);
    if (!before) {
      continue;
    }
    const customer = terms.get(order.customerId as string) as CreditTerms;
    try {
      assertWithinCreditLimit(customer.code, customer.creditLimit as number, {
        ...before,
        thisOrder: order.total,
      });
    } catch (error) {
      // NOTE: in a batch, which of its orders goes over the limit; alone, the caller knows.
      throw orders.length > 1 && isDomainError(error) ? refusedFor(order, error) : error;
    }
    before.otherConfirmed = sumAmounts([before.otherConfirmed, order.total]);
  }
}

/**
 * Locks the customers of orders about to leave `confirmed` for the receivable (by fulfilment),
 * in the lifecycle's lock order (orders, customers, assets). A credit check holds the same
 * locks, so it never reads such an order between its two figures: as confirmed before the
 * fulfilment commits and as receivable after, counting it twice and refusing a confirmation
 * that is within the limit.
 */
export async function holdCreditChecksOf(strapi: Core.Strapi, orders: readonly LockedOrder[]) {
  const customers = orders.flatMap((order) => (order.customerId ? [order.customerId] : []));
  await lockCreditTerms(strapi, customers);
}

/**
 * A customer's receivable and the totals of their confirmed orders. NOTE: the orders of the
 * batch being confirmed are drafts until it commits, so none of them is counted here.
 */
async function exposureOf(strapi: Core.Strapi, customerDocumentId: string) {
  // NOTE: the id is selected too: a where on a relation makes Strapi's query engine add DISTINCT,
  // which over `total` alone would count two confirmed orders of the same total once.
  const confirmed = (await strapi.db.query(ORDER_UID).findMany({
    where: { customer: { documentId: customerDocumentId }, orderStatus: 'confirmed' },
    select: ['id', 'total'],
  })) as { id: number; total: unknown }[];
  return {
    receivable: await receivableBalance(strapi, customerDocumentId),
    otherConfirmed: sumAmounts(confirmed.map((order) => fromDatabase(order.total))),
  };
}
