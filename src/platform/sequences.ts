import type { Core } from '@strapi/strapi';
import { fromDatabase } from './money';

const SEQUENCE_UID = 'api::sequence.sequence';

export type SequenceName = 'order' | 'invoice' | 'credit-note' | 'receipt' | 'adjustment';

const SEQUENCE_NAMES: readonly SequenceName[] = [
  'order',
  'invoice',
  'credit-note',
  'receipt',
  'adjustment',
];

/** Creates the counters that do not exist yet; run at boot, before any request. */
export async function seedSequences(strapi: Core.Strapi): Promise<void> {
  for (const name of SEQUENCE_NAMES) {
    const existing = await strapi.db.query(SEQUENCE_UID).findOne({ where: { name } });
    if (!existing) {
      await strapi.db.query(SEQUENCE_UID).create({ data: { name, value: 0 } });
    }
  }
}

/**
 * Takes the next value of a counter. It must run inside the caller's transaction: the increment
 * locks the counter's row until commit, so numbers are unique and, when the caller's transaction
 * rolls back, the number goes back too (gap-free).
 */
export async function takeNextValue(strapi: Core.Strapi, name: SequenceName): Promise<number> {
  return (await takeNextValues(strapi, name, 1))[0];
}

/**
 * Takes the next `count` values of a counter at once, in ascending order, under the same rules
 * as `takeNextValue`: one increment, so a batch of documents is numbered without gaps.
 */
export async function takeNextValues(
  strapi: Core.Strapi,
  name: SequenceName,
  count: number,
): Promise<number[]> {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`Cannot take ${count} values of sequence "${name}"`);
  }
  if (count === 0) {
    return [];
  }
  const updated = await strapi.db
    .queryBuilder(SEQUENCE_UID)
    .increment('value', count)
    .where({ name })
    .execute<number>();
  if (!updated) {
    throw new Error(`Sequence "${name}" is missing; seedSequences runs at boot`);
  }
  const row = await strapi.db
    .queryBuilder(SEQUENCE_UID)
    .select(['value'])
    .where({ name })
    .first()
    .execute<{ value: unknown }>();
  const last = fromDatabase(row.value, `sequence ${name}`);
  return Array.from({ length: count }, (_, index) => last - count + 1 + index);
}
