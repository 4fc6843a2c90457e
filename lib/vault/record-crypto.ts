import * as v from 'valibot';
import { ITEM_CIPHERTEXT_MAX_BYTES } from '../api/limits';
import { AEAD_OVERHEAD, open as aeadOpen, openMany, seal as aeadSeal, type AeadKey } from '../crypto/aead';
import { DecryptionError } from '../crypto/errors';
import { randomBytes } from '../crypto/random';
import { concatBytes, utf8Decode, utf8Encode } from '../encoding/bytes';
import { overviewOf } from './overview';
import { checkOverview } from './overview-check';
import {
  RecordDamagedError,
  RecordInvalidError,
  RecordNewerVersionError,
  RecordTooLargeError,
  RecordUndecryptableError,
} from './record-errors';
import { parseRecord, RECORD_SCHEMA_VERSION, StoredRecordSchema, toStoredRecord } from './record-schema';
import type { RecordOverview, VaultRecord } from './record-types';
import type { RecordCipher } from './store-types';

/**
 * A record's box (lib/vault/README.md "Box layout"):
 *
 *   format (1 byte = 0x01) ‖ sealId (16 random bytes) ‖ overviewLen (u32 big-endian) ‖ overviewBox ‖ detailsBox
 *
 * Both halves are lib/crypto/aead.ts boxes under the vault key. The overview (list fields) opens on its own, so
 * unlocking a 10k vault decrypts small boxes only; the details hold the whole record. Each half's associated
 * data names the account, the record id, the half and the sealId (`aadFor`), so the server (which stores the
 * box opaquely) cannot move a box to another record or account, swap halves, or pair the overview of one
 * version with the details of another: every such box fails to authenticate and is shown as damaged.
 */
export const RECORD_BOX_FORMAT = 0x01;
const SEAL_ID_BYTES = 16;
const HEADER_BYTES = 1 + SEAL_ID_BYTES + 4;
const AAD_LABEL = 'latchkey/record/v1';

type Part = 'overview' | 'details';

/** NUL separates the aad's fields; an id containing one could be made to spell another record's aad. */
function checkRecordId(id: string): void {
  if (typeof id !== 'string' || id === '' || id.includes('\0'))
    throw new TypeError('record id must be non-empty, without NUL');
}

/** `label ‖ 0 ‖ accountId ‖ 0`, per account: the unlock builds 10,000 aads, and re-encoding it each time showed. */
const aadPrefixes = new Map<string, Uint8Array>();
const PART_BYTES = { overview: utf8Encode('overview'), details: utf8Encode('details') } as const;

function aadPrefix(accountId: string): Uint8Array {
  let prefix = aadPrefixes.get(accountId);
  if (prefix === undefined) {
    prefix = concatBytes(utf8Encode(AAD_LABEL), Uint8Array.of(0), utf8Encode(accountId), Uint8Array.of(0));
    if (aadPrefixes.size > 8) aadPrefixes.clear();
    aadPrefixes.set(accountId, prefix);
  }
  return prefix;
}

/** `label ‖ 0 ‖ accountId ‖ 0 ‖ recordId ‖ 0 ‖ part ‖ 0 ‖ sealId` (the layout in lib/vault/README.md). */
function aadFor(accountId: string, recordId: string, part: Part, sealId: Uint8Array): Uint8Array {
  // NUL separates the fields; an id containing one could be made to spell another record's aad.
  if (recordId === '' || recordId.includes('\0'))
    throw new TypeError('record id must be non-empty, without NUL');
  const prefix = aadPrefix(accountId);
  const id = utf8Encode(recordId);
  const partBytes = PART_BYTES[part];
  const out = new Uint8Array(prefix.length + id.length + 1 + partBytes.length + 1 + sealId.length);
  let at = 0;
  for (const chunk of [prefix, id, ZERO, partBytes, ZERO, sealId]) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const ZERO = Uint8Array.of(0);

interface BoxParts {
  sealId: Uint8Array;
  overview: Uint8Array;
  details: Uint8Array;
}

/** Splits a box; anything that is not our layout is undecryptable (it cannot be authenticated either). */
function splitBox(box: Uint8Array): BoxParts {
  if (!(box instanceof Uint8Array)) throw new TypeError('record box must be a Uint8Array');
  if (box.length < HEADER_BYTES + 2 * AEAD_OVERHEAD)
    throw new RecordUndecryptableError('The record box is truncated');
  if (box[0] !== RECORD_BOX_FORMAT)
    throw new RecordUndecryptableError('The record box has an unknown format');
  const overviewLen = new DataView(box.buffer, box.byteOffset + 1 + SEAL_ID_BYTES, 4).getUint32(0);
  if (overviewLen < AEAD_OVERHEAD || HEADER_BYTES + overviewLen > box.length - AEAD_OVERHEAD) {
    throw new RecordUndecryptableError('The record box is truncated');
  }
  return {
    sealId: box.subarray(1, 1 + SEAL_ID_BYTES),
    overview: box.subarray(HEADER_BYTES, HEADER_BYTES + overviewLen),
    details: box.subarray(HEADER_BYTES + overviewLen),
  };
}

function decodeJson(plaintext: Uint8Array): unknown {
  try {
    return JSON.parse(utf8Decode(plaintext));
  } catch {
    throw new RecordInvalidError('The record is not valid JSON');
  }
}

function asDamage(error: unknown): RecordDamagedError {
  if (error instanceof RecordDamagedError) return error;
  if (error instanceof DecryptionError) return new RecordUndecryptableError(undefined, { cause: error });
  throw error;
}

/** Seals `record` (validated first: sealing an invalid record is a bug, and it would open as damaged). */
async function sealRecord(key: AeadKey, accountId: string, record: VaultRecord): Promise<Uint8Array> {
  const parsed = v.safeParse(StoredRecordSchema, toStoredRecord(record));
  if (!parsed.success) throw new RecordInvalidError('Refusing to seal an invalid record');
  const { schemaVersion: _version, ...clean } = parsed.output;
  const { id: _id, ...overview } = overviewOf(clean);
  const overviewPlain = utf8Encode(JSON.stringify({ schemaVersion: RECORD_SCHEMA_VERSION, ...overview }));
  const detailsPlain = utf8Encode(JSON.stringify(parsed.output));
  const size = HEADER_BYTES + overviewPlain.length + detailsPlain.length + 2 * AEAD_OVERHEAD;
  if (size > ITEM_CIPHERTEXT_MAX_BYTES) throw new RecordTooLargeError(size);

  const sealId = randomBytes(SEAL_ID_BYTES);
  const [overviewBox, detailsBox] = await Promise.all([
    aeadSeal(key, overviewPlain, aadFor(accountId, record.id, 'overview', sealId)),
    aeadSeal(key, detailsPlain, aadFor(accountId, record.id, 'details', sealId)),
  ]);
  const header = new Uint8Array(HEADER_BYTES);
  header[0] = RECORD_BOX_FORMAT;
  header.set(sealId, 1);
  new DataView(header.buffer).setUint32(1 + SEAL_ID_BYTES, overviewBox.length);
  return concatBytes(header, overviewBox, detailsBox);
}

/**
 * Opens the details, and authenticates the overview half too (it is small): a box is intact or damaged as a
 * whole, so the item view never shows a record whose list entry would be refused.
 */
async function openRecord(
  key: AeadKey,
  accountId: string,
  id: string,
  box: Uint8Array,
): Promise<VaultRecord> {
  checkRecordId(id);
  try {
    const parts = splitBox(box);
    const [, plain] = await Promise.all([
      aeadOpen(key, parts.overview, aadFor(accountId, id, 'overview', parts.sealId)),
      aeadOpen(key, parts.details, aadFor(accountId, id, 'details', parts.sealId)),
    ]);
    const record = parseRecord(decodeJson(plain));
    // Unreachable unless the writer was buggy: the aad already binds the id.
    if (record.id !== id) throw new RecordInvalidError('The record id does not match its place');
    return record;
  } catch (error) {
    throw asDamage(error);
  }
}

/** Both halves authenticate and the overview is well formed; the details are decrypted but not parsed. */
async function checkRecord(key: AeadKey, accountId: string, id: string, box: Uint8Array): Promise<void> {
  checkRecordId(id);
  try {
    const parts = splitBox(box);
    const [overview] = await Promise.all([
      aeadOpen(key, parts.overview, aadFor(accountId, id, 'overview', parts.sealId)),
      aeadOpen(key, parts.details, aadFor(accountId, id, 'details', parts.sealId)),
    ]);
    overviewFrom(id, overview);
  } catch (error) {
    throw asDamage(error);
  }
}

function overviewFrom(id: string, plain: Uint8Array): RecordOverview {
  const raw = decodeJson(plain);
  const version =
    typeof raw === 'object' && raw !== null ? (raw as { schemaVersion?: unknown }).schemaVersion : undefined;
  // Overviews are derived from the record, never edited: only the current version exists so far, and a future
  // one is rewritten whenever its record is sealed again. Newer → update; anything else unknown → invalid.
  if (typeof version === 'number' && Number.isSafeInteger(version) && version > RECORD_SCHEMA_VERSION) {
    throw new RecordNewerVersionError(version);
  }
  const overview = checkOverview(raw);
  if (overview === null) throw new RecordInvalidError('The record overview is not valid');
  return { id, ...overview };
}

export type OverviewRow = { id: string; box: Uint8Array };

/**
 * Opens the overview half of many boxes at once (the unlock path, DESIGN §7 budget): all decryptions are issued
 * together, and each row gets its overview or its RecordDamagedError (a damaged record never fails the batch).
 */
export async function openOverviews(
  key: AeadKey,
  accountId: string,
  rows: readonly OverviewRow[],
): Promise<Array<RecordOverview | RecordDamagedError>> {
  const split = rows.map((row) => {
    try {
      return splitBox(row.box);
    } catch (error) {
      return asDamage(error);
    }
  });
  const good = split.flatMap((parts, i) => (parts instanceof RecordDamagedError ? [] : [{ i, parts }]));
  const opened = await openMany(
    key,
    good.map(({ parts }) => parts.overview),
    good.map(({ i, parts }) => aadFor(accountId, rows[i]!.id, 'overview', parts.sealId)),
  );
  // Every row gets its result below; no placeholder Error per row (an Error captures a stack trace: 10,000 of
  // them were a visible cost of the unlock in the service worker's profile).
  const results: Array<RecordOverview | RecordDamagedError | undefined> = split.map((parts) =>
    parts instanceof RecordDamagedError ? parts : undefined,
  );
  good.forEach(({ i }, k) => {
    const plain = opened[k]!;
    try {
      results[i] = plain instanceof DecryptionError ? asDamage(plain) : overviewFrom(rows[i]!.id, plain);
    } catch (error) {
      results[i] = asDamage(error);
    }
  });
  return results.map((result) => result ?? new RecordUndecryptableError());
}

/** One overview (e.g. after a sync replaced a record); throws RecordDamagedError. */
export async function openOverview(
  key: AeadKey,
  accountId: string,
  row: OverviewRow,
): Promise<RecordOverview> {
  const [result] = await openOverviews(key, accountId, [row]);
  if (result === undefined || result instanceof RecordDamagedError)
    throw result ?? new RecordUndecryptableError();
  return result;
}

/** The cipher of lib/vault/store-types.ts, bound to one account, plus the batch overview opener. */
export interface BoundRecordCipher extends RecordCipher {
  openOverviews(rows: readonly OverviewRow[]): Promise<Array<RecordOverview | RecordDamagedError>>;
}

export function createRecordCipher(key: AeadKey, accountId: string): BoundRecordCipher {
  // The separator of the associated data is NUL; an id containing one could forge another's aad.
  if (accountId === '' || accountId.includes('\0'))
    throw new TypeError('accountId must be a non-empty id without NUL');
  return {
    seal: (record) => sealRecord(key, accountId, record),
    open: (id, box) => openRecord(key, accountId, id, box),
    check: (id, box) => checkRecord(key, accountId, id, box),
    openOverviews: (rows) => openOverviews(key, accountId, rows),
  };
}
