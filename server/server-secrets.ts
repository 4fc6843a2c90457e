import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import type { Storage } from './storage/storage';
import type { Logger } from './logger';

/**
 * The server's own secrets. Each is either given by the environment or generated once and kept in storage with
 * setSettingIfAbsent, so every instance behind a load balancer uses the same one (first writer wins) and a
 * restart never changes it by itself — a new OPAQUE setup would lock every user out.
 */
export interface ServerSecrets {
  /** OPAQUE server setup (keypair + OPRF seed). */
  opaqueServerSetup: string;
  /** HMAC-SHA-256 keys, one per purpose (HKDF-separated from one stored secret). */
  keys: {
    /** Fake pre-login / login answers for unknown emails: stable per email, unguessable without the key. */
    fakeAccounts: Buffer;
    /** Rate-limit keys: counters are filed under a keyed hash, never the plain email or IP address. */
    rateLimits: Buffer;
    /** Reset codes are stored as HMACs (not bare hashes) so a database dump cannot brute-force 50-bit codes. */
    resetCodes: Buffer;
  };
  /** When this server's secrets were made: fake accounts date themselves after it. */
  since: Date;
}

const SETTING_OPAQUE = 'opaque-server-setup';
const SETTING_SECRET = 'server-secret';
const SETTING_SINCE = 'server-secret-created-at';

export async function loadServerSecrets(input: {
  storage: Storage;
  opaqueServerSetup: string | undefined;
  now: Date;
  logger: Logger;
}): Promise<ServerSecrets> {
  const { storage, logger } = input;
  await opaque.ready;
  let opaqueServerSetup: string;
  if (input.opaqueServerSetup !== undefined) {
    opaqueServerSetup = input.opaqueServerSetup;
    const stored = await storage.getSetting(SETTING_OPAQUE);
    if (stored !== null && stored !== opaqueServerSetup) {
      // Not fatal (the operator may be moving the setup into the environment on purpose), but loud.
      logger.warn(
        'OPAQUE_SERVER_SETUP differs from the setup this database was used with: existing logins fail',
      );
    }
  } else {
    opaqueServerSetup = await storage.setSettingIfAbsent(SETTING_OPAQUE, opaque.server.createSetup());
  }
  try {
    opaque.server.getPublicKey(opaqueServerSetup);
  } catch {
    throw new Error('The OPAQUE server setup does not parse (OPAQUE_SERVER_SETUP or the stored one)');
  }

  const secret = Buffer.from(
    await storage.setSettingIfAbsent(SETTING_SECRET, randomBytes(32).toString('base64url')),
    'base64url',
  );
  if (secret.length !== 32) throw new Error('The stored server secret is damaged');
  const since = new Date(await storage.setSettingIfAbsent(SETTING_SINCE, input.now.toISOString()));
  if (Number.isNaN(since.getTime())) throw new Error('The stored server secret date is damaged');

  return {
    opaqueServerSetup,
    keys: {
      fakeAccounts: subkey(secret, 'fake-accounts'),
      rateLimits: subkey(secret, 'rate-limits'),
      resetCodes: subkey(secret, 'reset-codes'),
    },
    since,
  };
}

function subkey(secret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'latchkey/server/v1', purpose, 32));
}

/** HMAC-SHA-256 over NUL-joined parts (NUL cannot occur in the emails, ids and labels we hash). */
export function hmac(key: Buffer, ...parts: string[]): Buffer {
  return createHmac('sha256', key).update(parts.join('\0')).digest();
}
