import { changesRelation, relationTarget } from './relations';

describe('relation values', () => {
  it('finds the target of every shape the Document Service accepts', () => {
    expect(relationTarget('abc')).toBe('abc');
    expect(relationTarget({ documentId: 'abc' })).toBe('abc');
    expect(relationTarget({ connect: [{ id: 1, documentId: 'abc' }], disconnect: [] })).toBe('abc');
    expect(relationTarget({ set: [{ documentId: 'abc' }] })).toBe('abc');
    expect(relationTarget({ connect: [], disconnect: [] })).toBeUndefined();
  });

  it('sees a change only when the relation would point elsewhere', () => {
    expect(changesRelation(undefined, 'a')).toBe(false);
    expect(changesRelation({ connect: [], disconnect: [] }, 'a')).toBe(false);
    expect(changesRelation({ connect: [{ documentId: 'a' }] }, 'a')).toBe(false);
    expect(
      changesRelation({ connect: [{ documentId: 'b' }], disconnect: [{ documentId: 'a' }] }, 'a'),
    ).toBe(true);
    expect(changesRelation({ connect: [], disconnect: [{ documentId: 'a' }] }, 'a')).toBe(true);
    expect(changesRelation({ set: [] }, 'a')).toBe(true);
    expect(changesRelation(null, 'a')).toBe(true);
    expect(changesRelation(null, null)).toBe(false);
    expect(changesRelation('b', 'a')).toBe(true);
  });
});
