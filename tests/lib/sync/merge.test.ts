import { describe, expect, test } from 'vitest';
import {
  conflictTitle,
  mergeRecord,
  type MergeInput,
  type MergeResult,
  type Side,
} from '../../../lib/sync/merge';
import { LIMITS } from '../../../lib/vault/record-fields';
import type { CustomField, LoginFields, RecordOf, VaultRecord } from '../../../lib/vault/record-types';

const ID = '7f9c2b1e-4d3a-4c5b-9e8f-0a1b2c3d4e5f';
const COPY_ID = '11111111-2222-4333-8444-555555555555';
const NOW = '2026-11-20T12:00:00.000Z';

function login(fields: Partial<LoginFields> = {}, rest: Partial<RecordOf<'login'>> = {}): RecordOf<'login'> {
  return {
    id: ID,
    type: 'login',
    fields: {
      title: 'Bank',
      notes: '',
      tags: ['money'],
      favorite: false,
      customFields: [],
      username: 'alice',
      password: 'p0',
      urls: [{ url: 'https://bank.example', match: 'base-domain' }],
      totp: '',
      passwordHistory: [],
      ...fields,
    },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    conflict: null,
    ...rest,
  };
}

function merge(base: MergeInput['base'], local: Side, remote: Side): MergeResult {
  let ids = 0;
  return mergeRecord({
    base,
    local,
    remote,
    now: NOW,
    newId: () => (ids++ === 0 ? COPY_ID : 'second-id-must-not-be-asked'),
  });
}

/** A login's fields (the merge keeps the type; anything else is a failure). */
function loginFields(record: VaultRecord | null | undefined): LoginFields {
  if (record?.type !== 'login') throw new Error(`expected a login, got ${record?.type}`);
  return record.fields;
}

/** The record pushed, or a failure naming the outcome that came instead. */
function pushed(result: MergeResult): VaultRecord {
  if (result.outcome.kind !== 'push') throw new Error(`expected a push, got ${result.outcome.kind}`);
  return result.outcome.record;
}

function expectCopyOf(result: MergeResult, local: VaultRecord): void {
  expect(result.copy).toEqual({
    ...local,
    id: COPY_ID,
    fields: { ...local.fields, title: `${local.fields.title} (conflict)` },
    createdAt: NOW,
    updatedAt: NOW,
    conflict: { of: ID, at: NOW },
  });
}

const base = login({}, { updatedAt: '2026-02-01T00:00:00.000Z' });

/** One side's version: X is the title, Y the username; "same" edits X to the value both sides choose. */
const VARIANTS = ['unchanged', 'editX', 'editY', 'sameX', 'delete'] as const;
type Variant = (typeof VARIANTS)[number];

function version(variant: Variant, side: 'local' | 'remote'): Side {
  const at = { updatedAt: side === 'local' ? '2026-03-01T00:00:00.000Z' : '2026-04-01T00:00:00.000Z' };
  switch (variant) {
    case 'unchanged':
      return base;
    case 'editX':
      return login({ title: `X-${side}` }, at);
    case 'editY':
      return login({ username: `Y-${side}` }, at);
    case 'sameX':
      return login({ title: 'X-same' }, at);
    case 'delete':
      return 'deleted';
  }
}

/**
 * Expected outcome for each local (row) × remote (column). "push title/username" is the merged record pushed;
 * "remote+copy" takes the remote and keeps the local version as a conflict copy.
 */
const TABLE: Record<Variant, Record<Variant, string>> = {
  unchanged: {
    unchanged: 'remote',
    editX: 'remote',
    editY: 'remote',
    sameX: 'remote',
    delete: 'remote', // no local edit: the delete stands
  },
  editX: {
    unchanged: 'push X-local/alice',
    editX: 'remote+copy',
    editY: 'push X-local/Y-remote',
    sameX: 'remote+copy',
    delete: 'push X-local/alice', // re-created: the edit is not lost
  },
  editY: {
    unchanged: 'push Bank/Y-local',
    editX: 'push X-remote/Y-local',
    editY: 'remote+copy',
    sameX: 'push X-same/Y-local',
    delete: 'push Bank/Y-local',
  },
  sameX: {
    unchanged: 'push X-same/alice',
    editX: 'remote+copy',
    editY: 'push X-same/Y-remote',
    sameX: 'remote',
    delete: 'push X-same/alice',
  },
  delete: {
    unchanged: 'push-delete',
    editX: 'remote', // the edit wins over the delete
    editY: 'remote',
    sameX: 'remote',
    delete: 'remote',
  },
};

describe('mergeRecord: every local × remote combination against a base', () => {
  for (const l of VARIANTS) {
    for (const r of VARIANTS) {
      const expected = TABLE[l][r];
      test(`local ${l}, remote ${r} → ${expected}`, () => {
        const local = version(l, 'local');
        const remote = version(r, 'remote');
        const result = merge(base, local, remote);
        if (expected === 'remote' || expected === 'remote+copy') {
          expect(result.outcome).toEqual({ kind: 'take-remote' });
          if (expected === 'remote') expect(result.copy).toBeNull();
          else expectCopyOf(result, local as VaultRecord);
        } else if (expected === 'push-delete') {
          expect(result).toEqual({ outcome: { kind: 'push-delete' }, copy: null });
        } else {
          const [title, username] = expected.replace('push ', '').split('/');
          expect(result.copy).toBeNull();
          expect(pushed(result)).toEqual(
            login({ title, username }, { updatedAt: NOW, createdAt: base.createdAt, conflict: null }),
          );
        }
      });
    }
  }
});

describe('mergeRecord: no common base', () => {
  const local = login({ title: 'Mine' }, { updatedAt: '2026-05-01T00:00:00.000Z' });
  const remote = login({ title: 'Theirs' }, { updatedAt: '2026-06-01T00:00:00.000Z' });

  for (const noBase of [null, 'deleted'] as const) {
    test(`base ${noBase}: equal content (a lost push answer retried) takes the remote, no copy`, () => {
      const same = { ...local, updatedAt: remote.updatedAt, createdAt: '2025-01-01T00:00:00.000Z' };
      expect(merge(noBase, same, login({ title: 'Mine' }))).toEqual({
        outcome: { kind: 'take-remote' },
        copy: null,
      });
    });

    test(`base ${noBase}: different content takes the remote and copies the local`, () => {
      const result = merge(noBase, local, remote);
      expect(result.outcome).toEqual({ kind: 'take-remote' });
      expectCopyOf(result, local);
    });

    test(`base ${noBase}: local delete vs a live remote takes the remote`, () => {
      expect(merge(noBase, 'deleted', remote)).toEqual({ outcome: { kind: 'take-remote' }, copy: null });
    });

    test(`base ${noBase}: local edit vs a remote delete pushes the local version`, () => {
      expect(pushed(merge(noBase, local, 'deleted'))).toEqual({ ...local, updatedAt: NOW, conflict: null });
    });
  }

  test('even when only tags differ, no base means a copy (nothing to tell additions from removals)', () => {
    const result = merge(null, login({ tags: ['a'] }), login({ tags: ['b'] }));
    expect(result.outcome).toEqual({ kind: 'take-remote' });
    expect(result.copy?.fields.tags).toEqual(['a']);
  });
});

describe('mergeRecord: type changes', () => {
  const note: VaultRecord = {
    id: ID,
    type: 'note',
    fields: { title: 'Bank', notes: 'now a note', tags: ['money'], favorite: false, customFields: [] },
    createdAt: base.createdAt,
    updatedAt: '2026-05-01T00:00:00.000Z',
    conflict: null,
  };

  test('local changed the type, remote edited: remote taken, local kept as a copy', () => {
    const result = merge(base, note, login({ username: 'bob' }));
    expect(result.outcome).toEqual({ kind: 'take-remote' });
    expectCopyOf(result, note);
  });

  test('remote changed the type, local edited: remote taken, local kept as a copy', () => {
    const local = login({ username: 'bob' });
    const result = merge(base, local, note);
    expect(result.outcome).toEqual({ kind: 'take-remote' });
    expectCopyOf(result, local);
  });

  test('both changed to the same note: take the remote', () => {
    expect(merge(base, { ...note, updatedAt: NOW }, note)).toEqual({
      outcome: { kind: 'take-remote' },
      copy: null,
    });
  });
});

describe('mergeRecord: tags are a set, three-way per tag, never a conflict', () => {
  const tagBase = login({ tags: ['a', 'b', 'c'] });

  test.each([
    [
      'additions on both sides are kept',
      ['a', 'b', 'c', 'x'],
      ['a', 'b', 'c', 'y'],
      ['a', 'b', 'c', 'x', 'y'],
    ],
    ['a removal on one side is kept', ['a', 'c'], ['a', 'b', 'c', 'y'], ['a', 'c', 'y']],
    ['removals on both sides are kept', ['a', 'c'], ['b', 'c'], ['c']],
    ['a removal and an addition of others', ['b', 'c', 'x'], ['a', 'b'], ['b', 'x']],
    ['a local reordering survives an untouched remote', ['c', 'b', 'a'], ['a', 'b', 'c'], ['c', 'b', 'a']],
    [
      'a change of case follows the side that made it',
      ['A', 'b', 'c'],
      ['a', 'b', 'c', 'y'],
      ['A', 'b', 'c', 'y'],
    ],
    [
      'the same tag added in two spellings is kept once',
      ['a', 'b', 'c', 'New'],
      ['a', 'b', 'c', 'new'],
      ['a', 'b', 'c', 'new'],
    ],
  ])('%s', (_name, localTags, remoteTags, merged) => {
    const result = merge(tagBase, login({ tags: localTags }), login({ tags: remoteTags }));
    expect(result.copy).toBeNull();
    if (result.outcome.kind === 'take-remote') expect(remoteTags).toEqual(merged);
    else expect(pushed(result).fields.tags).toEqual(merged);
  });

  test('a union beyond the schema limit keeps the remote tags and the local ones in a copy', () => {
    const many = (prefix: string) => Array.from({ length: LIMITS.tags - 3 }, (_, i) => `${prefix}${i}`);
    const local = login({ tags: ['a', 'b', 'c', ...many('l')] });
    const remote = login({ tags: ['a', 'b', 'c', ...many('r')] });
    const result = merge(tagBase, local, remote);
    expect(result.outcome).toEqual({ kind: 'take-remote' });
    expectCopyOf(result, local);
  });
});

describe('mergeRecord: custom fields, three-way by id', () => {
  const field = (id: string, value: string, name = id): CustomField => ({ id, name, value, kind: 'text' });
  const cfBase = login({ customFields: [field('a', '1'), field('b', '2'), field('c', '3')] });

  test('additions, a removal and edits of different ids merge without a conflict', () => {
    const local = login({ customFields: [field('a', '1-local'), field('c', '3'), field('l', 'new')] });
    const remote = login({
      customFields: [field('a', '1'), field('b', '2'), field('c', '3-remote'), field('r', 'new')],
    });
    const result = merge(cfBase, local, remote);
    expect(result.copy).toBeNull();
    expect(pushed(result).fields.customFields).toEqual([
      field('a', '1-local'),
      field('c', '3-remote'),
      field('l', 'new'),
      field('r', 'new'),
    ]);
  });

  test('a rename on one side and a value change on the other merge into one field', () => {
    const local = login({ customFields: [field('a', '1', 'PIN'), field('b', '2'), field('c', '3')] });
    const remote = login({ customFields: [field('a', '9'), field('b', '2'), field('c', '3')] });
    const result = merge(cfBase, local, remote);
    expect(result.copy).toBeNull();
    expect(pushed(result).fields.customFields[0]).toEqual(field('a', '9', 'PIN'));
  });

  test('the same id edited differently on both sides is a conflict: remote value, local copy', () => {
    const local = login({ customFields: [field('a', 'L'), field('b', '2'), field('c', '3')] });
    const remote = login({ customFields: [field('a', 'R'), field('b', '2'), field('c', '3')] });
    const result = merge(cfBase, local, remote);
    expect(result.outcome).toEqual({ kind: 'take-remote' });
    expectCopyOf(result, local);
  });

  test('removed on one side, edited on the other: the edit wins, no copy', () => {
    const edited = login({ customFields: [field('a', '1'), field('b', 'edited'), field('c', '3')] });
    const removed = login({ customFields: [field('a', '1'), field('c', '3')] });
    const one = merge(cfBase, removed, edited);
    expect(one).toEqual({ outcome: { kind: 'take-remote' }, copy: null });
    const other = merge(cfBase, edited, removed);
    expect(other.copy).toBeNull();
    expect(pushed(other).fields.customFields).toEqual(edited.fields.customFields);
  });
});

describe('mergeRecord: password history', () => {
  const h = (password: string, day: number) => ({
    password,
    replacedAt: `2026-01-${String(day).padStart(2, '0')}T00:00:00.000Z`,
  });

  test('both histories are united, deduplicated, newest first', () => {
    const local = login({ passwordHistory: [h('c', 3), h('a', 1)], notes: 'local note' });
    const remote = login({ passwordHistory: [h('b', 2), h('a', 1)] });
    expect(loginFields(pushed(merge(base, local, remote))).passwordHistory).toEqual([
      h('c', 3),
      h('b', 2),
      h('a', 1),
    ]);
  });

  test('the union is capped at the schema limit, dropping the oldest', () => {
    const local = login({ passwordHistory: Array.from({ length: 30 }, (_, i) => h(`l${i}`, (i % 28) + 1)) });
    const remote = login({ passwordHistory: Array.from({ length: 30 }, (_, i) => h(`r${i}`, (i % 28) + 1)) });
    const history = loginFields(pushed(merge(base, local, remote))).passwordHistory;
    expect(history).toHaveLength(LIMITS.passwordHistory);
    expect(history.some((entry) => entry.replacedAt.startsWith('2026-01-01'))).toBe(false);
  });

  test('a password changed on both sides: remote password kept, local one in the copy', () => {
    const local = login({ password: 'p-local', passwordHistory: [h('p0', 5)] });
    const remote = login({ password: 'p-remote', passwordHistory: [h('p0', 6)] });
    const result = merge(base, local, remote);
    expectCopyOf(result, local);
    expect(pushed(result).fields).toMatchObject({
      password: 'p-remote',
      passwordHistory: [h('p0', 6), h('p0', 5)],
    });
  });

  test('a local password change whose history lost the old one: the old one is added to the history', () => {
    const local = login({ password: 'p1' }); // an editor that forgot to record p0
    const remote = login({ notes: 'remote note' });
    const merged = pushed(merge(base, local, remote));
    expect(merged.fields).toMatchObject({ password: 'p1', notes: 'remote note' });
    expect(merged.fields).toMatchObject({ passwordHistory: [{ password: 'p0', replacedAt: NOW }] });
  });

  test('an old password already in the history is not added twice', () => {
    const local = login({ password: 'p1', passwordHistory: [h('p0', 7)] });
    const merged = pushed(merge(base, local, login({ notes: 'n' })));
    expect(merged.fields).toMatchObject({ passwordHistory: [h('p0', 7)] });
  });
});

describe('mergeRecord: record-level fields', () => {
  test('favourite is a simple field: set on one side is kept', () => {
    const merged = pushed(merge(base, login({ favorite: true }), login({ notes: 'n' })));
    expect(merged.fields).toMatchObject({ favorite: true, notes: 'n' });
  });

  test('urls are one field: different lists on both sides conflict', () => {
    const local = login({ urls: [...base.fields.urls, { url: 'https://a.example', match: 'host' }] });
    const remote = login({ urls: [...base.fields.urls, { url: 'https://b.example', match: 'host' }] });
    const result = merge(base, local, remote);
    expect(result.outcome).toEqual({ kind: 'take-remote' });
    expectCopyOf(result, local);
  });

  test('createdAt is the earlier of the sides; the conflict mark is the remote one', () => {
    const mark = { of: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', at: '2026-02-02T00:00:00.000Z' };
    const local = login({ notes: 'n' }, { createdAt: '2025-12-31T00:00:00.000Z', conflict: null });
    const remote = login({}, { conflict: mark });
    const merged = pushed(merge({ ...base, conflict: mark }, local, remote));
    expect(merged).toMatchObject({ createdAt: '2025-12-31T00:00:00.000Z', updatedAt: NOW, conflict: mark });
  });

  test("the merged record's fields keep the remote's key order (a stable serialisation)", () => {
    const merged = pushed(merge(base, login({ notes: 'n', tags: ['x'] }), login({ username: 'u' })));
    expect(Object.keys(merged.fields)).toEqual(Object.keys(base.fields));
  });

  test('only a conflict copy id is asked for, once per merge however many fields conflict', () => {
    let asked = 0;
    const local = login({ title: 'L', username: 'L', password: 'L' });
    const remote = login({ title: 'R', username: 'R', password: 'R' });
    const result = mergeRecord({ base, local, remote, now: NOW, newId: () => `copy-${++asked}` });
    expect(asked).toBe(1);
    expect(result.copy?.id).toBe('copy-1');
  });

  test('versions of two different records are a caller bug', () => {
    expect(() => merge(base, login({}, { id: 'other' }), base)).toThrow(TypeError);
  });
});

describe('conflict copies: titles', () => {
  test('a title at the limit is cut so the suffixed one stays within 200 characters', () => {
    const title = 'T'.repeat(LIMITS.titleChars);
    expect(conflictTitle(title)).toBe(`${'T'.repeat(LIMITS.titleChars - 11)} (conflict)`);
    expect(conflictTitle(title)).toHaveLength(LIMITS.titleChars);
  });

  test('the cut never splits a surrogate pair', () => {
    const title = 'a'.repeat(LIMITS.titleChars - 12) + '😀'.repeat(10);
    const cut = conflictTitle(title);
    expect(cut.length).toBeLessThanOrEqual(LIMITS.titleChars);
    expect(cut).toBe(`${'a'.repeat(LIMITS.titleChars - 12)} (conflict)`);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no lone surrogate
  });

  test('a copy made by the merge carries the cut title', () => {
    const local = login({ title: 'L'.repeat(LIMITS.titleChars) });
    const result = merge(base, local, login({ title: 'R' }));
    expect(result.copy?.fields.title).toHaveLength(LIMITS.titleChars);
  });
});

describe('mergeRecord is pure', () => {
  function deepFreeze<T>(value: T): T {
    if (typeof value === 'object' && value !== null) {
      for (const inner of Object.values(value)) deepFreeze(inner);
      Object.freeze(value);
    }
    return value;
  }

  const local = login({
    title: 'L',
    tags: ['money', 'l'],
    customFields: [{ id: 'x', name: 'n', value: 'v', kind: 'text' }],
  });
  const remote = login({
    title: 'R',
    tags: ['money', 'r'],
    passwordHistory: [{ password: 'old', replacedAt: NOW }],
  });
  const cases: Array<[string, MergeInput['base'], Side, Side]> = [
    ['three-way with a conflict', base, local, remote],
    ['no base', null, local, remote],
    ['remote deleted', base, local, 'deleted'],
  ];

  test.each(cases)(
    '%s: frozen inputs are not touched, and the results share nothing with them',
    (_n, b, l, r) => {
      const before = structuredClone([b, l, r]);
      const result = merge(
        deepFreeze(structuredClone(b)),
        deepFreeze(structuredClone(l)),
        deepFreeze(structuredClone(r)),
      );
      const again = merge(b, l, r);
      expect(again).toEqual(result); // deterministic
      for (const record of [again.copy, again.outcome.kind === 'push' ? again.outcome.record : null]) {
        if (record === null) continue;
        record.fields.tags.push('mutated');
        record.fields.customFields.splice(0);
        record.fields.title = 'mutated';
      }
      expect([b, l, r]).toEqual(before);
    },
  );
});
