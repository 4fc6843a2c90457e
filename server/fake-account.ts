import { accountIdFromBytes } from '../lib/account/account-id';
import { ACCOUNT_KEY_BYTES } from '../lib/account/account-key';
import { AEAD_ALG_AES256GCM, AEAD_OVERHEAD } from '../lib/crypto/aead';
import { ARGON2ID_DEFAULT, type Argon2idParams } from '../lib/crypto/argon2id';
import { hmac, type ServerSecrets } from './server-secrets';

/**
 * What pre-login and login answer for an email with no account (DESIGN §2: no account enumeration). Every value
 * is derived with HMAC-SHA-256 under a server key, so it is stable across calls and instances, unguessable, and
 * costs the same to compute whether or not the email has an account (callers compute it on both paths).
 *
 * The key epoch and its date follow a virtual account's life: "created" at a pseudo-random time after the
 * server's secrets were made, then password changes at pseudo-random intervals (exponential, mean 5 years), each
 * bumping the epoch. As time passes, a fake's epoch only grows and its date only moves forward, both at once —
 * exactly what a real account does. Known limit: a stateless fake cannot be "created" uniformly over a window
 * that keeps growing without its date changing, so the creation spread grows in powers of two of the server's age
 * (capped at 180 days): a young server's fakes re-date themselves a few times (at 1, 2, 4… hours of age).
 *
 * A real password change also brings a new salt (the client draws one) and a new devices' Account Key box (new
 * nonce, new epoch in its associated data), so a fake's salt and box are derived per epoch: they change exactly
 * when its epoch does, never otherwise.
 */
export interface FakeAccount {
  /** The OPAQUE user identifier a fake login uses (so its fake OPAQUE answer is stable too). */
  accountId: string;
  kdf: Argon2idParams;
  salt: string;
  keyEpoch: number;
  keyEpochSince: Date;
  /** Shaped like the real box (lib/crypto/aead.ts: alg byte ‖ nonce ‖ ciphertext ‖ tag), base64url. */
  accountKeyForDevices: string;
}

/** A real box of the Account Key: AEAD_OVERHEAD + 20 bytes = 49. */
export const FAKE_DEVICE_BOX_BYTES = AEAD_OVERHEAD + ACCOUNT_KEY_BYTES;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const CREATION_SPREAD_MS = 180 * DAY_MS;
const MEAN_CHANGE_INTERVAL_MS = 5 * 365 * DAY_MS;
/** Enough events for any horizon we care about (each is ~5 years on average). */
const MAX_CHANGES = 64;

export function fakeAccount(email: string, secrets: ServerSecrets, now: Date): FakeAccount {
  const key = secrets.keys.fakeAccounts;
  const idBytes = hmac(key, 'account-id', email).subarray(0, 16);
  // Shape it as a version-4 UUID (RFC 9562 §5.4) like the real ones (crypto.randomUUID).
  idBytes[6] = (idBytes[6]! & 0x0f) | 0x40;
  idBytes[8] = (idBytes[8]! & 0x3f) | 0x80;

  const age = Math.max(0, now.getTime() - secrets.since.getTime());
  const spread =
    age < HOUR_MS ? 0 : Math.min(CREATION_SPREAD_MS, HOUR_MS * 2 ** Math.floor(Math.log2(age / HOUR_MS)));
  let since = secrets.since.getTime() + Math.floor(unit(hmac(key, 'created', email)) * spread);
  let epoch = 1;
  for (let i = 1; i <= MAX_CHANGES; i++) {
    const gap = -Math.log(1 - unit(hmac(key, 'change', String(i), email))) * MEAN_CHANGE_INTERVAL_MS;
    const next = since + Math.ceil(gap);
    if (next > now.getTime()) break;
    since = next;
    epoch++;
  }

  return {
    accountId: accountIdFromBytes(idBytes),
    kdf: { ...ARGON2ID_DEFAULT },
    salt: hmac(key, 'salt', String(epoch), email).subarray(0, 16).toString('base64url'),
    keyEpoch: epoch,
    keyEpochSince: new Date(since),
    accountKeyForDevices: fakeAccountKeyForDevices(email, epoch, secrets),
  };
}

/**
 * A stable fake of the devices' Account Key box for `email` at `keyEpoch`, base64url: the algorithm byte a real
 * box starts with, then pseudo-random bytes where a real box has its random nonce and AES-GCM output (which look
 * random too), from as many HMAC-SHA-256 blocks (32 bytes each) as needed. Also what pre-login hands out for a
 * real account created before the box existed (server/routes/login.ts), at that account's epoch.
 */
export function fakeAccountKeyForDevices(email: string, keyEpoch: number, secrets: ServerSecrets): string {
  const blockCount = Math.ceil((FAKE_DEVICE_BOX_BYTES - 1) / 32);
  const blocks = Array.from({ length: blockCount }, (_, i) =>
    hmac(secrets.keys.fakeAccounts, 'account-key-for-devices', String(keyEpoch), String(i + 1), email),
  );
  const box = Buffer.concat([Buffer.of(AEAD_ALG_AES256GCM), ...blocks]).subarray(0, FAKE_DEVICE_BOX_BYTES);
  return box.toString('base64url');
}

/** A number in [0, 1) from the first 48 bits of a digest. */
function unit(digest: Buffer): number {
  return digest.readUIntBE(0, 6) / 2 ** 48;
}
