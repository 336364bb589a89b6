/**
 * Helpers for use-cases that take many records at once. A batch reads with `where … in (…)`
 * lists; they are cut into chunks so that no statement carries more bound values than SQLite
 * or PostgreSQL accept, however large the batch.
 */

/** The most values one `in (…)` list carries. */
export const IN_LIST_SIZE = 500;

/** Runs `read` on consecutive chunks of `values` and concatenates what each returns. */
export async function readInChunks<Value, Result>(
  values: readonly Value[],
  read: (chunk: Value[]) => Promise<readonly Result[]>,
): Promise<Result[]> {
  const results: Result[] = [];
  for (let start = 0; start < values.length; start += IN_LIST_SIZE) {
    results.push(...(await read(values.slice(start, start + IN_LIST_SIZE))));
  }
  return results;
}

/** The distinct values, in the order they first appear. */
export const distinct = <Value>(values: Iterable<Value>): Value[] => [...new Set(values)];

/** Groups values by a key, keeping the order in which each key first appears. */
export function groupBy<Value, Key>(
  values: Iterable<Value>,
  keyOf: (value: Value) => Key,
): Map<Key, Value[]> {
  const groups = new Map<Key, Value[]>();
  for (const value of values) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group) {
      group.push(value);
    } else {
      groups.set(key, [value]);
    }
  }
  return groups;
}
