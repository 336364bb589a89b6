/**
 * Reading relation values as the Document Service receives them: a documentId, `{ documentId }`,
 * or the content manager's `{ connect: [...], disconnect: [...], set: [...] }`.
 */

interface RelationInput {
  documentId?: unknown;
  connect?: unknown;
  disconnect?: unknown;
  set?: unknown;
}

/** The documentId a relation value points at; undefined when it names none. */
export function relationTarget(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') {
    return value;
  }
  if (value && typeof value === 'object') {
    const relation = value as RelationInput;
    if (typeof relation.documentId === 'string') {
      return relation.documentId;
    }
    const list = Array.isArray(relation.set) ? relation.set : relation.connect;
    return Array.isArray(list) ? relationTarget(list[0]) : undefined;
  }
  return undefined;
}

/**
 * Whether saving `value` would point a to-one relation somewhere other than `current` (a
 * documentId, or null when it points nowhere). An absent value or an empty connect/disconnect,
 * which the content manager sends for an untouched field, changes nothing.
 */
export function changesRelation(value: unknown, current: string | null): boolean {
  if (value === undefined) {
    return false;
  }
  if (value === null || value === '') {
    return current !== null;
  }
  const target = relationTarget(value);
  if (target !== undefined) {
    return target !== current;
  }
  const relation = value as RelationInput;
  const removes = Array.isArray(relation.disconnect) && relation.disconnect.length > 0;
  const emptiesSet = Array.isArray(relation.set) && relation.set.length === 0;
  return (removes || emptiesSet) && current !== null;
}
