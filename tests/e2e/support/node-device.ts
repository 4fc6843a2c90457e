import { randomBytes, randomUUID } from 'node:crypto';
import { signUp } from '../../../lib/account-service/sign-up';
import { ApiClient } from '../../../lib/api/client';
import type { ItemChange } from '../../../lib/api/items';
import { PUSH_MAX_CHANGES } from '../../../lib/api/limits';
import { importAeadKey } from '../../../lib/crypto/aead';
import { toBase64url } from '../../../lib/encoding/base64url';
import { createRecordCipher, type BoundRecordCipher } from '../../../lib/vault/record-crypto';
import type { LoginFields, VaultRecord } from '../../../lib/vault/record-types';
import type { Credentials } from './accounts';

/**
 * Another device of an account, in Node: it signs up through the same account service as the extension (real
 * server, real OPAQUE and key hierarchy) and writes records straight to the server with the same record cipher.
 * The e2e tests and the vault benchmarks use it to give a browser an account that already holds a vault (10,000
 * records are pushed in seconds, where typing them would take hours), and to put a damaged box on the server,
 * which no honest client can do.
 */
export interface NodeDevice {
  accountId: string;
  /** The key file's text: what "Import a key file" reads (kit payload). */
  kitText: string;
  cipher: BoundRecordCipher;
  /** Pushes new records (baseRevision 0) in batches; answers the head revision. */
  pushNew(records: readonly VaultRecord[]): Promise<number>;
  /** Pushes a raw box under `id` on top of `baseRevision`: e.g. random bytes, which no key opens. */
  pushRaw(id: string, box: Uint8Array, baseRevision: number): Promise<number>;
  /** Every live item's id → revision, as the server has them now. */
  revisions(): Promise<Map<string, number>>;
}

export async function signUpNodeDevice(serverUrl: string, user: Credentials): Promise<NodeDevice> {
  const { state, keys, kit } = await signUp(
    { serverUrl, email: user.email, password: user.password, emailKit: false },
    {
      api: (baseUrl, token) => new ApiClient({ baseUrl, token: token ?? null }),
      deviceName: 'Node test device',
    },
  );
  const api = new ApiClient({ baseUrl: serverUrl, token: state.token });
  const cipher = createRecordCipher(await importAeadKey(keys.vaultKey), state.accountId);
  const push = async (changes: ItemChange[]): Promise<number> => {
    const answer = await api.call('push', { body: { changes } });
    const refused = answer.outcomes.filter((outcome) => outcome.status !== 'accepted');
    if (refused.length > 0) throw new Error(`the server refused ${refused.length} change(s) as conflicts`);
    return answer.headRevision;
  };
  return {
    accountId: state.accountId,
    kitText: kit.payloadText,
    cipher,
    async pushNew(records) {
      let head = 0;
      for (let start = 0; start < records.length; start += PUSH_MAX_CHANGES) {
        const batch = records.slice(start, start + PUSH_MAX_CHANGES);
        const boxes = await Promise.all(batch.map((record) => cipher.seal(record)));
        head = await push(
          batch.map((record, i) => ({ id: record.id, baseRevision: 0, ciphertext: toBase64url(boxes[i]!) })),
        );
      }
      return head;
    },
    pushRaw: (id, box, baseRevision) => push([{ id, baseRevision, ciphertext: toBase64url(box) }]),
    async revisions() {
      const found = new Map<string, number>();
      let since = 0;
      for (;;) {
        const page = await api.call('pull', { query: { since: String(since), limit: '1000' } });
        for (const item of page.items) {
          if (item.deleted) found.delete(item.id);
          else found.set(item.id, item.revision);
        }
        since = page.items.at(-1)?.revision ?? page.headRevision;
        if (!page.hasMore) return found;
      }
    },
  };
}

/** A login with realistic sizes (~400–700 bytes sealed): what a 10,000-record vault is made of. */
export function sampleLogin(n: number, now = new Date('2026-11-01T12:00:00Z')): VaultRecord {
  const site = `site-${n}.example.com`;
  const fields: LoginFields = {
    title: `Site ${n} ${['Mail', 'Bank', 'Forum', 'Shop', 'Cloud'][n % 5]}`,
    notes: n % 7 === 0 ? `Security question: first pet? Answer: ${randomBytes(6).toString('hex')}` : '',
    tags: n % 3 === 0 ? ['work'] : n % 3 === 1 ? ['personal'] : [],
    favorite: n % 50 === 0,
    customFields: [],
    username: `user${n}@example.com`,
    password: randomBytes(15).toString('base64'),
    urls: [{ url: `https://${site}/login`, match: 'base-domain' }],
    totp: '',
    passwordHistory: [],
  };
  const at = now.toISOString();
  return { id: randomUUID(), type: 'login', fields, createdAt: at, updatedAt: at, conflict: null };
}
