import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { mergeRecord } from '../../../lib/sync/merge';
import { LoginFieldsSchema } from '../../../lib/vault/record-fields';
import type { LoginFields, RecordOf, VaultRecord } from '../../../lib/vault/record-types';

/**
 * Replicas that edit offline and sync through a tiny in-memory server with exactly the server's rule (DESIGN §4,
 * lib/api/items.ts): every accepted write takes the next account-wide revision, and a change is accepted only if
 * its baseRevision is the item's current revision, else the server answers its current version and the replica
 * merges with mergeRecord. A test tool for the pure merge; the real multi-device test against the real server is
 * the sync engine's (tests/lib/sync/sync-engine*.test.ts).
 *
 * Every version carries `hist`, the ids of the writes it includes (a write is one value put in one slot: a field,
 * a tag, a custom field property). A write is legitimately gone when a later write to the same slot, or a delete
 * of the record, was made on a version that included it; every other write must still be visible somewhere in
 * the converged vault: "No edit is ever lost" (DESIGN §4).
 */

type Value = VaultRecord | 'deleted';
interface Version {
  value: Value;
  hist: ReadonlySet<number>;
}
interface ServerItem extends Version {
  revision: number;
}
interface OutboxRow {
  baseRevision: number;
  version: Version;
}
interface Replica {
  synced: Map<string, ServerItem>;
  outbox: Map<string, OutboxRow>;
  cursor: number;
}
interface Write {
  wid: number;
  slot: string;
  /** undefined: a removal (it supersedes, but has no value to find). */
  value?: unknown;
  seen: ReadonlySet<number>;
}

type Edit =
  | { kind: 'set'; field: 'title' | 'username' | 'notes' | 'urls' | 'favorite' | 'password' }
  | { kind: 'tag-add' | 'cf-add' }
  | { kind: 'tag-remove' | 'cf-remove' | 'cf-rename' | 'cf-value'; pick: number };
type Step =
  | { kind: 'edit'; replica: number; record: number; edit: Edit }
  | { kind: 'delete'; replica: number; record: number }
  | { kind: 'create'; replica: number }
  | { kind: 'pull'; replica: number }
  | { kind: 'push'; replica: number; loseAnswer: boolean };

/** How often each merge outcome happened across all runs: the property is vacuous if some never do. */
const exercised = { 'take-remote': 0, push: 0, 'push-delete': 0, copy: 0, lostAnswer: 0, checkedWrites: 0 };

class World {
  head = 0;
  readonly server = new Map<string, ServerItem>();
  readonly replicas: Replica[];
  readonly writes: Write[] = [];
  readonly deletes: Array<ReadonlySet<number>> = [];
  private tick = 0;
  private ids = 0;

  constructor(replicas: number, initial: VaultRecord[]) {
    for (const record of initial)
      this.server.set(record.id, { revision: ++this.head, value: record, hist: new Set() });
    this.replicas = Array.from({ length: replicas }, () => ({
      synced: new Map(),
      outbox: new Map(),
      cursor: 0,
    }));
    for (const replica of this.replicas) this.pull(replica);
  }

  now(): string {
    return new Date(Date.UTC(2026, 0, 1) + ++this.tick * 1000).toISOString();
  }

  visible(replica: Replica): Map<string, Version> {
    const out = new Map<string, Version>(replica.synced);
    for (const [id, row] of replica.outbox) out.set(id, row.version);
    return out;
  }

  /** A replica's live records, in id order, picked by index (modulo). */
  pick(replica: Replica, index: number): [string, VaultRecord, Version] | null {
    const live = [...this.visible(replica)]
      .filter(([, version]) => version.value !== 'deleted')
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const chosen = live[index % Math.max(live.length, 1)];
    return chosen === undefined ? null : [chosen[0], chosen[1].value as VaultRecord, chosen[1]];
  }

  change(replica: Replica, id: string, version: Version): void {
    const baseRevision = replica.outbox.get(id)?.baseRevision ?? replica.synced.get(id)?.revision ?? 0;
    replica.outbox.set(id, { baseRevision, version });
  }

  run(step: Step): void {
    const replica = this.replicas[step.replica % this.replicas.length];
    if (replica === undefined) throw new Error('no replica');
    if (step.kind === 'pull') this.pull(replica);
    else if (step.kind === 'push') this.push(replica, step.loseAnswer);
    else if (step.kind === 'create') this.create(replica);
    else {
      const picked = this.pick(replica, step.record);
      if (picked === null) return;
      const [id, record, version] = picked;
      if (step.kind === 'delete') {
        this.deletes.push(version.hist);
        this.change(replica, id, { value: 'deleted', hist: version.hist });
      } else this.edit(replica, record, version, step.edit);
    }
  }

  create(replica: Replica): void {
    const id = `new-${++this.ids}`;
    const title = this.write('title', new Set(), tagOf);
    const record: RecordOf<'login'> = {
      ...login(id, String(title.value)),
      createdAt: this.now(),
      updatedAt: this.now(),
    };
    this.change(replica, id, { value: record, hist: new Set([title.wid]) });
  }

  write(slot: string, seen: ReadonlySet<number>, value?: (wid: number) => unknown): Write {
    const wid = this.writes.length + 1;
    const entry: Write = { wid, slot, value: value?.(wid), seen };
    this.writes.push(entry);
    return entry;
  }

  edit(replica: Replica, record: VaultRecord, version: Version, edit: Edit): void {
    if (record.type !== 'login') throw new Error('the simulation edits logins only');
    const fields: LoginFields = structuredClone(record.fields);
    const made: Write[] = [];
    const put = (slot: string, value?: (wid: number) => unknown) => {
      const w = this.write(slot, version.hist, value);
      made.push(w);
      return w;
    };
    const custom =
      'pick' in edit ? fields.customFields[edit.pick % Math.max(fields.customFields.length, 1)] : undefined;
    switch (edit.kind) {
      case 'set': {
        const field = edit.field;
        if (field === 'favorite')
          fields.favorite = !fields.favorite; // booleans are not unique: merged, not traced
        else if (field === 'urls') fields.urls = [{ url: String(put('urls', urlOf).value), match: 'host' }];
        else if (field === 'password') {
          // As the editor does: the old password goes to the history.
          if (fields.password !== '')
            fields.passwordHistory.unshift({ password: fields.password, replacedAt: this.now() });
          fields.passwordHistory.splice(50);
          fields.password = String(put('password', tagOf).value);
        } else fields[field] = String(put(field, tagOf).value);
        break;
      }
      case 'tag-add':
        if (fields.tags.length < 50)
          fields.tags.push(String(put(`tag:${this.writes.length + 1}`, (w) => `t${w}`).value));
        break;
      case 'tag-remove': {
        const tag = fields.tags[edit.pick % Math.max(fields.tags.length, 1)];
        if (tag !== undefined) put(`tag:${tag.slice(1)}`);
        fields.tags = fields.tags.filter((t) => t !== tag);
        break;
      }
      case 'cf-add': {
        const id = `c${this.writes.length + 1}`;
        const name = String(put(`cf:${id}:name`, tagOf).value);
        fields.customFields.push({
          id,
          name,
          value: String(put(`cf:${id}:value`, tagOf).value),
          kind: 'text',
        });
        break;
      }
      case 'cf-remove':
        if (custom === undefined) break;
        put(`cf:${custom.id}:name`);
        put(`cf:${custom.id}:value`);
        fields.customFields = fields.customFields.filter((f) => f.id !== custom.id);
        break;
      case 'cf-rename':
      case 'cf-value': {
        if (custom === undefined) break;
        const property = edit.kind === 'cf-rename' ? 'name' : 'value';
        const index = fields.customFields.indexOf(custom);
        fields.customFields[index] = {
          ...custom,
          [property]: String(put(`cf:${custom.id}:${property}`, tagOf).value),
        };
        break;
      }
    }
    const hist = new Set([...version.hist, ...made.map((w) => w.wid)]);
    const updated: RecordOf<'login'> = { ...record, fields, updatedAt: this.now() };
    this.change(replica, record.id, { value: updated, hist });
  }

  pull(replica: Replica): void {
    const items = [...this.server].filter(([, item]) => item.revision > replica.cursor);
    for (const [id, item] of items) {
      if ((replica.synced.get(id)?.revision ?? 0) >= item.revision) continue; // our own accepted push
      const row = replica.outbox.get(id);
      if (row === undefined) replica.synced.set(id, item);
      else this.resolve(replica, id, row, item);
    }
    replica.cursor = this.head;
  }

  push(replica: Replica, loseAnswer: boolean): void {
    for (const [id, row] of [...replica.outbox]) {
      const current = this.server.get(id);
      if ((current?.revision ?? 0) === row.baseRevision) {
        const accepted = { revision: ++this.head, ...row.version };
        this.server.set(id, accepted);
        if (loseAnswer) {
          exercised.lostAnswer++;
          continue;
        }
        replica.synced.set(id, accepted);
        replica.outbox.delete(id);
      } else if (!loseAnswer) {
        if (current === undefined) throw new Error('a conflict with an item the server never had');
        this.resolve(replica, id, row, current);
      }
    }
  }

  /** What the sync engine does with a collision: merge against the synced base, then rebase the outbox row. */
  resolve(replica: Replica, id: string, row: OutboxRow, remote: ServerItem): void {
    const base = replica.synced.get(id);
    expect(base?.revision ?? 0).toBe(row.baseRevision);
    const now = this.now();
    const result = mergeRecord({
      base: base?.value ?? null,
      local: row.version.value,
      remote: remote.value,
      now,
      newId: () => `copy-${++this.ids}`,
    });
    exercised[result.outcome.kind]++;
    if (result.copy !== null) exercised.copy++;
    replica.synced.set(id, remote);
    replica.outbox.delete(id);
    const hist = new Set([...row.version.hist, ...remote.hist]);
    if (result.outcome.kind === 'push') this.change(replica, id, { value: result.outcome.record, hist });
    if (result.outcome.kind === 'push-delete') this.change(replica, id, { value: 'deleted', hist });
    if (result.copy !== null)
      this.change(replica, result.copy.id, { value: result.copy, hist: row.version.hist });
  }

  /** Pull, then push until the outbox is empty; a merge that never settles fails here. */
  sync(replica: Replica): void {
    this.pull(replica);
    for (let round = 0; replica.outbox.size > 0; round++) {
      if (round === 10) throw new Error('the outbox does not drain: merges keep making changes');
      this.push(replica, false);
    }
  }
}

const tagOf = (wid: number) => `<${wid}>`;
const urlOf = (wid: number) => `https://u${wid}.example`;

function login(id: string, title: string, extra: Partial<LoginFields> = {}): RecordOf<'login'> {
  const at = '2026-01-01T00:00:00.000Z';
  const fields: LoginFields = {
    title,
    notes: '',
    tags: [],
    favorite: false,
    customFields: [],
    username: '',
    password: '',
    urls: [],
    totp: '',
    passwordHistory: [],
    ...extra,
  };
  return { id, type: 'login', fields, createdAt: at, updatedAt: at, conflict: null };
}

/** Where a write's value can be found in a record: in its slot, a copy's suffixed title, or the password history. */
function holds(record: VaultRecord, write: Write): boolean {
  if (record.type !== 'login') return false;
  const f = record.fields;
  const [kind, id, property] = write.slot.split(':');
  if (kind === 'title') return f.title.startsWith(String(write.value));
  if (kind === 'password')
    return f.password === write.value || f.passwordHistory.some((e) => e.password === write.value);
  if (kind === 'urls') return f.urls.some((u) => u.url === write.value);
  if (kind === 'username' || kind === 'notes') return f[kind] === write.value;
  if (kind === 'tag') return f.tags.includes(String(write.value));
  if (kind === 'cf')
    return f.customFields.some((c) => c.id === id && c[property as 'name' | 'value'] === write.value);
  throw new Error(`unknown slot ${write.slot}`);
}

const EDITS: Array<fc.Arbitrary<Edit>> = [
  fc
    .constantFrom('title', 'username', 'notes', 'urls', 'favorite', 'password')
    .map((field) => ({ kind: 'set', field }) as const),
  fc.constantFrom('tag-add', 'cf-add').map((kind) => ({ kind }) as const),
  fc
    .record({ kind: fc.constantFrom('tag-remove', 'cf-remove', 'cf-rename', 'cf-value'), pick: fc.nat(5) })
    .map((edit): Edit => edit),
];
const replicaIndex = fc.nat(2);
const STEP: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      replica: replicaIndex,
      record: fc.nat(4),
      edit: fc.oneof(...EDITS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), replica: replicaIndex, record: fc.nat(4) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), replica: replicaIndex }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pull' as const), replica: replicaIndex }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      replica: replicaIndex,
      loseAnswer: fc.boolean(),
    }),
  },
);

/** Base records: a login with some tags, custom fields and an old password, and a plain one. */
const INITIAL = fc
  .record({
    word: fc.stringMatching(/^[a-z]{1,8}$/),
    tags: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 3 }),
  })
  .map(({ word, tags }) => [
    login('r0', `base ${word}`, {
      username: word,
      password: `pw ${word}`,
      tags,
      customFields: [{ id: 'seed', name: 'seed', value: word, kind: 'text' }],
      passwordHistory: [{ password: 'older', replacedAt: '2025-06-01T00:00:00.000Z' }],
    }),
    login('r1', 'second'),
  ]);

function simulate(replicas: number, initial: VaultRecord[], steps: Step[]): World {
  const world = new World(replicas, initial);
  for (const step of steps) world.run(step);
  for (let pass = 0; pass < 2; pass++) for (const replica of world.replicas) world.sync(replica);
  return world;
}

describe('merge under random offline edits and sync orders', () => {
  const property = fc.property(
    fc.integer({ min: 2, max: 3 }),
    INITIAL,
    fc.array(STEP, { minLength: 10, maxLength: 80, size: 'max' }),
    (n, initial, steps) => {
      const world = simulate(n, initial, steps);
      const final = new Map([...world.server].map(([id, item]) => [id, item.value]));
      const live = [...final.values()].filter((value): value is VaultRecord => value !== 'deleted');

      // (2) Convergence: after two passes every replica shows the server's vault, with nothing left to send.
      for (const replica of world.replicas) {
        expect(replica.outbox.size).toBe(0);
        expect(new Map([...world.visible(replica)].map(([id, version]) => [id, version.value]))).toEqual(
          final,
        );
      }
      // Every merged record is still a valid record (limits, formats).
      for (const record of live) expect(v.safeParse(LoginFieldsSchema, record.fields).issues).toBeUndefined();

      // (1) No edit lost: every write not superseded by a write or delete that saw it is still in some record.
      for (const write of world.writes) {
        if (write.value === undefined) continue;
        const superseded =
          world.writes.some((other) => other.slot === write.slot && other.seen.has(write.wid)) ||
          world.deletes.some((seen) => seen.has(write.wid));
        if (!superseded) exercised.checkedWrites++;
        if (!superseded && !live.some((record) => holds(record, write))) {
          throw new Error(`write ${write.wid} (${write.slot} = ${String(write.value)}) was lost`);
        }
      }
    },
  );

  test('no edit is lost and all replicas converge', () => {
    fc.assert(property, { numRuns: 300 });
    for (const count of Object.values(exercised)) expect(count).toBeGreaterThan(0);
  });
});
