import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { fromBase64url, toBase64url } from '../../../lib/encoding/base64url';
import { buildDeviceState, DeviceStateSchema } from '../../../lib/account-service/device-state';
import { restoreKeys, storeKeys, StoredKeysSchema } from '../../../lib/account-service/unlocked-keys';
import { ARGON2ID_MIN } from '../../../lib/crypto/argon2id';

const FIELDS = {
  serverUrl: 'http://127.0.0.1:8787',
  email: 'John@Example.com',
  accountId: '0b9c2f6e-8a51-4c1e-9d7a-3f2b1c0d4e5f',
  keyEpoch: 2,
  keyEpochSince: new Date('2026-11-21T08:00:00.000Z'),
  kdf: { params: { ...ARGON2ID_MIN }, salt: new Uint8Array(16).fill(1) },
  wrappedVaultKey: new Uint8Array(61).fill(2),
  accountKeyForDevices: new Uint8Array(49).fill(3),
  deviceSecret: new Uint8Array(32).fill(4),
  token: toBase64url(new Uint8Array(32).fill(5)),
  tokenExpiresAt: new Date('2026-12-21T08:00:00.000Z'),
  hasRecovery: false,
};

describe('base64url', () => {
  test('RFC 4648 §10 vectors, unpadded and URL-safe', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, encoded] of vectors) {
      expect(toBase64url(new TextEncoder().encode(text))).toBe(encoded);
      expect(new TextDecoder().decode(fromBase64url(encoded))).toBe(text);
    }
    expect(toBase64url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
  });

  test('round trips any bytes, large ones included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(fromBase64url(toBase64url(bytes))).toEqual(bytes);
      }),
    );
    const big = Uint8Array.from({ length: 100_000 }, (_, i) => i & 0xff);
    expect(fromBase64url(toBase64url(big))).toEqual(big);
  });

  test('refuses what is not unpadded base64url', () => {
    for (const bad of ['Zg==', 'Zm9v+', 'Z', 'a b']) expect(() => fromBase64url(bad)).toThrow(TypeError);
  });
});

describe('device state', () => {
  test('is plain JSON that reads back through its schema', () => {
    const state = buildDeviceState(FIELDS);
    const stored: unknown = JSON.parse(JSON.stringify(state));
    expect(v.parse(DeviceStateSchema, stored)).toEqual(state);
    expect(state).toMatchObject({
      version: 1,
      email: 'john@example.com',
      keyEpochSince: '2026-11-21T08:00:00.000Z',
      deviceSecret: toBase64url(FIELDS.deviceSecret),
    });
  });

  test('what storage hands back damaged or from another version is refused at the boundary', () => {
    const state = buildDeviceState(FIELDS);
    const broken: unknown[] = [
      { ...state, version: 2 },
      { ...state, deviceSecret: toBase64url(new Uint8Array(16)) },
      { ...state, keyEpoch: 0 },
      { ...state, kdf: { ...state.kdf, params: { ...state.kdf.params, memoryKiB: 1024 } } },
      { ...state, tokenExpiresAt: 'tomorrow' },
      { ...state, extra: true },
      null,
    ];
    for (const value of broken) expect(v.is(DeviceStateSchema, value)).toBe(false);
  });

  test('building an invalid state is a bug, caught at once', () => {
    expect(() => buildDeviceState({ ...FIELDS, deviceSecret: new Uint8Array(8) })).toThrow();
    expect(() => buildDeviceState({ ...FIELDS, accountId: 'not-a-uuid' })).toThrow();
  });

  test('unlocked keys round trip through their storage.session form', () => {
    const keys = { vaultKey: new Uint8Array(32).fill(7), loginSecret: new Uint8Array(32).fill(8) };
    const stored = storeKeys(keys);
    expect(v.parse(StoredKeysSchema, JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(restoreKeys(stored)).toEqual(keys);
    expect(() => storeKeys({ ...keys, vaultKey: new Uint8Array(16) })).toThrow();
  });
});
