import { beforeAll, describe, expect, test } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { generateAccountKey } from '../../../lib/account/account-key';
import {
  DamagedKitError,
  KitEpochAheadError,
  NotLatchkeyCodeError,
  OutdatedKitError,
  UnsupportedKitVersionError,
  WrongAccountError,
  WrongPasswordError,
} from '../../../lib/account/errors';
import { createKit, KIT_PREFIX, openKit, parseKit } from '../../../lib/account/kit-payload';
import { makeKeyFile, readKeyFile } from '../../../lib/account/key-file';
import { QR_KDF_DEFAULT } from '../../../lib/account/key-hierarchy';
import { decodeBase32, encodeBase32 } from '../../../lib/encoding/base32';
import { concatBytes } from '../../../lib/encoding/bytes';

const PASSWORD = 'correct horse battery staple';
const ACCOUNT_ID = '0b9c2f6e-8a51-4c1e-9d7a-3f2b1c0d4e5f';
const EMAIL = 'John.Doe@Example.com';
const CREATED = new Date('2026-11-01T10:00:00Z');
const EXPECTED = { email: 'john.doe@example.com', accountId: ACCOUNT_ID, keyEpoch: 3 };

/** Re-seals a payload's bytes after `edit`, with a valid checksum: what a forger (not a misread) produces. */
function reforge(text: string, edit: (body: Uint8Array) => Uint8Array): string {
  const bytes = decodeBase32(text.slice(KIT_PREFIX.length));
  const body = edit(bytes.slice(0, -4));
  return KIT_PREFIX + encodeBase32(concatBytes(body, sha256(body).subarray(0, 4)));
}

describe('Authentication Kit payload', () => {
  const accountKey = generateAccountKey();
  let kit: string;

  beforeAll(async () => {
    kit = await createKit({
      accountId: ACCOUNT_ID,
      email: EMAIL,
      keyEpoch: 3,
      password: PASSWORD,
      accountKey,
      createdAt: CREATED,
    });
  });

  test('is compact and QR-alphanumeric only', () => {
    expect(kit.startsWith('LATCHKEY:')).toBe(true);
    expect(kit).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    expect(kit.length).toBeLessThan(240);
  });

  test('carries the account, epoch, date and KDF in the clear', () => {
    const parsed = parseKit(kit);
    expect(parsed).toMatchObject({
      version: 1,
      accountId: ACCOUNT_ID,
      email: 'john.doe@example.com',
      keyEpoch: 3,
      createdAt: CREATED,
    });
    expect(parsed.qrKdf.params).toEqual(QR_KDF_DEFAULT);
    expect(parsed.qrKdf.salt).toHaveLength(16);
    expect(kit).not.toContain(encodeBase32(accountKey).slice(0, 12));
  });

  test('opens with the password and gives back the Account Key', async () => {
    const opened = await openKit(kit, PASSWORD, EXPECTED);
    expect(opened.accountKey).toEqual(accountKey);
    expect(opened.kit.keyEpoch).toBe(3);
  });

  test('a wrong password says "Incorrect password", not "invalid QR code"', async () => {
    const error = await openKit(kit, 'correct horse battery stable', EXPECTED).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongPasswordError);
    expect((error as Error).message).toBe('Incorrect password');
  });

  test.each(['https://example.com/login', 'WIFI:S:home;T:WPA;P:secret;;', '', 'LATCHKEY'])(
    'a QR that is not ours (%j) is said to be not a Latchkey code',
    (text) => {
      expect(() => parseKit(text)).toThrow(new NotLatchkeyCodeError().message);
      expect(new NotLatchkeyCodeError().message).toBe(
        'This QR code is not a Latchkey Authentication QR Code',
      );
    },
  );

  test('every misread character is reported as damaged', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = KIT_PREFIX.length; i < kit.length; i++) {
      const replacement = alphabet[(alphabet.indexOf(kit[i]!) + 7) % 32]!;
      const misread = kit.slice(0, i) + replacement + kit.slice(i + 1);
      expect(() => parseKit(misread), `char ${i}`).toThrow(DamagedKitError);
    }
  });

  test('every truncation is reported as damaged', () => {
    for (let length = KIT_PREFIX.length; length < kit.length; length++) {
      expect(() => parseKit(kit.slice(0, length)), `length ${length}`).toThrow(DamagedKitError);
    }
    expect(() => parseKit(kit + 'Z')).toThrow(DamagedKitError);
    expect(() => parseKit(kit.slice(0, 30) + '*' + kit.slice(31))).toThrow(DamagedKitError);
  });

  test('a code from a newer Latchkey says to update', () => {
    const newer = reforge(kit, (body) => {
      body[0] = 2;
      return body;
    });
    expect(() => parseKit(newer)).toThrow(UnsupportedKitVersionError);
    expect(() => parseKit(newer)).toThrow(/newer version of Latchkey/);
  });

  test("another account's code names that account, masked", async () => {
    const error = await openKit(kit, PASSWORD, { ...EXPECTED, email: 'alice@example.org' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WrongAccountError);
    expect((error as Error).message).toBe('This QR code belongs to a different account (j•••@example.com)');
  });

  test('a code of the same email but a reset (replaced) account is told apart', async () => {
    const error = await openKit(kit, PASSWORD, {
      ...EXPECTED,
      accountId: 'ffffffff-8a51-4c1e-9d7a-3f2b1c0d4e5f',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongAccountError);
    expect((error as WrongAccountError).reason).toBe('reset');
  });

  test('a code made before a password change is outdated, with the date of the change', async () => {
    const since = new Date('2026-11-20T08:30:00Z');
    const error = await openKit(kit, PASSWORD, { ...EXPECTED, keyEpoch: 4, keyEpochSince: since }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutdatedKitError);
    expect((error as Error).message).toBe(
      'This QR code is outdated: it was created before your password was changed on November 20, 2026. Use the newest one.',
    );
  });

  test('a code ahead of the account information is not called outdated', async () => {
    await expect(openKit(kit, PASSWORD, { ...EXPECTED, keyEpoch: 2 })).rejects.toThrow(KitEpochAheadError);
  });

  test('the clear fields are bound to the wrapped key: an edited header does not open', async () => {
    // Move the epoch forward (to dodge "outdated") and fix the checksum: the AEAD still refuses.
    const forged = reforge(kit, (body) => {
      body[20] = 4;
      return body;
    });
    expect(parseKit(forged).keyEpoch).toBe(4);
    await expect(openKit(forged, PASSWORD, { ...EXPECTED, keyEpoch: 4 })).rejects.toThrow(WrongPasswordError);
  });

  test('refuses to make a kit whose KDF is below the floor', async () => {
    await expect(
      createKit({
        accountId: ACCOUNT_ID,
        email: EMAIL,
        keyEpoch: 1,
        password: PASSWORD,
        accountKey,
        qrKdf: { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 }, salt: new Uint8Array(16) },
      }),
    ).rejects.toThrow(/below the minimum/);
  });

  describe('key file', () => {
    test('wraps the same payload in a recognisable text file', () => {
      const file = makeKeyFile(kit);
      expect(file.fileName).toBe('latchkey-key-2026-11-01.lkkey');
      expect(file.mimeType).toBe('application/x.latchkey-key');
      expect(file.text.startsWith('LATCHKEY KEY FILE 1\n')).toBe(true);
      expect(file.text).toContain('Account: j•••@example.com');
      expect(readKeyFile(file.text).payloadText).toBe(kit);
    });

    test('survives CRLF line ends, indentation and a missing header', () => {
      const file = makeKeyFile(kit);
      expect(readKeyFile(file.text.replace(/\n/g, '\r\n')).kit.accountId).toBe(ACCOUNT_ID);
      expect(readKeyFile(`   ${kit}   \n`).payloadText).toBe(kit);
    });

    test('a file that is not a key file says so', () => {
      expect(() => readKeyFile('name,password\nfoo,bar\n')).toThrow('This file is not a Latchkey key file');
    });

    test('an outdated key file fails as outdated, like its QR', async () => {
      const { payloadText } = readKeyFile(makeKeyFile(kit).text);
      await expect(openKit(payloadText, PASSWORD, { ...EXPECTED, keyEpoch: 5 }, 'key-file')).rejects.toThrow(
        /outdated/,
      );
    });
  });
});
