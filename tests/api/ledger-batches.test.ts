import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  postJournalEntries,
  recordPayments,
  type PostJournalEntryInput,
} from '../../src/api/ledger';
import type { RecordPaymentInput } from '../../src/api/ledger/ledger.schemas';
import { startTestApp, type TestApp } from '../harness/strapi';

/**
 * The ledger's batch writes: many entries or payments in one call, under the rules of one.
 */

let app: TestApp;
let strapi: Core.Strapi;

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
});
afterAll(async () => app?.stop());

const unique = () => crypto.randomBytes(4).toString('hex');

function buildEntry(overrides: Partial<PostJournalEntryInput> = {}): PostJournalEntryInput {
  return {
    key: `test:${unique()}`,
    date: '2024-03-01',
    memo: 'Stock count',
    sourceType: 'adjustment',
    sourceId: `ADJ-${unique()}`,
    lines: [
      { account: 'inventory', debit: 1000, credit: 0 },
      { account: 'inventoryAdjustments', debit: 0, credit: 1000 },
    ],
    ...overrides,
  };
}

function buildPayment(overrides: Partial<RecordPaymentInput> = {}): RecordPaymentInput {
  return {
    key: `pay:${unique()}`,
    kind: 'payment',
    customerDocumentId: crypto.randomBytes(12).toString('hex'),
    orderDocumentId: crypto.randomBytes(12).toString('hex'),
    amount: 2500,
    date: '2024-03-05',
    method: 'card',
    ...overrides,
  };
}

async function countRows() {
  return {
    entries: await strapi.db.query('api::ledger.journal-entry').count(),
    lines: await strapi.db.query('api::ledger.journal-line').count(),
    payments: await strapi.db.query('api::ledger.payment').count(),
  };
}

describe('posting journal entries in a batch', () => {
  it('posts a key given twice in one call once and answers it twice', async () => {
    const entry = buildEntry();
    const before = await countRows();
    const [first, again] = await postJournalEntries(strapi, [entry, entry]);
    expect(again).toEqual(first);
    expect(await countRows()).toEqual({
      ...before,
      entries: before.entries + 1,
      lines: before.lines + 2,
    });
  });

  it('refuses a call that gives one key twice with different lines, and writes nothing', async () => {
    const entry = buildEntry();
    const other = buildEntry({ sourceId: 'SOMEWHERE-ELSE' });
    const before = await countRows();
    await expect(
      postJournalEntries(strapi, [buildEntry(), entry, { ...other, key: entry.key }]),
    ).rejects.toMatchObject({
      kind: 'conflict',
      code: 'entry_key_reused',
      message: expect.stringMatching(
        new RegExp(`^Journal entry ${entry.key} was already posted with different sourceId`),
      ),
    });
    expect(await countRows()).toEqual(before);
  });

  it('refuses a call whose later entry does not balance, naming it, and writes nothing', async () => {
    const before = await countRows();
    const unbalanced = buildEntry({
      lines: [
        { account: 'inventory', debit: 1000, credit: 0 },
        { account: 'inventoryAdjustments', debit: 0, credit: 999 },
      ],
    });
    await expect(postJournalEntries(strapi, [buildEntry(), unbalanced])).rejects.toMatchObject({
      message: expect.stringContaining(unbalanced.key),
    });
    expect(await countRows()).toEqual(before);
  });
});

describe('recording payments in a batch', () => {
  it('records a key given twice in one call once', async () => {
    const payment = buildPayment();
    const before = await countRows();
    const [first, again] = await recordPayments(strapi, [payment, payment]);
    expect(again).toEqual(first);
    expect(await countRows()).toEqual({
      entries: before.entries + 1,
      lines: before.lines + 2,
      payments: before.payments + 1,
    });
  });
});
