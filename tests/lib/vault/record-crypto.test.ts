import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { ITEM_CIPHERTEXT_MAX_BYTES } from '../../../lib/api/limits';
import { importAeadKey, seal as aeadSeal, type AeadKey } from '../../../lib/crypto/aead';
import { randomBytes } from '../../../lib/crypto/random';
import { concatBytes, utf8Encode } from '../../../lib/encoding/bytes';
import { overviewOf } from '../../../lib/vault/overview';
import {
  createRecordCipher,
  openOverview,
  openOverviews,
  RECORD_BOX_FORMAT,
  type BoundRecordCipher,
} from '../../../lib/vault/record-crypto';
import { RecordDamagedError, RecordTooLargeError } from '../../../lib/vault/record-errors';
import type { DamageReason } from '../../../lib/vault/store-types';
import type { LoginFields, VaultRecord } from '../../../lib/vault/record-types';
import { ACCOUNT_ID, ALL_RECORDS, FIELDS, IDS, OTHER_ACCOUNT_ID, recordOf } from './record-fixtures';

let key: AeadKey;
let otherKey: AeadKey;
let cipher: BoundRecordCipher;

beforeAll(async () => {
  key = await importAeadKey(randomBytes(32));
  otherKey = await importAeadKey(randomBytes(32));
  cipher = createRecordCipher(key, ACCOUNT_ID);
});

async function damageOf(promise: Promise<unknown>): Promise<DamageReason> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RecordDamagedError);
  return (error as RecordDamagedError).reason;
}

/** Seals arbitrary plaintext halves with the real layout and associated data, as a buggy writer would. */
async function craftBox(id: string, overview: unknown, details: string): Promise<Uint8Array> {
  const sealId = randomBytes(16);
  const aad = (part: string) =>
    concatBytes(utf8Encode(`latchkey/record/v1\0${ACCOUNT_ID}\0${id}\0${part}\0`), sealId);
  const ov = await aeadSeal(key, utf8Encode(JSON.stringify(overview)), aad('overview'));
  const det = await aeadSeal(key, utf8Encode(details), aad('details'));
  const header = new Uint8Array(21);
  header[0] = RECORD_BOX_FORMAT;
  header.set(sealId, 1);
  new DataView(header.buffer).setUint32(17, ov.length);
  return concatBytes(header, ov, det);
}

function overviewJson(record: VaultRecord, schemaVersion = 1): unknown {
  const { id: _id, ...rest } = overviewOf(record);
  return { schemaVersion, ...rest };
}

describe('seal / open', () => {
  test.each(ALL_RECORDS.map((r) => [r.type, r] as const))(
    'round-trips a %s, details and overview',
    async (_t, record) => {
      const box = await cipher.seal(record);
      expect(box[0]).toBe(RECORD_BOX_FORMAT);
      expect(await cipher.open(record.id, box)).toEqual(record);
      expect(await openOverview(key, ACCOUNT_ID, { id: record.id, box })).toEqual(overviewOf(record));
    },
  );

  test('two seals of the same record differ (fresh sealId and nonces)', async () => {
    const record = recordOf('note');
    const [a, b] = await Promise.all([cipher.seal(record), cipher.seal(record)]);
    expect(a).not.toEqual(b);
  });

  test('the overview half holds no secrets of the record', async () => {
    const record = recordOf('login');
    const { id: _id, ...overview } = overviewOf(record);
    expect(JSON.stringify(overview)).not.toMatch(/correct horse|hunter2|JBSWY3DP|Okta|Recovery email/);
    const card = overviewOf(recordOf('card'));
    expect(JSON.stringify(card)).not.toMatch(/42424242|123|0000/);
  });

  test('fast-check: any valid login round-trips', async () => {
    const text = (max: number) => fc.string({ maxLength: max, unit: 'grapheme' });
    await fc.assert(
      fc.asyncProperty(
        fc.uuid({ version: 4 }),
        fc.string({ minLength: 1, maxLength: 200 }).filter((t) => t.trim() === t && t !== ''),
        text(40),
        text(200),
        text(500),
        fc.boolean(),
        async (id, title, username, password, notes, favorite) => {
          const record = {
            ...recordOf('login', id),
            fields: { ...FIELDS.login, title, username, password, notes, favorite },
          } as VaultRecord;
          const box = await cipher.seal(record);
          expect(await cipher.open(id, box)).toEqual(record);
          expect(await openOverview(key, ACCOUNT_ID, { id, box })).toEqual(overviewOf(record));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('every changed byte of a small box makes it undecryptable', async () => {
    const record = { ...recordOf('note'), fields: { ...FIELDS.note, notes: '' } } as VaultRecord;
    const box = await cipher.seal(record);
    for (let i = 0; i < box.length; i++) {
      const tampered = box.slice();
      tampered[i]! ^= 0x01;
      const [details, overview] = await Promise.all([
        damageOf(cipher.open(record.id, tampered)),
        openOverviews(key, ACCOUNT_ID, [{ id: record.id, box: tampered }]),
      ]);
      expect(details, `byte ${i}`).toBe('undecryptable');
      // The list opens only the header and the overview half: a changed details byte is caught by open.
      const inOverviewPart = i < 21 + new DataView(box.buffer).getUint32(17);
      if (inOverviewPart)
        expect((overview[0] as RecordDamagedError).reason, `byte ${i}`).toBe('undecryptable');
      else expect(overview[0], `byte ${i}`).toEqual(overviewOf(record));
    }
  });

  test('swapping overview halves between two seals of the same id is undecryptable', async () => {
    const record = recordOf('login');
    const a = await cipher.seal(record);
    const b = await cipher.seal({ ...record, fields: { ...FIELDS.login, title: 'Renamed' } } as VaultRecord);
    const len = (box: Uint8Array) => 21 + new DataView(box.buffer, box.byteOffset).getUint32(17);
    // a's header and overview with b's details, and the other way round.
    const mixed1 = concatBytes(a.subarray(0, len(a)), b.subarray(len(b)));
    const mixed2 = concatBytes(b.subarray(0, len(b)), a.subarray(len(a)));
    expect(await damageOf(cipher.open(record.id, mixed1))).toBe('undecryptable');
    expect(await damageOf(cipher.open(record.id, mixed2))).toBe('undecryptable');
  });

  test('a box moved to another record id or account, or opened with another key, is undecryptable', async () => {
    const record = recordOf('card');
    const box = await cipher.seal(record);
    expect(await damageOf(cipher.open(IDS.login, box))).toBe('undecryptable');
    expect(await damageOf(createRecordCipher(key, OTHER_ACCOUNT_ID).open(record.id, box))).toBe(
      'undecryptable',
    );
    expect(await damageOf(createRecordCipher(otherKey, ACCOUNT_ID).open(record.id, box))).toBe(
      'undecryptable',
    );
    const moved = await openOverviews(key, ACCOUNT_ID, [{ id: IDS.login, box }]);
    expect((moved[0] as RecordDamagedError).reason).toBe('undecryptable');
    const elsewhere = await openOverviews(key, OTHER_ACCOUNT_ID, [{ id: record.id, box }]);
    expect((elsewhere[0] as RecordDamagedError).reason).toBe('undecryptable');
  });

  test('truncated boxes and foreign formats are undecryptable', async () => {
    const box = await cipher.seal(recordOf('note'));
    for (const length of [0, 1, 20, 21, 60, box.length - 1]) {
      expect(await damageOf(cipher.open(IDS.note, box.subarray(0, length))), `length ${length}`).toBe(
        'undecryptable',
      );
    }
    const lying = box.slice();
    new DataView(lying.buffer).setUint32(17, 0xffffffff);
    expect(await damageOf(cipher.open(IDS.note, lying))).toBe('undecryptable');
    const format2 = box.slice();
    format2[0] = 0x02;
    expect(await damageOf(cipher.open(IDS.note, format2))).toBe('undecryptable');
  });

  test('a newer schemaVersion is newer-version, in either half', async () => {
    const record = recordOf('note');
    const details = JSON.stringify({ ...record, schemaVersion: 2, fields: { shiny: true } });
    const box = await craftBox(record.id, overviewJson(record, 2), details);
    expect(await damageOf(cipher.open(record.id, box))).toBe('newer-version');
    const [overview] = await openOverviews(key, ACCOUNT_ID, [{ id: record.id, box }]);
    expect((overview as RecordDamagedError).reason).toBe('newer-version');
  });

  test('valid boxes holding bad JSON, a bad record or another id are invalid', async () => {
    const record = recordOf('note');
    const good = JSON.stringify({ schemaVersion: 1, ...record });
    const cases: Array<[string, unknown, string]> = [
      ['not JSON', overviewJson(record), '{"schemaVersion":1,'],
      ['bad record', overviewJson(record), JSON.stringify({ schemaVersion: 1, ...record, type: 'card' })],
      ['id mismatch', overviewJson(record), JSON.stringify({ schemaVersion: 1, ...record, id: IDS.login })],
      ['bad overview', { ...(overviewJson(record) as object), title: 7 }, good],
    ];
    for (const [name, overview, details] of cases) {
      const box = await craftBox(record.id, overview, details);
      const [opened] = await openOverviews(key, ACCOUNT_ID, [{ id: record.id, box }]);
      if (name === 'bad overview') {
        expect((opened as RecordDamagedError).reason, name).toBe('invalid');
        expect(await cipher.open(record.id, box)).toEqual(record);
      } else {
        expect(await damageOf(cipher.open(record.id, box)), name).toBe('invalid');
      }
    }
  });

  test('check (what a pull stores) authenticates both halves and the overview, and parses no details', async () => {
    const record = { ...recordOf('note'), fields: { ...FIELDS.note, notes: '' } } as VaultRecord;
    const box = await cipher.seal(record);
    await expect(cipher.check(record.id, box)).resolves.toBeUndefined();
    for (let i = 0; i < box.length; i++) {
      const tampered = box.slice();
      tampered[i]! ^= 0x01;
      expect(await damageOf(cipher.check(record.id, tampered)), `byte ${i}`).toBe('undecryptable');
    }
    expect(await damageOf(cipher.check(IDS.login, box))).toBe('undecryptable');
    const badOverview = await craftBox(record.id, { ...(overviewJson(record) as object), title: 7 }, '{}');
    expect(await damageOf(cipher.check(record.id, badOverview))).toBe('invalid');
    // Authenticated details that do not parse can only come from a writer holding the vault key; they are
    // found when the record is opened (shown or merged), not by check.
    const badDetails = await craftBox(record.id, overviewJson(record), '{"schemaVersion":1,');
    await expect(cipher.check(record.id, badDetails)).resolves.toBeUndefined();
    expect(await damageOf(cipher.open(record.id, badDetails))).toBe('invalid');
  });

  test('refuses to seal an invalid record or one too large for the server', async () => {
    const bad = { ...recordOf('note'), fields: { ...FIELDS.note, title: '' } } as VaultRecord;
    expect(await damageOf(cipher.seal(bad))).toBe('invalid');
    // 50 URLs of 2 KiB and 20,000 characters of 3-byte notes: valid, but the box would pass 64 KiB.
    const bigFields: LoginFields = {
      ...FIELDS.login,
      notes: '€'.repeat(20_000),
      urls: Array.from({ length: 50 }, (_, i) => ({
        url: `https://e${i}.com/${'p'.repeat(2000)}`,
        match: 'host',
      })),
    };
    const big = { ...recordOf('login'), fields: bigFields } as VaultRecord;
    const error = await cipher.seal(big).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RecordTooLargeError);
    expect((error as RecordTooLargeError).boxBytes).toBeGreaterThan(ITEM_CIPHERTEXT_MAX_BYTES);
    expect((error as Error).message).toBe('This item is too large (max 64 KiB)');
    // Just under the limit seals.
    const fits = { ...big, fields: { ...bigFields, urls: bigFields.urls.slice(0, 1) } } as VaultRecord;
    expect((await cipher.seal(fits)).length).toBeLessThanOrEqual(ITEM_CIPHERTEXT_MAX_BYTES);
  });

  test('rejects ids that could forge associated data', async () => {
    expect(() => createRecordCipher(key, `${ACCOUNT_ID}\0x`)).toThrow(TypeError);
    await expect(cipher.open(`${IDS.note}\0details`, new Uint8Array(100))).rejects.toThrow(TypeError);
  });
});

describe('openOverviews', () => {
  test('returns one result per row, damaged ones in place', async () => {
    const boxes = await Promise.all(ALL_RECORDS.map((r) => cipher.seal(r)));
    const rows = ALL_RECORDS.map((r, i) => ({ id: r.id, box: boxes[i]! }));
    const tampered = rows[1]!.box.slice();
    tampered[30]! ^= 0xff;
    const results = await cipher.openOverviews([
      rows[0]!,
      { id: rows[1]!.id, box: tampered },
      rows[2]!,
      { id: rows[3]!.id, box: rows[3]!.box.subarray(0, 10) },
      { id: rows[0]!.id, box: rows[2]!.box },
      rows[3]!,
    ]);
    expect(results).toHaveLength(6);
    expect(results[0]).toEqual(overviewOf(ALL_RECORDS[0]!));
    expect((results[1] as RecordDamagedError).reason).toBe('undecryptable');
    expect(results[2]).toEqual(overviewOf(ALL_RECORDS[2]!));
    expect((results[3] as RecordDamagedError).reason).toBe('undecryptable');
    expect((results[4] as RecordDamagedError).reason).toBe('undecryptable');
    expect(results[5]).toEqual(overviewOf(ALL_RECORDS[3]!));
    expect(await cipher.openOverviews([])).toEqual([]);
  });
});
