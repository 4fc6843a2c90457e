import { randomUUID } from 'node:crypto';
import type { ItemChange, PullResponse, PushResponse } from '../../../lib/api/items';
import type { ApiClient } from '../../../lib/api/client';
import { importAeadKey } from '../../../lib/crypto/aead';
import { syncOnce } from '../../../lib/sync/sync-engine';
import { apiSyncServer } from '../../../lib/sync/sync-server';
import type { SyncReport, SyncServer } from '../../../lib/sync/sync-types';
import { createRecordCipher } from '../../../lib/vault/record-crypto';
import { applyDraft, newRecord } from '../../../lib/vault/record-schema';
import type { LoginFields, RecordDraft, VaultRecord } from '../../../lib/vault/record-types';
import type { OutboxRow, RecordCipher, VaultStore, VaultWrite } from '../../../lib/vault/store-types';
import { deleteVaultStore, openVaultStore } from '../../../lib/vault/vault-store';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Databases, startServer, type TestServer } from '../../server/http/harness';
import { derivePassword, type DerivedPassword } from '../../server/http/test-user';

/**
 * One simulated browser for the sync tests: the REAL store (fake-indexeddb in Node; the test file imports
 * 'fake-indexeddb/auto'), the REAL record cipher, the REAL server over HTTP. Edits go through the store the way
 * the background's vault session makes them (newRecord / applyDraft, sealed, addLocalChange).
 *
 * The server and the store are wrapped only to count calls and to let a test act at a precise moment (a
 * request that fails, an answer that is lost, an edit that lands mid-sync): those moments have no real
 * equivalent that a test could trigger on demand.
 */
export interface ServerHooks {
  /** Before a pull reaches the server; throw to fail it without reaching the server. */
  beforePull?: (since: number) => Promise<void> | void;
  /** Before a push reaches the server; throw to fail it without reaching the server. */
  beforePush?: (changes: ItemChange[]) => Promise<void> | void;
  /** After the server applied a push; throw to lose the answer. */
  afterPush?: (changes: ItemChange[], response: PushResponse) => Promise<void> | void;
}

export class CountingServer implements SyncServer {
  pulls = 0;
  pushes = 0;
  pushedChanges = 0;
  hooks: ServerHooks = {};
  constructor(private readonly inner: SyncServer) {}

  async pull(since: number, limit: number): Promise<PullResponse> {
    this.pulls += 1;
    await this.hooks.beforePull?.(since);
    return this.inner.pull(since, limit);
  }

  async push(changes: ItemChange[]): Promise<PushResponse> {
    this.pushes += 1;
    this.pushedChanges += changes.length;
    await this.hooks.beforePush?.(changes);
    const response = await this.inner.push(changes);
    await this.hooks.afterPush?.(changes, response);
    return response;
  }
}

export class CountingStore implements VaultStore {
  writes: VaultWrite[] = [];
  /** Runs once, right after the next `rows` read (the moment a pull has read the page's rows). */
  afterNextRows: (() => Promise<void>) | undefined;
  constructor(readonly inner: VaultStore) {}

  snapshot: VaultStore['snapshot'] = () => this.inner.snapshot();
  outbox: VaultStore['outbox'] = () => this.inner.outbox();
  cursor: VaultStore['cursor'] = () => this.inner.cursor();
  addLocalChange: VaultStore['addLocalChange'] = (change) => this.inner.addLocalChange(change);
  close: VaultStore['close'] = () => this.inner.close();
  rows: VaultStore['rows'] = async (ids) => {
    const rows = await this.inner.rows(ids);
    const hook = this.afterNextRows;
    this.afterNextRows = undefined;
    await hook?.();
    return rows;
  };
  write: VaultStore['write'] = async (change) => {
    this.writes.push(change);
    await this.inner.write(change);
  };
}

export const BLANK_LOGIN: LoginFields = {
  title: 'Untitled',
  notes: '',
  tags: [],
  favorite: false,
  customFields: [],
  username: '',
  password: '',
  urls: [],
  totp: '',
  passwordHistory: [],
};

export class SyncClient {
  readonly server: CountingServer;
  readonly store: CountingStore;
  private constructor(
    readonly name: string,
    private readonly dbName: string,
    store: VaultStore,
    readonly cipher: RecordCipher,
    session: ApiClient,
  ) {
    this.server = new CountingServer(apiSyncServer(session));
    this.store = new CountingStore(store);
  }

  static async open(name: string, session: ApiClient, accountId: string, vaultKey: Uint8Array) {
    const dbName = `latchkey-sync-test-${name}-${randomUUID()}`;
    const cipher = createRecordCipher(await importAeadKey(vaultKey), accountId);
    return new SyncClient(name, dbName, await openVaultStore(dbName), cipher, session);
  }

  sync(): Promise<SyncReport> {
    return syncOnce({
      store: this.store,
      cipher: this.cipher,
      server: this.server,
      now: () => Date.now(),
      newId: () => randomUUID(),
    });
  }

  /** A new login, made while offline; returns its id. */
  async add(fields: Partial<LoginFields>): Promise<string> {
    const id = randomUUID();
    const draft: RecordDraft = { type: 'login', fields: { ...BLANK_LOGIN, ...fields } };
    await this.save(newRecord(draft, { id, now: Date.now() }), 0);
    return id;
  }

  /** Edits the visible version of a login, as the popup's editor would (applyDraft keeps password history). */
  async edit(id: string, patch: Partial<LoginFields>): Promise<OutboxRow> {
    const rows = (await this.store.rows([id])).get(id);
    const current = await this.visibleRecord(id);
    if (current?.type !== 'login') throw new Error(`${this.name}: no login ${id} to edit`);
    const draft: RecordDraft = { type: 'login', fields: { ...current.fields, ...patch } };
    return this.save(applyDraft(current, draft, Date.now()), rows?.synced?.revision ?? 0);
  }

  async remove(id: string): Promise<OutboxRow> {
    const synced = (await this.store.rows([id])).get(id)?.synced;
    return this.store.addLocalChange({
      id,
      baseRevision: synced?.revision ?? 0,
      box: null,
      changedAt: Date.now(),
    });
  }

  private async save(record: VaultRecord, baseRevision: number): Promise<OutboxRow> {
    const box = await this.cipher.seal(record);
    return this.store.addLocalChange({ id: record.id, baseRevision, box, changedAt: Date.now() });
  }

  /** What the user sees for one id: the outbox version, else the synced one; undefined when deleted or absent. */
  async visibleRecord(id: string): Promise<VaultRecord | undefined> {
    const rows = (await this.store.rows([id])).get(id);
    const box = rows?.outbox ? rows.outbox.box : (rows?.synced?.box ?? null);
    return box === null ? undefined : this.cipher.open(id, box);
  }

  /** Every visible record, sorted by id (so two clients' vaults compare with toEqual). */
  async visible(): Promise<VaultRecord[]> {
    const snapshot = await this.store.snapshot();
    const boxes = new Map<string, Uint8Array | null>();
    for (const row of snapshot.synced) boxes.set(row.id, row.box);
    for (const row of snapshot.outbox) boxes.set(row.id, row.box);
    const live = [...boxes].filter((entry): entry is [string, Uint8Array] => entry[1] !== null);
    const records = await Promise.all(live.map(([id, box]) => this.cipher.open(id, box)));
    return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async destroy(): Promise<void> {
    this.store.close();
    await deleteVaultStore(this.dbName);
  }
}

/**
 * A sync test file's fixtures: the real server (SQLite) and an account password derived once (Argon2id is slow)
 * for the whole file, and the simulated clients, destroyed after each test (their databases deleted).
 */
export function useSyncSuite(passwordLabel: string): {
  readonly server: TestServer;
  readonly password: DerivedPassword;
  readonly clients: SyncClient[];
} {
  const suite = { clients: [] as SyncClient[] } as {
    server: TestServer;
    password: DerivedPassword;
    clients: SyncClient[];
  };
  let databases: Databases | undefined;
  beforeAll(async () => {
    databases = new Databases();
    suite.server = await startServer({ backend: 'sqlite', databases });
    suite.password = await derivePassword(passwordLabel);
  }, 60_000);
  afterEach(async () => {
    await Promise.all(suite.clients.splice(0).map((client) => client.destroy()));
  });
  afterAll(async () => {
    await suite.server?.stop();
    await databases?.stop();
  });
  return suite;
}
