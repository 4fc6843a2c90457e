import { describe, expect, test } from 'vitest';
import { KEYS_STORAGE_KEY, KeyCustody, type HeldKeys } from '../../../lib/session/key-custody';
import { MemoryStorageArea } from './memory-storage-area';

const ACCOUNT = '0b8f6a7e-3c1d-4e5f-9a0b-1c2d3e4f5a6b';

function keys(fill: number): HeldKeys {
  return {
    accountId: ACCOUNT,
    keyEpoch: 2,
    keys: { vaultKey: new Uint8Array(32).fill(fill), loginSecret: new Uint8Array(32).fill(fill + 1) },
  };
}

function setup() {
  const session = new MemoryStorageArea();
  const local = new MemoryStorageArea();
  let restricted = 0;
  const areas = {
    session,
    local,
    restrictSessionArea: () => {
      restricted += 1;
      return Promise.resolve();
    },
  };
  return { session, local, areas, restricted: () => restricted, custody: new KeyCustody(areas) };
}

describe('key custody', () => {
  test('keep holds the keys in memory and in storage.session only', async () => {
    const { custody, session, local } = setup();
    const held = keys(7);
    await custody.keep(held, { persisted: false });
    expect(custody.held).toBe(held);
    expect(session.data.has(KEYS_STORAGE_KEY)).toBe(true);
    expect(local.data.has(KEYS_STORAGE_KEY)).toBe(false);
  });

  test('a restarted worker (new custody, same storage.session) gets the same keys back', async () => {
    const { custody, areas } = setup();
    await custody.keep(keys(7), { persisted: false });
    const restarted = new KeyCustody(areas);
    expect(restarted.held).toBeNull();
    const restored = await restarted.restore({ persisted: false });
    expect(restored).toEqual(keys(7));
    expect(restarted.held).toEqual(keys(7));
  });

  test('a browser restart (storage.session cleared) locks', async () => {
    const { custody, areas, session } = setup();
    await custody.keep(keys(7), { persisted: false });
    session.clear();
    expect(await new KeyCustody(areas).restore({ persisted: false })).toBeNull();
  });

  test("with 'never', a browser restart keeps the keys, and they go back into storage.session", async () => {
    const { custody, areas, session, local } = setup();
    await custody.keep(keys(9), { persisted: true });
    expect(local.data.has(KEYS_STORAGE_KEY)).toBe(true);
    session.clear();
    const restored = await new KeyCustody(areas).restore({ persisted: true });
    expect(restored).toEqual(keys(9));
    expect(session.data.has(KEYS_STORAGE_KEY)).toBe(true);
  });

  test("a storage.local copy is not used, and is removed, once the timeout is no longer 'never'", async () => {
    const { custody, areas, session, local } = setup();
    await custody.keep(keys(9), { persisted: true });
    session.clear();
    expect(await new KeyCustody(areas).restore({ persisted: false })).toBeNull();
    expect(local.data.has(KEYS_STORAGE_KEY)).toBe(false);
  });

  test('setPersisted moves the storage.local copy in and out while unlocked', async () => {
    const { custody, local } = setup();
    await custody.keep(keys(3), { persisted: false });
    await custody.setPersisted(true);
    expect(local.data.has(KEYS_STORAGE_KEY)).toBe(true);
    await custody.setPersisted(false);
    expect(local.data.has(KEYS_STORAGE_KEY)).toBe(false);
  });

  test('wipe zeroes the arrays it held and removes every copy', async () => {
    const { custody, session, local, areas } = setup();
    const held = keys(5);
    await custody.keep(held, { persisted: true });
    await custody.wipe();
    expect(held.keys.vaultKey.every((b) => b === 0)).toBe(true);
    expect(held.keys.loginSecret.every((b) => b === 0)).toBe(true);
    expect(custody.held).toBeNull();
    expect(session.data.size).toBe(0);
    expect(local.data.size).toBe(0);
    expect(await new KeyCustody(areas).restore({ persisted: true })).toBeNull();
  });

  test('keeping new keys zeroes the previous ones', async () => {
    const { custody } = setup();
    const first = keys(1);
    await custody.keep(first, { persisted: false });
    await custody.keep(keys(2), { persisted: false });
    expect(first.keys.vaultKey.every((b) => b === 0)).toBe(true);
  });

  test('the session area is restricted to trusted contexts once, before the first key is written', async () => {
    const session = new MemoryStorageArea();
    const order: string[] = [];
    const custody = new KeyCustody({
      session: {
        get: (k) => session.get(k),
        remove: (k) => session.remove(k),
        set: (items) => {
          order.push('write');
          return session.set(items);
        },
      },
      local: new MemoryStorageArea(),
      restrictSessionArea: () => {
        order.push('restrict');
        return Promise.resolve();
      },
    });
    await custody.keep(keys(1), { persisted: false });
    await custody.keep(keys(2), { persisted: false });
    expect(order).toEqual(['restrict', 'write', 'write']);
  });

  test.each<[string, unknown]>([
    ['not an object', 'garbage'],
    ['a short key', { v: 1, accountId: ACCOUNT, keyEpoch: 1, keys: { vaultKey: 'AB', loginSecret: 'AB' } }],
    [
      'bad base64url',
      {
        v: 1,
        accountId: ACCOUNT,
        keyEpoch: 1,
        keys: { vaultKey: '+'.repeat(43), loginSecret: '/'.repeat(43) },
      },
    ],
    ['no account', { v: 1, keyEpoch: 1, keys: { vaultKey: 'A'.repeat(43), loginSecret: 'A'.repeat(43) } }],
    [
      'a future format',
      {
        v: 2,
        accountId: ACCOUNT,
        keyEpoch: 1,
        keys: { vaultKey: 'A'.repeat(43), loginSecret: 'A'.repeat(43) },
      },
    ],
  ])('a damaged stored record (%s) is removed and reads as locked', async (_name, value) => {
    const { areas, session } = setup();
    await session.set({ [KEYS_STORAGE_KEY]: value });
    expect(await new KeyCustody(areas).restore({ persisted: false })).toBeNull();
    expect(session.data.has(KEYS_STORAGE_KEY)).toBe(false);
  });

  test('stored keys are text (storage holds JSON), and decode to the same bytes', async () => {
    const { custody, session } = setup();
    const held = keys(0);
    held.keys.vaultKey.set([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    await custody.keep(held, { persisted: false });
    const stored = JSON.parse(session.data.get(KEYS_STORAGE_KEY) ?? 'null') as {
      keys: { vaultKey: unknown };
    };
    expect(typeof stored.keys.vaultKey).toBe('string');
    const copy = new KeyCustody({ ...setup().areas, session });
    const restored = await copy.restore({ persisted: false });
    expect([...(restored?.keys.vaultKey ?? [])]).toEqual([...held.keys.vaultKey]);
  });
});
