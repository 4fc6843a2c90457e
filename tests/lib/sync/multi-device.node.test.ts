import 'fake-indexeddb/auto';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, test } from 'vitest';
import type { SyncReport } from '../../../lib/sync/sync-types';
import type { LoginFields, VaultRecord } from '../../../lib/vault/record-types';
import { TestUser, uniqueEmail } from '../../server/http/test-user';
import { SyncClient, useSyncSuite } from './sync-client';

/**
 * Issue 5, "multi-device against the real server": three browsers of one account edit the same and different
 * records while offline, then sync in every order (all six permutations), then keep syncing until quiet.
 * No edit may be lost, all three must converge, and conflict copies must appear exactly where the same field
 * was edited differently (DESIGN §4).
 */

const suite = useSyncSuite('multi-device suite password');

type Name = 'A' | 'B' | 'C';
const ORDERS: Name[][] = [
  ['A', 'B', 'C'],
  ['A', 'C', 'B'],
  ['B', 'A', 'C'],
  ['B', 'C', 'A'],
  ['C', 'A', 'B'],
  ['C', 'B', 'A'],
];

/** A value one device wrote last for a field: it must survive in the record or in one of its conflict copies. */
interface Written {
  by: Name;
  record: string;
  field: keyof LoginFields;
  value: unknown;
}

async function threeDevices(label: string): Promise<Record<Name, SyncClient>> {
  const user = new TestUser(uniqueEmail(label), suite.password);
  const { session } = await user.signUp(suite.server.api);
  const open = async (name: Name, api = session) => {
    const client = await SyncClient.open(name, api, user.accountId, user.vaultKey);
    suite.clients.push(client);
    return client;
  };
  const login = async (name: Name) => {
    const answer = await user.logIn(suite.server.api, { deviceName: name });
    if (!answer) throw new Error('login failed');
    return open(name, answer.session);
  };
  return { A: await open('A'), B: await login('B'), C: await login('C') };
}

/** Everyone starts from the same seven records, then goes offline and edits. */
async function offlineEdits(d: Record<Name, SyncClient>) {
  const seed = (title: string) =>
    d.A.add({ title, username: 'base-user', password: 'base-pass', notes: 'base notes' });
  const r = {
    differentFields: await seed('Different fields'),
    sameField: await seed('Same field'),
    deleteVsEdit: await seed('Delete vs edit'),
    bothDelete: await seed('Both delete'),
    sameValue: await seed('Same value'),
    threeWay: await seed('Three-way'),
    deletedOnce: await seed('Deleted once'),
  };
  for (const name of ['A', 'B', 'C'] as const) await d[name].sync();

  const written: Written[] = [];
  const edit = async (by: Name, record: string, patch: Partial<LoginFields>) => {
    await d[by].edit(record, patch);
    for (const [field, value] of Object.entries(patch)) {
      written.push({ by, record, field: field as keyof LoginFields, value });
    }
  };
  const add = async (by: Name, title: string) => {
    const id = await d[by].add({ title, username: `${by}-offline` });
    written.push(
      { by, record: id, field: 'title', value: title },
      { by, record: id, field: 'username', value: `${by}-offline` },
    );
    return id;
  };

  await edit('A', r.differentFields, { username: 'a-user' });
  await edit('B', r.differentFields, { notes: 'b-notes' });
  await edit('C', r.differentFields, { favorite: true });
  await edit('A', r.sameField, { password: 'pw-A' });
  await edit('B', r.sameField, { password: 'pw-B' });
  await d.A.remove(r.deleteVsEdit);
  await edit('B', r.deleteVsEdit, { notes: 'b-kept' });
  await d.A.remove(r.bothDelete);
  await d.C.remove(r.bothDelete);
  await edit('A', r.sameValue, { title: 'Agreed title' });
  await edit('B', r.sameValue, { title: 'Agreed title' });
  await edit('A', r.threeWay, { notes: 'n-A' });
  await edit('B', r.threeWay, { notes: 'n-B' });
  await edit('C', r.threeWay, { notes: 'n-C' });
  await d.C.remove(r.deletedOnce);
  const created = [await add('A', 'A offline'), await add('C', 'C offline')];
  return { r, written, created };
}

const quiet = (report: SyncReport) =>
  report.changedIds.length === 0 && report.pushed === 0 && report.pending === 0 && report.pulled === 0;

const field = (record: VaultRecord, name: keyof LoginFields): unknown =>
  (record.fields as unknown as Record<string, unknown>)[name];

describe('three devices edit offline, then sync in every order', () => {
  test.each(ORDERS)(
    'order %s → %s → %s',
    async (...order) => {
      const d = await threeDevices(order.join(''));
      const { r, written, created } = await offlineEdits(d);

      for (const name of order) await d[name].sync();
      let rounds = 0;
      for (let settled = false; !settled; rounds++) {
        if (rounds === 4) throw new Error('the devices did not settle in 4 rounds');
        const reports = [];
        for (const name of order) reports.push(await d[name].sync());
        settled = reports.every(quiet);
      }

      // Converged: the three devices show identical vaults, and nothing is left to send.
      const vault = await d.A.visible();
      expect(await d.B.visible()).toEqual(vault);
      expect(await d.C.visible()).toEqual(vault);

      // No edit lost: each value a device wrote is in its record or in a conflict copy of it.
      const lost = written.filter(
        (w) =>
          !vault.some(
            (rec) =>
              (rec.id === w.record || rec.conflict?.of === w.record) &&
              isDeepStrictEqual(field(rec, w.field), w.value),
          ),
      );
      expect(lost).toEqual([]);

      // Deletes: one side's delete loses to the other's edit; deleted on both sides (or only) stays deleted.
      const ids = new Set(vault.map((rec) => rec.id));
      expect(ids.has(r.deleteVsEdit)).toBe(true);
      expect(ids.has(r.bothDelete)).toBe(false);
      expect(ids.has(r.deletedOnce)).toBe(false);
      for (const id of created) expect(ids.has(id)).toBe(true);

      // Different fields merge into one record with all three edits.
      const merged = vault.find((rec) => rec.id === r.differentFields);
      expect(merged?.fields).toMatchObject({ username: 'a-user', notes: 'b-notes', favorite: true });

      // Conflict copies exactly where the same field was edited differently: one for two writers, two for three.
      const copies = vault.filter((rec) => rec.conflict !== null);
      const copiesOf = copies.map((rec) => rec.conflict?.of).sort();
      expect(copiesOf).toEqual([r.sameField, r.threeWay, r.threeWay].sort());
      for (const copy of copies) expect(copy.fields.title).toMatch(/ \(conflict\)$/);
      expect(vault).toHaveLength(5 + created.length + copies.length);
    },
    60_000,
  );
});
