import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Response } from 'supertest';
import type {
  AccountView,
  JournalEntryFilter,
  JournalEntryView,
  Page,
  PageRequest,
  PaymentView,
  PostJournalEntryInput,
  RecordPaymentInput,
} from '../../src/api/ledger';
import { startTestApp, type TestApp } from '../harness/strapi';
import { api, fullAccessToken, logInWithRole } from '../harness/builders';

const ACCOUNT = 'api::ledger.account';
const ENTRY = 'api::ledger.journal-entry';
const LINE = 'api::ledger.journal-line';
const PAYMENT = 'api::ledger.payment';

/** A documentId that has the right shape but names nothing. */
const MISSING_ID = 'zzzzzzzzzzzzzzzzzzzzzzzz';

type Json = Response['body'];

/**
 * The ledger as the running app has it. NOTE: tests call the services through Strapi, not the
 * modules under src: Strapi runs the compiled copy, whose write context (who is writing) is the
 * one its document middleware checks.
 */
interface JournalService {
  postJournalEntry(input: PostJournalEntryInput): Promise<JournalEntryView>;
  findJournalEntries(
    filter?: JournalEntryFilter,
    page?: PageRequest,
  ): Promise<Page<JournalEntryView>>;
  findJournalEntry(documentId: string): Promise<JournalEntryView | null>;
  receivableBalance(customerDocumentId: string): Promise<number>;
  accountBalance(account: string): Promise<number>;
}

interface PaymentService {
  recordPayment(input: RecordPaymentInput): Promise<PaymentView>;
  sumPaymentsForOrder(orderDocumentId: string): Promise<{ paid: number; refunded: number }>;
}

interface AccountService {
  listAccounts(): Promise<AccountView[]>;
  seedChartOfAccounts(): Promise<void>;
}

let app: TestApp;
let strapi: Core.Strapi;
let auth: string;

beforeAll(async () => {
  app = await startTestApp();
  strapi = app.strapi;
  auth = await fullAccessToken(strapi);
});

afterAll(async () => {
  await app?.stop();
});

const journal = () => strapi.service(ENTRY) as unknown as JournalService;
const payments = () => strapi.service(PAYMENT) as unknown as PaymentService;
const accounts = () => strapi.service(ACCOUNT) as unknown as AccountService;

const unique = () => crypto.randomBytes(4).toString('hex');
/** A made-up documentId of another capability's record (the ledger stores them as text). */
const documentId = () => crypto.randomBytes(12).toString('hex');

const get = (path: string) => api(strapi).get(path).set('Authorization', auth);

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
    customerDocumentId: documentId(),
    orderDocumentId: documentId(),
    amount: 2500,
    date: '2024-03-05',
    method: 'card',
    ...overrides,
  };
}

/** Row counts of every ledger table. */
async function countRows() {
  return {
    accounts: await strapi.db.query(ACCOUNT).count(),
    entries: await strapi.db.query(ENTRY).count(),
    lines: await strapi.db.query(LINE).count(),
    payments: await strapi.db.query(PAYMENT).count(),
  };
}

interface Refusal {
  name: string;
  code: string;
  kind: string;
  message: string;
}

/**
 * Awaits a call that must be refused and returns the error's fields. NOTE: compared by fields,
 * not `instanceof`: the error comes from the compiled app, whose classes are not the ones of
 * the modules this file imports.
 */
async function refusalOf(work: Promise<unknown>): Promise<Refusal> {
  try {
    await work;
  } catch (error) {
    return error as Refusal;
  }
  throw new Error('the call was not refused');
}

function expectError(res: Response, status: number, name: string, message: string): void {
  expect(res.status).toBe(status);
  expect(res.body.data).toBeNull();
  expect(res.body.error.status).toBe(status);
  expect(res.body.error.name).toBe(name);
  expect(res.body.error.message).toBe(message);
}

describe('the chart of accounts', () => {
  it('is seeded with the ten accounts of the brief', async () => {
    const res = await get('/api/accounts');
    expect(res.status).toBe(200);
    expect(
      res.body.data.map((a: Json) => [a.code, a.name, a.role, a.accountType].join(' | ')),
    ).toEqual([
      '1000 | Cash | cash | asset',
      '1100 | Accounts receivable | receivable | asset',
      '1200 | Inventory | inventory | asset',
      '2000 | Accounts payable | payable | liability',
      '2200 | Sales tax payable | salesTax | liability',
      '3000 | Opening balance equity | openingEquity | equity',
      '4000 | Sales revenue | sales | revenue',
      '4100 | Freight income | freightIncome | revenue',
      '5000 | Cost of goods sold | costOfGoods | expense',
      '5100 | Inventory adjustments | inventoryAdjustments | expense',
    ]);
  });

  it('is seeded idempotently, keeping a name an administrator changed', async () => {
    const cash = (await accounts().listAccounts()).find((a) => a.role === 'cash') as AccountView;
    await strapi
      .documents(ACCOUNT)
      .update({ documentId: cash.documentId, data: { name: 'Bank' } as never });
    const before = await countRows();

    await accounts().seedChartOfAccounts();

    expect(await countRows()).toEqual(before);
    const after = await accounts().listAccounts();
    expect(after).toHaveLength(10);
    expect(after.find((a) => a.role === 'cash')).toMatchObject({ code: '1000', name: 'Bank' });
    await strapi
      .documents(ACCOUNT)
      .update({ documentId: cash.documentId, data: { name: 'Cash' } as never });
  });

  it('answers one account by documentId, and 404 for an unknown one', async () => {
    const [first] = await accounts().listAccounts();
    const res = await get(`/api/accounts/${first.documentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(first);
    expectError(
      await get(`/api/accounts/${MISSING_ID}`),
      404,
      'NotFoundError',
      `No account ${MISSING_ID}`,
    );
  });
});

describe('posting a journal entry', () => {
  it('writes a balanced entry with its lines, by role or code, and its totals', async () => {
    const before = await countRows();
    const customer = documentId();
    const order = documentId();
    const entry = await journal().postJournalEntry({
      key: `invoice:${unique()}`,
      date: '2024-03-10',
      memo: 'Invoice INV-000001',
      sourceType: 'invoice',
      sourceId: 'INV-000001',
      orderDocumentId: order,
      customerDocumentId: customer,
      lines: [
        { account: 'receivable', debit: 8707, credit: 0 },
        { account: '4000', debit: 0, credit: 7400 },
        { account: 'salesTax', debit: 0, credit: 982 },
        { account: 'freightIncome', debit: 0, credit: 325 },
      ],
    });

    expect(entry).toMatchObject({
      date: '2024-03-10',
      sourceType: 'invoice',
      sourceId: 'INV-000001',
      orderDocumentId: order,
      customerDocumentId: customer,
      currency: 'USD',
      totalDebit: 8707,
      totalCredit: 8707,
    });
    expect(entry.lines).toEqual([
      { accountCode: '1100', debit: 8707, credit: 0 },
      { accountCode: '4000', debit: 0, credit: 7400 },
      { accountCode: '2200', debit: 0, credit: 982 },
      { accountCode: '4100', debit: 0, credit: 325 },
    ]);
    expect(await journal().findJournalEntry(entry.documentId)).toEqual(entry);
    expect(await countRows()).toEqual({
      ...before,
      entries: before.entries + 1,
      lines: before.lines + 4,
    });
  });

  it('drops lines of zero on both sides', async () => {
    const entry = await journal().postJournalEntry(
      buildEntry({
        lines: [
          { account: 'inventory', debit: 1000, credit: 0 },
          { account: 'freightIncome', debit: 0, credit: 0 },
          { account: 'inventoryAdjustments', debit: 0, credit: 1000 },
        ],
      }),
    );
    expect(entry.lines.map((line) => line.accountCode)).toEqual(['1200', '5100']);
  });

  it('refuses an unbalanced entry, naming its totals, and writes nothing', async () => {
    const before = await countRows();
    const input = buildEntry({
      lines: [
        { account: 'cash', debit: 1000, credit: 0 },
        { account: 'receivable', debit: 0, credit: 900 },
      ],
    });
    const error = await refusalOf(journal().postJournalEntry(input));
    expect(error).toMatchObject({
      name: 'LedgerError',
      kind: 'invalid',
      code: 'unbalanced_journal_entry',
      message: `Journal entry ${input.key} does not balance: debits total 1000, credits total 900`,
    });
    expect(await countRows()).toEqual(before);
  });

  it.each([
    [
      'a negative amount',
      [
        { account: 'cash', debit: -100, credit: 0 },
        { account: 'receivable', debit: 0, credit: -100 },
      ],
      'lines[0].debit: must not be negative (got -100)',
    ],
    [
      'a line with both sides',
      [
        { account: 'cash', debit: 100, credit: 100 },
        { account: 'receivable', debit: 0, credit: 0 },
      ],
      'lines[0].credit: a line is a debit or a credit, not both (debit 100, credit 100)',
    ],
    [
      'an unknown account',
      [
        { account: 'cash', debit: 100, credit: 0 },
        { account: '9999', debit: 0, credit: 100 },
      ],
      'lines[1].account: no account with role or code "9999"',
    ],
    [
      'only lines of zero',
      [{ account: 'cash', debit: 0, credit: 0 }],
      'A journal entry needs at least one line with a debit or a credit',
    ],
    ['no lines', [], 'lines: a journal entry needs at least one line'],
  ])('refuses %s and writes nothing', async (_case, lines, message) => {
    const before = await countRows();
    const error = await refusalOf(journal().postJournalEntry(buildEntry({ lines })));
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe(message);
    expect(await countRows()).toEqual(before);
  });

  it('returns the stored entry when the same key is posted again, writing nothing', async () => {
    const input = buildEntry();
    const first = await journal().postJournalEntry(input);
    const before = await countRows();

    const again = await journal().postJournalEntry({
      ...input,
      lines: [...input.lines].reverse(),
    });

    expect(again).toEqual(first);
    expect(await countRows()).toEqual(before);
  });

  it('refuses the same key with different lines (409) and changes nothing', async () => {
    const input = buildEntry();
    const first = await journal().postJournalEntry(input);
    const before = await countRows();

    const error = await refusalOf(
      journal().postJournalEntry({
        ...input,
        lines: [
          { account: 'inventory', debit: 1500, credit: 0 },
          { account: 'inventoryAdjustments', debit: 0, credit: 1500 },
        ],
      }),
    );

    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'entry_key_reused',
      message: `Journal entry ${input.key} was already posted with different lines; entries are never changed (post a reversing entry under a new key)`,
    });
    expect(await countRows()).toEqual(before);
    expect(await journal().findJournalEntry(first.documentId)).toEqual(first);
  });

  it("joins the caller's transaction: a rollback there removes the entry", async () => {
    const before = await countRows();
    const input = buildEntry();
    const error = await refusalOf(
      strapi.db.transaction(async () => {
        await journal().postJournalEntry(input);
        expect(await strapi.db.query(ENTRY).count()).toBe(before.entries + 1);
        throw new Error('the caller fails after posting');
      }),
    );
    expect(error.message).toBe('the caller fails after posting');
    expect(await countRows()).toEqual(before);
  });

  it('posts a key once when it is posted concurrently', async () => {
    const input = buildEntry();
    const before = await countRows();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => journal().postJournalEntry(input)),
    );
    expect(new Set(results.map((entry) => entry.documentId)).size).toBe(1);
    expect(await countRows()).toEqual({
      ...before,
      entries: before.entries + 1,
      lines: before.lines + 2,
    });
  });
});

describe('unique indexes below the API', () => {
  it('refuses a second entry, payment or account with the same key or code', async () => {
    const entry = await journal().postJournalEntry(buildEntry());
    const payment = await payments().recordPayment(buildPayment());
    const before = await countRows();

    const refusals = [
      await refusalOf(
        strapi.db.query(ENTRY).create({
          data: { ...entry, id: undefined, documentId: undefined, lines: undefined },
        }),
      ),
      await refusalOf(
        strapi.db.query(PAYMENT).create({
          data: { ...payment, id: undefined, documentId: undefined, entryKey: `x:${unique()}` },
        }),
      ),
      await refusalOf(
        strapi.db.query(ACCOUNT).create({
          data: { code: '1000', name: 'Petty cash', role: 'cash', accountType: 'asset' },
        }),
      ),
    ];

    for (const error of refusals) {
      expect(error.message).toMatch(/unique constraint/i);
    }
    expect(await countRows()).toEqual(before);
  });
});

describe('payments and refunds', () => {
  it('post cash against the receivable and give each customer their balance', async () => {
    const customer = documentId();
    const other = documentId();
    const order = documentId();
    const cashBefore = await journal().accountBalance('cash');

    await journal().postJournalEntry({
      key: `invoice:${order}`,
      date: '2024-04-01',
      sourceType: 'invoice',
      sourceId: 'INV-000002',
      orderDocumentId: order,
      customerDocumentId: customer,
      lines: [
        { account: 'receivable', debit: 10000, credit: 0 },
        { account: 'sales', debit: 0, credit: 10000 },
      ],
    });
    expect(await journal().receivableBalance(customer)).toBe(10000);

    const payment = await payments().recordPayment(
      buildPayment({ customerDocumentId: customer, orderDocumentId: order, amount: 6000 }),
    );
    const refund = await payments().recordPayment(
      buildPayment({
        kind: 'refund',
        customerDocumentId: customer,
        orderDocumentId: order,
        amount: 1000,
        method: 'bank-transfer',
        reference: 'R-1',
      }),
    );
    await payments().recordPayment(buildPayment({ customerDocumentId: other, amount: 2500 }));

    expect(payment).toMatchObject({ kind: 'payment', amount: 6000, currency: 'USD' });
    const paymentEntry = (await journal().findJournalEntries({ sourceId: payment.documentId }))
      .data[0];
    expect(paymentEntry).toMatchObject({
      entryKey: payment.entryKey,
      sourceType: 'payment',
      orderDocumentId: order,
      customerDocumentId: customer,
      memo: 'Payment received by card',
    });
    expect(paymentEntry.lines).toEqual([
      { accountCode: '1000', debit: 6000, credit: 0 },
      { accountCode: '1100', debit: 0, credit: 6000 },
    ]);
    const refundEntry = (await journal().findJournalEntries({ sourceId: refund.documentId }))
      .data[0];
    expect(refundEntry).toMatchObject({
      sourceType: 'refund',
      memo: 'Refund paid by bank-transfer (ref. R-1)',
    });
    expect(refundEntry.lines).toEqual([
      { accountCode: '1100', debit: 1000, credit: 0 },
      { accountCode: '1000', debit: 0, credit: 1000 },
    ]);

    expect(await journal().receivableBalance(customer)).toBe(10000 - 6000 + 1000);
    // Paid ahead of any invoice: a credit on that customer's receivable.
    expect(await journal().receivableBalance(other)).toBe(-2500);
    expect(await journal().receivableBalance(documentId())).toBe(0);
    expect(await payments().sumPaymentsForOrder(order)).toEqual({ paid: 6000, refunded: 1000 });
    expect(await payments().sumPaymentsForOrder(documentId())).toEqual({ paid: 0, refunded: 0 });
    expect(await journal().accountBalance('cash')).toBe(cashBefore + 6000 - 1000 + 2500);
  });

  it('reads balances inside a transaction that has not committed yet', async () => {
    const customer = documentId();
    await strapi.db.transaction(async () => {
      await payments().recordPayment(buildPayment({ customerDocumentId: customer, amount: 700 }));
      expect(await journal().receivableBalance(customer)).toBe(-700);
    });
    expect(await journal().receivableBalance(customer)).toBe(-700);
  });

  it('posts a supplier payment against the payable', async () => {
    const payableBefore = await journal().accountBalance('payable');
    const paid = await payments().recordPayment(
      buildPayment({
        kind: 'supplier-payment',
        customerDocumentId: undefined,
        orderDocumentId: undefined,
        amount: 9900,
        method: 'cheque',
      }),
    );
    const entry = (await journal().findJournalEntries({ sourceId: paid.documentId })).data[0];
    expect(entry.sourceType).toBe('supplier-payment');
    expect(entry.lines).toEqual([
      { accountCode: '2000', debit: 9900, credit: 0 },
      { accountCode: '1000', debit: 0, credit: 9900 },
    ]);
    expect(await journal().accountBalance('payable')).toBe(payableBefore + 9900);
  });

  it('returns the stored payment when the same key is recorded again, writing nothing', async () => {
    const input = buildPayment();
    const first = await payments().recordPayment(input);
    const before = await countRows();
    expect(await payments().recordPayment(input)).toEqual(first);
    expect(await countRows()).toEqual(before);
  });

  it('records a key once when it is recorded concurrently', async () => {
    const input = buildPayment();
    const before = await countRows();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => payments().recordPayment(input)),
    );
    expect(new Set(results.map((payment) => payment.documentId)).size).toBe(1);
    expect(await countRows()).toEqual({
      ...before,
      payments: before.payments + 1,
      entries: before.entries + 1,
      lines: before.lines + 2,
    });
  });

  it('refuses the same key with another amount (409) and changes nothing', async () => {
    const input = buildPayment();
    await payments().recordPayment(input);
    const before = await countRows();
    const error = await refusalOf(payments().recordPayment({ ...input, amount: 2600 }));
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'payment_key_reused',
      message: `Payment ${input.key} was already recorded with different amount`,
    });
    expect(await countRows()).toEqual(before);
  });

  it.each([
    [{ amount: 0 }, 'amount: must be a positive number of minor units'],
    [{ amount: 12.5 }, 'amount: must be an integer number of minor units (cents)'],
    [
      { customerDocumentId: undefined },
      'customerDocumentId: is required for a payment: it is money owed by or to a customer',
    ],
    [
      { kind: 'supplier-payment' as const },
      'orderDocumentId: must not be given for a supplier payment',
    ],
    [{ date: '2024-02-30' }, 'date: must be a date written YYYY-MM-DD'],
  ])('refuses %j with a message naming the field, writing nothing', async (overrides, message) => {
    const before = await countRows();
    const error = await refusalOf(payments().recordPayment(buildPayment(overrides)));
    expect(error).toMatchObject({ kind: 'invalid', message });
    expect(await countRows()).toEqual(before);
  });
});

describe('GET /api/journal-entries', () => {
  const sourceId = `RCV-${unique()}`;
  let january: JournalEntryView;
  let february: JournalEntryView;
  let march: JournalEntryView;

  beforeAll(async () => {
    // NOTE: dated in 2031 so that no other test's entry falls in the ranges asked for.
    january = await journal().postJournalEntry(
      buildEntry({
        date: '2031-01-10',
        sourceType: 'payment',
        lines: [
          { account: 'cash', debit: 100, credit: 0 },
          { account: 'receivable', debit: 0, credit: 100 },
        ],
      }),
    );
    february = await journal().postJournalEntry(
      buildEntry({
        date: '2031-02-10',
        sourceType: 'receipt',
        sourceId,
        lines: [
          { account: 'inventory', debit: 4200, credit: 0 },
          { account: 'payable', debit: 0, credit: 4200 },
        ],
      }),
    );
    march = await journal().postJournalEntry(
      buildEntry({
        date: '2031-03-10',
        sourceType: 'payment',
        lines: [
          { account: 'cash', debit: 300, credit: 0 },
          { account: 'cash', debit: 200, credit: 0 },
          { account: 'receivable', debit: 0, credit: 500 },
        ],
      }),
    );
  });

  const keysOf = (res: Response) => res.body.data.map((entry: Json) => entry.entryKey);

  it('lists the entries of a date range with their lines, amounts as JSON integers', async () => {
    const res = await get('/api/journal-entries?from=2031-01-01&to=2031-12-31');
    expect(res.status).toBe(200);
    expect(keysOf(res)).toEqual([january.entryKey, february.entryKey, march.entryKey]);
    expect(res.body.data[1]).toEqual(JSON.parse(JSON.stringify(february)));
    expect(res.body.data[1].lines).toEqual([
      { accountCode: '1200', debit: 4200, credit: 0 },
      { accountCode: '2000', debit: 0, credit: 4200 },
    ]);
    expect(res.body.data[1].totalDebit).toBe(4200);
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 3 });
  });

  it('filters by account code or role, listing an entry once however many lines it has there', async () => {
    const range = 'from=2031-01-01&to=2031-12-31';
    const byCode = await get(`/api/journal-entries?account=1000&${range}`);
    expect(byCode.status).toBe(200);
    expect(keysOf(byCode)).toEqual([january.entryKey, march.entryKey]);
    expect(byCode.body.meta.pagination.total).toBe(2);
    const byRole = await get(`/api/journal-entries?account=inventory&${range}`);
    expect(keysOf(byRole)).toEqual([february.entryKey]);
  });

  it('filters by a date range, both ends included', async () => {
    const res = await get('/api/journal-entries?from=2031-02-10&to=2031-03-10');
    expect(keysOf(res)).toEqual([february.entryKey, march.entryKey]);
    const upTo = await get('/api/journal-entries?from=2031-01-01&to=2031-01-10');
    expect(keysOf(upTo)).toEqual([january.entryKey]);
  });

  it('filters by source', async () => {
    const res = await get(`/api/journal-entries?sourceType=receipt&sourceId=${sourceId}`);
    expect(keysOf(res)).toEqual([february.entryKey]);
    const none = await get(`/api/journal-entries?sourceType=invoice&sourceId=${sourceId}`);
    expect(none.body.data).toEqual([]);
  });

  it('pages the list', async () => {
    const res = await get(
      '/api/journal-entries?from=2031-01-01&to=2031-12-31&pagination[page]=2&pagination[pageSize]=2',
    );
    expect(keysOf(res)).toEqual([march.entryKey]);
    expect(res.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3 });
  });

  it.each([
    ['from=2031-13-01', 'from: must be a date written YYYY-MM-DD'],
    ['to=yesterday', 'to: must be a date written YYYY-MM-DD'],
    ['from=2031-03-01&to=2031-02-01', 'to: must not be before from (2031-03-01)'],
    ['account=9999', 'account: no account with role or code "9999"'],
    ['sourceType=invoices', expect.stringMatching(/^sourceType: /)],
    ['pagination[pageSize]=500', 'pagination.pageSize: must be at most 100'],
    ['filters[memo]=x', 'filters: is not a field that can be written'],
  ])('answers 400 for ?%s', async (query, message) => {
    const res = await get(`/api/journal-entries?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toEqual(message);
  });

  it('answers one entry with its lines, and 404 for an unknown one', async () => {
    const res = await get(`/api/journal-entries/${march.documentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(JSON.parse(JSON.stringify(march)));
    expectError(
      await get(`/api/journal-entries/${MISSING_ID}`),
      404,
      'NotFoundError',
      `No journal entry ${MISSING_ID}`,
    );
  });
});

describe('GET /api/payments', () => {
  it('lists the payments and refunds of an order and answers one by documentId', async () => {
    const order = documentId();
    const customer = documentId();
    const paid = await payments().recordPayment(
      buildPayment({ orderDocumentId: order, customerDocumentId: customer, amount: 4000 }),
    );
    const refunded = await payments().recordPayment(
      buildPayment({
        kind: 'refund',
        orderDocumentId: order,
        customerDocumentId: customer,
        amount: 500,
        date: '2024-03-06',
      }),
    );

    const list = await get(`/api/payments?orderDocumentId=${order}`);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual(JSON.parse(JSON.stringify([paid, refunded])));
    expect(list.body.data[0].amount).toBe(4000);
    const refunds = await get(`/api/payments?orderDocumentId=${order}&kind=refund`);
    expect(refunds.body.data.map((p: Json) => p.documentId)).toEqual([refunded.documentId]);

    const one = await get(`/api/payments/${paid.documentId}`);
    expect(one.status).toBe(200);
    expect(one.body.data).toEqual(JSON.parse(JSON.stringify(paid)));
    expectError(
      await get(`/api/payments/${MISSING_ID}`),
      404,
      'NotFoundError',
      `No payment ${MISSING_ID}`,
    );
  });

  it('answers 400 for an unknown kind', async () => {
    const res = await get('/api/payments?kind=gift');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^kind: /);
  });
});

describe('REST writes', () => {
  it.each(['journal-entries', 'payments', 'accounts'])(
    'offers no create, update or delete of %s',
    async (route) => {
      const entry = await journal().postJournalEntry(buildEntry());
      const before = await countRows();
      const post = await api(strapi)
        .post(`/api/${route}`)
        .set('Authorization', auth)
        .send({ data: {} });
      const put = await api(strapi)
        .put(`/api/${route}/${entry.documentId}`)
        .set('Authorization', auth)
        .send({ data: {} });
      const del = await api(strapi)
        .delete(`/api/${route}/${entry.documentId}`)
        .set('Authorization', auth);
      for (const res of [post, put, del]) {
        expect([404, 405]).toContain(res.status);
      }
      expect(await countRows()).toEqual(before);
    },
  );
});

describe('permissions', () => {
  it.each(['journal-entries', 'payments', 'accounts'])(
    'refuses the Public role the list and one of %s',
    async (route) => {
      const [account] = await accounts().listAccounts();
      for (const path of [`/api/${route}`, `/api/${route}/${account.documentId}`]) {
        expectError(await api(strapi).get(path), 403, 'ForbiddenError', 'Forbidden');
      }
    },
  );

  it('lets the Back office role read the ledger', async () => {
    const staff = await logInWithRole(strapi, 'back-office');
    for (const route of ['journal-entries', 'payments', 'accounts']) {
      const res = await api(strapi).get(`/api/${route}`).set('Authorization', staff);
      expect(res.status).toBe(200);
    }
  });
});

const APPEND_ONLY =
  'Journal entries are append-only: they are posted by the ledger service and never created, changed or deleted directly; a correction is a new, reversing entry';

describe('direct writes through the Document Service', () => {
  it('refuses creating, updating and deleting a journal entry, changing nothing', async () => {
    const entry = await journal().postJournalEntry(buildEntry());
    const before = await countRows();
    const entries = strapi.documents(ENTRY);

    const refusals = [
      await refusalOf(
        entries.create({
          data: {
            entryKey: `forged:${unique()}`,
            date: '2024-03-01',
            sourceType: 'adjustment',
            sourceId: 'X',
            currency: 'USD',
            totalDebit: 1,
            totalCredit: 1,
          } as never,
        }),
      ),
      await refusalOf(
        entries.update({ documentId: entry.documentId, data: { memo: 'edited' } as never }),
      ),
      await refusalOf(entries.delete({ documentId: entry.documentId })),
    ];

    for (const error of refusals) {
      expect(error).toMatchObject({
        name: 'LedgerError',
        code: 'ledger_append_only',
        message: APPEND_ONLY,
      });
    }
    expect(await countRows()).toEqual(before);
    expect(await journal().findJournalEntry(entry.documentId)).toEqual(entry);
  });

  it('refuses writing journal lines and payments directly', async () => {
    const payment = await payments().recordPayment(buildPayment());
    const [line] = (await strapi.db
      .query(LINE)
      .findMany({ where: { entryKey: payment.entryKey } })) as {
      documentId: string;
    }[];
    const before = await countRows();

    const refusals = [
      await refusalOf(
        strapi.documents(LINE).update({ documentId: line.documentId, data: { debit: 1 } as never }),
      ),
      await refusalOf(strapi.documents(LINE).delete({ documentId: line.documentId })),
      await refusalOf(
        strapi.documents(PAYMENT).update({
          documentId: payment.documentId,
          data: { amount: 1 } as never,
        }),
      ),
      await refusalOf(strapi.documents(PAYMENT).delete({ documentId: payment.documentId })),
    ];

    expect(refusals.map((error) => error.code)).toEqual(Array(4).fill('ledger_append_only'));
    expect(refusals[0].message).toMatch(/^Journal lines are append-only/);
    expect(refusals[2].message).toMatch(/^Payments and refunds are append-only/);
    expect(await countRows()).toEqual(before);
    expect(
      await strapi.documents(PAYMENT).findOne({ documentId: payment.documentId }),
    ).toMatchObject({ amount: '2500' });
  });

  it('refuses creating or deleting an account and changing its code, but allows renaming it', async () => {
    const receivable = (await accounts().listAccounts()).find(
      (a) => a.role === 'receivable',
    ) as AccountView;
    const before = await countRows();

    const create = await refusalOf(
      strapi.documents(ACCOUNT).create({
        data: { code: '1300', name: 'Prepaid', role: 'cash', accountType: 'asset' } as never,
      }),
    );
    const remove = await refusalOf(
      strapi.documents(ACCOUNT).delete({ documentId: receivable.documentId }),
    );
    const recode = await refusalOf(
      strapi.documents(ACCOUNT).update({
        documentId: receivable.documentId,
        data: { code: '1101', name: 'Debtors' } as never,
      }),
    );

    expect(create.code).toBe('ledger_append_only');
    expect(remove.code).toBe('ledger_append_only');
    expect(recode).toMatchObject({
      code: 'account_field_fixed',
      message:
        'code: is fixed for account 1100 (journal lines and the ledger service refer to it); only the name may change',
    });
    expect(await countRows()).toEqual(before);

    await strapi.documents(ACCOUNT).update({
      documentId: receivable.documentId,
      data: { code: '1100', name: 'Debtors', role: 'receivable' } as never,
    });
    expect((await accounts().listAccounts()).find((a) => a.role === 'receivable')).toMatchObject({
      code: '1100',
      name: 'Debtors',
    });
    await strapi.documents(ACCOUNT).update({
      documentId: receivable.documentId,
      data: { name: 'Accounts receivable' } as never,
    });
  });
});

describe("a Super Admin's saves in the content manager", () => {
  let admin: string;
  const contentManager = (uid: string) => `/content-manager/collection-types/${uid}`;

  beforeAll(async () => {
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    const email = `admin-${unique()}@example.com`;
    const password = `Ledger-${unique()}-A1`;
    await strapi.service('admin::user').create({
      email,
      firstname: 'Ada',
      lastname: 'Admin',
      password,
      isActive: true,
      roles: [superAdmin.id],
    });
    const login = await api(strapi).post('/admin/login').send({ email, password });
    expect(login.status).toBe(200);
    admin = `Bearer ${login.body.data.token}`;
  });

  const asAdmin = {
    post: (path: string, body: unknown) =>
      api(strapi)
        .post(path)
        .set('Authorization', admin)
        .send(body as object),
    put: (path: string, body: unknown) =>
      api(strapi)
        .put(path)
        .set('Authorization', admin)
        .send(body as object),
    delete: (path: string) => api(strapi).delete(path).set('Authorization', admin),
    get: (path: string) => api(strapi).get(path).set('Authorization', admin),
  };

  function expectAppendOnly(res: Response, message = APPEND_ONLY): void {
    expectError(res, 403, 'ForbiddenError', message);
  }

  it('shows the journal entries to the Super Admin', async () => {
    const entry = await journal().postJournalEntry(buildEntry());
    const res = await asAdmin.get(`${contentManager(ENTRY)}/${entry.documentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data.entryKey).toBe(entry.entryKey);
  });

  it('refuses creating a journal entry and writes nothing', async () => {
    const before = await countRows();
    const res = await asAdmin.post(contentManager(ENTRY), {
      entryKey: `forged:${unique()}`,
      date: '2024-03-01',
      sourceType: 'adjustment',
      sourceId: 'X',
      currency: 'USD',
      totalDebit: '100',
      totalCredit: '100',
    });
    expectAppendOnly(res);
    expect(await countRows()).toEqual(before);
  });

  it('refuses updating a journal entry and changes nothing', async () => {
    const entry = await journal().postJournalEntry(buildEntry());
    const before = await countRows();
    const res = await asAdmin.put(`${contentManager(ENTRY)}/${entry.documentId}`, {
      memo: 'edited',
      totalDebit: '999999',
    });
    expectAppendOnly(res);
    expect(await countRows()).toEqual(before);
    expect(await journal().findJournalEntry(entry.documentId)).toEqual(entry);
  });

  it('refuses deleting a journal entry, one or in bulk, and changes nothing', async () => {
    const entry = await journal().postJournalEntry(buildEntry());
    const before = await countRows();
    expectAppendOnly(await asAdmin.delete(`${contentManager(ENTRY)}/${entry.documentId}`));
    expectAppendOnly(
      await asAdmin.post(`${contentManager(ENTRY)}/actions/bulkDelete`, {
        documentIds: [entry.documentId],
      }),
    );
    expect(await countRows()).toEqual(before);
    expect(await journal().findJournalEntry(entry.documentId)).toEqual(entry);
  });

  it('refuses editing a payment', async () => {
    const payment = await payments().recordPayment(buildPayment());
    const before = await countRows();
    const res = await asAdmin.put(`${contentManager(PAYMENT)}/${payment.documentId}`, {
      amount: '1',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/^Payments and refunds are append-only/);
    expect(await countRows()).toEqual(before);
  });

  it('lets an account be renamed but not recoded', async () => {
    const cash = (await accounts().listAccounts()).find((a) => a.role === 'cash') as AccountView;
    const recode = await asAdmin.put(`${contentManager(ACCOUNT)}/${cash.documentId}`, {
      code: '1001',
      name: 'Cash',
      role: 'cash',
      accountType: 'asset',
    });
    expectError(
      recode,
      400,
      'ValidationError',
      'code: is fixed for account 1000 (journal lines and the ledger service refer to it); only the name may change',
    );
    const rename = await asAdmin.put(`${contentManager(ACCOUNT)}/${cash.documentId}`, {
      code: '1000',
      name: 'Cash at bank',
      role: 'cash',
      accountType: 'asset',
    });
    expect(rename.status).toBe(200);
    expect((await accounts().listAccounts()).find((a) => a.role === 'cash')).toMatchObject({
      code: '1000',
      name: 'Cash at bank',
    });
    await strapi
      .documents(ACCOUNT)
      .update({ documentId: cash.documentId, data: { name: 'Cash' } as never });
  });

  it('shows the ledger read-only in the content manager', async () => {
    const res = await asAdmin.get(`/content-manager/content-types/${ENTRY}/configuration`);
    expect(res.status).toBe(200);
    const metadatas = res.body.data.contentType.metadatas;
    expect(metadatas.entryKey.edit.editable).toBe(false);
    expect(metadatas.lines.edit.editable).toBe(false);
    const accountConfig = await asAdmin.get(
      `/content-manager/content-types/${ACCOUNT}/configuration`,
    );
    expect(accountConfig.body.data.contentType.metadatas.code.edit.editable).toBe(false);
    expect(accountConfig.body.data.contentType.metadatas.name.edit.editable).not.toBe(false);
  });
});
