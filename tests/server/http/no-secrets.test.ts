import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../lib/api/client';
import { formatAccountKey } from '../../../lib/account/account-key';
import { deriveUnlockKey, encodePassword } from '../../../lib/account/key-hierarchy';
import { encodeBase32 } from '../../../lib/encoding/base32';
import { SQLITE_FILE_NAME } from '../../../server/storage/open-storage';
import { BACKENDS, Databases, startServer, type TestServer } from './harness';
import { derivePassword, TestUser, uniqueEmail } from './test-user';

/**
 * Zero knowledge, checked: after a sign-up, a login, a push and a password change, no table, no request body
 * and no log line holds the password, the Account Key, the device secret, PWK, MUK, the login secret or the vault
 * key — nor a SHA-256 of any of them — in any common encoding.
 */
const databases = new Databases();
afterAll(() => databases.stop());

function encodings(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes);
  const digest = createHash('sha256').update(buffer).digest();
  return [buffer, digest].flatMap((b) => [
    b.toString('hex'),
    b.toString('base64'),
    b.toString('base64url'),
    encodeBase32(b),
  ]);
}

async function dumpTables(server: TestServer): Promise<string> {
  if (server.databaseUrl === undefined) {
    const db = new Database(join(server.dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[];
      expect(tables.length).toBeGreaterThan(3);
      return tables
        .map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all(), replacer))
        .join('\n');
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.rows.length).toBeGreaterThan(3);
    const dumps = [];
    for (const { table_name } of tables.rows) {
      dumps.push(JSON.stringify((await client.query(`SELECT * FROM "${table_name}"`)).rows, replacer));
    }
    return dumps.join('\n');
  } finally {
    await client.end();
  }
}

/** Binary columns as every encoding they could be compared in. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array || (value && (value as { type?: string }).type === 'Buffer')) {
    const buffer = Buffer.from(value instanceof Uint8Array ? value : (value as { data: number[] }).data);
    return [buffer.toString('hex'), buffer.toString('base64'), buffer.toString('base64url')].join(' ');
  }
  return value;
}

describe.each(BACKENDS)('no secret reaches the server (%s)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ backend, databases });
  }, 60_000);
  afterAll(() => server?.stop());

  it('tables, request bodies and logs hold none of the client secrets', async () => {
    const bodies: string[] = [];
    const api = new ApiClient({
      baseUrl: server.baseUrl,
      fetch: (url, init) => {
        if (typeof init?.body === 'string') bodies.push(init.body);
        return fetch(url, init);
      },
    });
    const oldPassword = await derivePassword('my very secret password 1');
    const newPassword = await derivePassword('my very secret password 2');
    const user = new TestUser(uniqueEmail(), oldPassword);
    await user.signUp(api);
    const { session } = (await user.logIn(api))!;
    await session.call('push', {
      body: { changes: [{ id: crypto.randomUUID(), baseRevision: 0, ciphertext: 'C'.repeat(80) }] },
    });
    await user.registerRecovery(session);
    await user.changePassword(session, newPassword);
    expect(bodies.length).toBeGreaterThanOrEqual(8);

    const secrets: string[] = [oldPassword.password, newPassword.password, formatAccountKey(user.accountKey)];
    for (const pw of [oldPassword, newPassword]) {
      secrets.push(
        ...encodings(encodePassword(pw.password)),
        ...encodings(pw.pwk),
        ...encodings(deriveUnlockKey(pw.pwk, user.accountKey)),
        ...encodings(Buffer.from(user.loginSecret(pw), 'base64url')),
        user.loginSecret(pw),
      );
    }
    secrets.push(
      ...encodings(user.accountKey),
      // The devices' Account Key box is stored (below); the device secret that opens it never leaves a device.
      ...encodings(user.deviceSecret),
      ...encodings(user.vaultKey),
      ...encodings(user.recoverySecret),
    );
    secrets.push(
      ...encodings(Buffer.from(user.recoveryLoginSecret(), 'base64url')),
      user.recoveryLoginSecret(),
    );

    const haystacks = {
      tables: await dumpTables(server),
      bodies: bodies.join('\n'),
      logs: server.logs.join('\n'),
    };
    expect(haystacks.tables).toContain(user.accountId); // the dump did read the data
    const stored = await server.storage.getAccountById(user.accountId);
    expect(haystacks.tables).toContain(stored?.keyset.accountKeyForDevices);
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of secrets) {
        expect(text.includes(secret), `${where} contains a secret (${secret.slice(0, 6)}…)`).toBe(false);
      }
    }
  });
});
