import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is writing, for the Document Service middlewares that guard service-owned fields: a write
 * made inside `runAsWriter('inventory', …)` may set stock fields; a save from the admin panel or a
 * generic route runs with no writer and may not.
 */
export type Writer = 'inventory' | 'ledger' | 'order-lifecycle' | 'import';

const storage = new AsyncLocalStorage<ReadonlySet<Writer>>();

export function runAsWriter<T>(writer: Writer, work: () => Promise<T>): Promise<T> {
  const writers = new Set(storage.getStore() ?? []);
  writers.add(writer);
  return storage.run(writers, work);
}

export function isWriting(writer: Writer): boolean {
  return storage.getStore()?.has(writer) ?? false;
}
