import { LIMITS } from '../vault/record-fields';
import type { CustomField, PasswordHistoryEntry, VaultRecord } from '../vault/record-types';

/**
 * The field-by-field half of the three-way merge (lib/sync/merge.ts has the rules). Every function here is pure
 * and returns new arrays; values are shared with the inputs until merge.ts clones the result.
 */

/** A merged value, and whether both sides changed it in different ways (then it holds the remote value). */
export interface Merged<T> {
  value: T;
  conflict: boolean;
}

/** Structural equality of the JSON-like values records are made of (strings, booleans, arrays, objects). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
    );
  }
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]))
  );
}

/** The classic three-way rule: a side that did not change defers to the other; two different changes conflict. */
export function threeWay<T>(base: T, local: T, remote: T): Merged<T> {
  if (deepEqual(local, base)) return { value: remote, conflict: false };
  if (deepEqual(remote, base) || deepEqual(local, remote)) return { value: local, conflict: false };
  return { value: remote, conflict: true };
}

/** Orders ISO dates by time (ties and unparsable dates by their text, so the order is total and stable). */
export function compareIso(a: string, b: string): number {
  const diff = Date.parse(a) - Date.parse(b);
  if (diff !== 0 && !Number.isNaN(diff)) return diff;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The keys of a merged list, in order: the local order when only the local side reordered the keys it kept from
 * the base (so a local reordering survives), else the remote order. A key only the other side has goes right
 * after the key it follows on that side. Additions and removals alone are not a reordering.
 */
function mergedOrder(base: readonly string[], local: readonly string[], remote: readonly string[]): string[] {
  const reordered = (side: readonly string[]) => {
    const inSide = new Set(side);
    const inBase = new Set(base);
    return !deepEqual(
      side.filter((key) => inBase.has(key)),
      base.filter((key) => inSide.has(key)),
    );
  };
  const [first, second] = reordered(local) && !reordered(remote) ? [local, remote] : [remote, local];
  const out = [...new Set(first)];
  let after = -1;
  for (const key of second) {
    const at = out.indexOf(key);
    if (at >= 0) after = at;
    else out.splice(++after, 0, key);
  }
  return out;
}

/** Tags keyed as the record schema dedupes them (lib/vault/record-fields.ts: case-insensitive, first wins). */
function tagMap(tags: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const tag of tags) {
    const key = tag.toLowerCase();
    if (!map.has(key)) map.set(key, tag);
  }
  return map;
}

/**
 * Tags are a set merged per tag: one added on either side is kept; one removed on either side is removed (it
 * was in the base, so the other side at most left it alone). A change of spelling (case) follows the side that
 * made it. Never a conflict, unless the union would exceed the schema's limit: then the remote list is kept and
 * the caller makes a conflict copy, so the local additions still survive in the copy.
 */
export function mergeTags(base: string[], local: string[], remote: string[]): Merged<string[]> {
  const [b, l, r] = [tagMap(base), tagMap(local), tagMap(remote)];
  const out: string[] = [];
  for (const key of mergedOrder([...b.keys()], [...l.keys()], [...r.keys()])) {
    const [bt, lt, rt] = [b.get(key), l.get(key), r.get(key)];
    if (bt === undefined) out.push(rt ?? lt ?? key);
    else if (lt !== undefined && rt !== undefined) out.push(threeWay(bt, lt, rt).value);
  }
  if (out.length > LIMITS.tags) return { value: remote, conflict: true };
  return { value: out, conflict: false };
}

/**
 * Custom fields merge per id (record-types.ts: ids are random, so a rename on one device and a value change on
 * another merge as one field): added on either side, kept; removed on one side and untouched on the other,
 * removed; removed on one side and edited on the other, the edit wins, as for whole records (a delete is not an
 * edit); edited on both sides, three-way per property (name, value, kind), and the same property changed
 * differently on both sides is a conflict that keeps the remote property.
 */
export function mergeCustomFields(
  base: CustomField[],
  local: CustomField[],
  remote: CustomField[],
): Merged<CustomField[]> {
  const byId = (fields: CustomField[]) => new Map(fields.map((field) => [field.id, field]));
  const [b, l, r] = [byId(base), byId(local), byId(remote)];
  const out: CustomField[] = [];
  let conflict = false;
  for (const id of mergedOrder([...b.keys()], [...l.keys()], [...r.keys()])) {
    const merged = mergeCustomField(b.get(id), l.get(id), r.get(id));
    conflict ||= merged.conflict;
    if (merged.value !== undefined) out.push(merged.value);
  }
  if (out.length > LIMITS.customFields) return { value: remote, conflict: true };
  return { value: out, conflict };
}

function mergeCustomField(
  base: CustomField | undefined,
  local: CustomField | undefined,
  remote: CustomField | undefined,
): Merged<CustomField | undefined> {
  if (base !== undefined && local === undefined && !deepEqual(remote, base))
    return { value: remote, conflict: false };
  if (base !== undefined && remote === undefined && !deepEqual(local, base))
    return { value: local, conflict: false };
  if (base === undefined || local === undefined || remote === undefined) return threeWay(base, local, remote);
  const name = threeWay(base.name, local.name, remote.name);
  const value = threeWay(base.value, local.value, remote.value);
  const kind = threeWay(base.kind, local.kind, remote.kind);
  return {
    value: { id: remote.id, name: name.value, value: value.value, kind: kind.value },
    conflict: name.conflict || value.conflict || kind.conflict,
  };
}

/**
 * Password history is a union by (password, replacedAt), newest first, capped at the schema's limit
 * (lib/vault/record-fields.ts LIMITS.passwordHistory): old passwords are never a conflict. `extra` are entries
 * the merge adds for a side's password that the merged record would otherwise drop.
 */
export function mergePasswordHistory(
  local: PasswordHistoryEntry[],
  remote: PasswordHistoryEntry[],
  extra: PasswordHistoryEntry[],
): PasswordHistoryEntry[] {
  const union = new Map<string, PasswordHistoryEntry>();
  for (const entry of [...remote, ...local, ...extra]) {
    union.set(JSON.stringify([entry.password, entry.replacedAt]), entry);
  }
  return [...union.values()]
    .sort(
      (a, b) =>
        compareIso(b.replacedAt, a.replacedAt) ||
        (a.password < b.password ? -1 : a.password > b.password ? 1 : 0),
    )
    .slice(0, LIMITS.passwordHistory);
}

/** A record's fields as a plain map: the merge treats the keys generically (record-types.ts). */
function fieldMap(record: VaultRecord): Readonly<Record<string, unknown>> {
  return record.fields as unknown as Record<string, unknown>;
}

/**
 * Merges the fields of three versions of one record of one type (the caller checks the types agree). `conflict`
 * means the caller must keep the whole local version as a conflict copy. Keys keep the remote record's order.
 */
export function mergeFields(
  base: VaultRecord,
  local: VaultRecord,
  remote: VaultRecord,
  now: string,
): Merged<Record<string, unknown>> {
  const tags = mergeTags(base.fields.tags, local.fields.tags, remote.fields.tags);
  const customFields = mergeCustomFields(
    base.fields.customFields,
    local.fields.customFields,
    remote.fields.customFields,
  );
  const special = new Map<string, unknown>([
    ['tags', tags.value],
    ['customFields', customFields.value],
  ]);
  let conflict = tags.conflict || customFields.conflict;
  const [b, l, r] = [fieldMap(base), fieldMap(local), fieldMap(remote)];
  const fields: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(r), ...Object.keys(l)])) {
    if (key === 'passwordHistory') {
      fields[key] = []; // holds the key's place; filled below, once the merged password is known
      continue;
    }
    if (special.has(key)) {
      fields[key] = special.get(key);
      continue;
    }
    const merged = threeWay(b[key], l[key], r[key]);
    conflict ||= merged.conflict;
    if (merged.value !== undefined) fields[key] = merged.value;
  }
  if (local.type === 'login' && remote.type === 'login') {
    // A password the merged record no longer has must survive somewhere: the local one in the conflict copy
    // when there is one, otherwise (and always the remote one) in the history.
    const password = fields.password;
    const losers = [remote.fields.password, ...(conflict ? [] : [local.fields.password])];
    const history = mergePasswordHistory(local.fields.passwordHistory, remote.fields.passwordHistory, []);
    const extra = [...new Set(losers)]
      .filter((old) => old !== '' && old !== password && !history.some((entry) => entry.password === old))
      .map((old) => ({ password: old, replacedAt: now }));
    fields.passwordHistory = mergePasswordHistory(history, [], extra);
  }
  return { value: fields, conflict };
}
