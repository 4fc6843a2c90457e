import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../lib/api/client';
import { ITEM_CIPHERTEXT_MAX_BYTES, PUSH_BODY_MAX_BYTES, PUSH_MAX_CHANGES } from '../../../lib/api/limits';
import { BACKENDS, Databases, startServer, type TestServer } from './harness';
import { apiError, derivePassword, TestUser, uniqueEmail, type DerivedPassword } from './test-user';

/** Sync over real HTTP: revisions, conflicts, tombstones, paging, and the size limits (DESIGN §4). */
const databases = new Databases();
let password: DerivedPassword;

beforeAll(async () => {
  password = await derivePassword('items suite password');
});
afterAll(() => databases.stop());

const box = (fill: number, bytes = 100): string => Buffer.alloc(bytes, fill).toString('base64url');

describe.each(BACKENDS)('items over HTTP (%s)', (backend) => {
  let server: TestServer;
  let alice: ApiClient;
  let aliceId: string;
  beforeAll(async () => {
    server = await startServer({ backend, databases });
    const user = new TestUser(uniqueEmail('alice'), password);
    alice = (await user.signUp(server.api)).session;
    aliceId = user.accountId;
  }, 60_000);
  afterAll(() => server?.stop());

  it('pushes, pulls, reports conflicts with the server version, and keeps tombstones', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const head0 = (await alice.call('pull', { query: {} })).headRevision;
    const first = await alice.call('push', {
      body: {
        changes: [
          { id: a, baseRevision: 0, ciphertext: box(1) },
          { id: b, baseRevision: 0, ciphertext: box(2) },
        ],
      },
    });
    expect(first.outcomes).toEqual([
      { id: a, status: 'accepted', revision: head0 + 1 },
      { id: b, status: 'accepted', revision: head0 + 2 },
    ]);
    expect(first.headRevision).toBe(head0 + 2);

    // A second device edits `a` from the same base: conflict, with the server's current version.
    const stale = await alice.call('push', {
      body: { changes: [{ id: a, baseRevision: 0, ciphertext: box(9) }] },
    });
    expect(stale.outcomes[0]).toMatchObject({
      id: a,
      status: 'conflict',
      current: { id: a, revision: head0 + 1, ciphertext: box(1), deleted: false },
    });
    expect(stale.headRevision).toBe(head0 + 2);

    const deleted = await alice.call('push', {
      body: { changes: [{ id: b, baseRevision: head0 + 2, deleted: true }] },
    });
    expect(deleted.outcomes[0]).toEqual({ id: b, status: 'accepted', revision: head0 + 3 });

    const pulled = await alice.call('pull', { query: { since: head0 } });
    expect(pulled.hasMore).toBe(false);
    expect(pulled.headRevision).toBe(head0 + 3);
    expect(pulled.items.map((i) => [i.id, i.revision, i.ciphertext, i.deleted])).toEqual([
      [a, head0 + 1, box(1), false],
      [b, head0 + 3, null, true],
    ]);
    expect(pulled.items[0]?.updatedAt).toBeInstanceOf(Date);
    expect((await alice.call('account')).revision).toBe(head0 + 3);
  });

  it('answers an up-to-date pull with no items, and pages with hasMore', async () => {
    const { headRevision } = await alice.call('pull', { query: {} });
    expect(await alice.call('pull', { query: { since: headRevision } })).toEqual({
      items: [],
      headRevision,
      hasMore: false,
    });
    const changes = Array.from({ length: 5 }, (_, i) => ({
      id: randomUUID(),
      baseRevision: 0,
      ciphertext: box(i),
    }));
    await alice.call('push', { body: { changes } });
    const page1 = await alice.call('pull', { query: { since: headRevision, limit: 3 } });
    expect(page1.items).toHaveLength(3);
    expect(page1.hasMore).toBe(true);
    const page2 = await alice.call('pull', { query: { since: page1.items.at(-1)!.revision, limit: 3 } });
    expect(page2.items.map((i) => i.id)).toEqual(changes.slice(3).map((c) => c.id));
    expect(page2.hasMore).toBe(false);
  });

  it('keeps accounts apart', async () => {
    const bob = (await new TestUser(uniqueEmail('bob'), password).signUp(server.api)).session;
    expect(await bob.call('pull', { query: {} })).toEqual({ items: [], headRevision: 0, hasMore: false });
    // Bob "creating" an id Alice uses makes a separate item in Bob's account.
    const aliceItem = (await alice.call('pull', { query: {} })).items[0]!;
    const outcome = await bob.call('push', {
      body: { changes: [{ id: aliceItem.id, baseRevision: 0, ciphertext: box(7) }] },
    });
    expect(outcome.outcomes[0]).toMatchObject({ status: 'accepted', revision: 1 });
    const again = (await alice.call('pull', { query: {} })).items.find((i) => i.id === aliceItem.id);
    expect(again?.ciphertext).toBe(aliceItem.ciphertext);
  });

  it('refuses bad batches with 400 naming the problem, writing nothing', async () => {
    const head = await server.storage.headRevision(aliceId);
    const id = randomUUID();
    const cases: [unknown, string][] = [
      [
        { changes: [{ id, baseRevision: 0, ciphertext: box(1), deleted: true }] },
        'body.changes.0: must have exactly one',
      ],
      [{ changes: [{ id, baseRevision: 0 }] }, 'body.changes.0: must have exactly one'],
      [{ changes: [{ id, baseRevision: 0, deleted: false }] }, 'body.changes.0.deleted'],
      [{ changes: [{ id: 'ITEM-1', baseRevision: 0, ciphertext: box(1) }] }, 'body.changes.0.id'],
      [{ changes: [{ id, baseRevision: -1, ciphertext: box(1) }] }, 'body.changes.0.baseRevision'],
      [{ changes: [{ id, baseRevision: 0.5, ciphertext: box(1) }] }, 'body.changes.0.baseRevision'],
      [{ changes: [{ id, baseRevision: 0, ciphertext: 'not base64url!' }] }, 'body.changes.0.ciphertext'],
      [
        { changes: [{ id, baseRevision: 0, ciphertext: box(1, ITEM_CIPHERTEXT_MAX_BYTES + 1) }] },
        'body.changes.0.ciphertext',
      ],
      [
        {
          changes: [
            { id, baseRevision: 0, ciphertext: box(1) },
            { id, baseRevision: 0, ciphertext: box(2) },
          ],
        },
        'body.changes: has an item id twice',
      ],
      [
        {
          changes: Array.from({ length: PUSH_MAX_CHANGES + 1 }, () => ({
            id: randomUUID(),
            baseRevision: 0,
            deleted: true,
          })),
        },
        'body.changes: must have at most 500',
      ],
      [{ changes: [] }, 'body.changes: must not be empty'],
    ];
    for (const [body, detail] of cases) {
      const error = await apiError(alice.call('push', { body: body as never }));
      expect(error, JSON.stringify(body).slice(0, 80)).toMatchObject({ status: 400, code: 'bad-request' });
      expect(error.detail).toContain(detail);
    }
    // A ciphertext of exactly the limit is fine.
    const big = await alice.call('push', {
      body: {
        changes: [{ id: randomUUID(), baseRevision: 0, ciphertext: box(5, ITEM_CIPHERTEXT_MAX_BYTES) }],
      },
    });
    expect(big.outcomes[0]?.status).toBe('accepted');
    expect(await server.storage.headRevision(aliceId)).toBe(head + 1);
  });

  it('takes a push body up to 8 MiB and refuses a larger one before parsing it (413)', async () => {
    const head = await server.storage.headRevision(aliceId);
    // 100 items of 60 KiB: ~8 MB of base64url, under the limit.
    const changes = Array.from({ length: 100 }, () => ({
      id: randomUUID(),
      baseRevision: 0,
      ciphertext: box(6, 60 * 1024),
    }));
    const body = JSON.stringify({ changes });
    expect(body.length).toBeLessThan(PUSH_BODY_MAX_BYTES);
    expect((await alice.call('push', { body: { changes } })).outcomes).toHaveLength(100);

    const tooBig = JSON.stringify({
      changes: Array.from({ length: 130 }, () => ({
        id: randomUUID(),
        baseRevision: 0,
        ciphertext: box(6, 60 * 1024),
      })),
    });
    expect(tooBig.length).toBeGreaterThan(PUSH_BODY_MAX_BYTES);
    const error = await apiError(alice.call('push', { body: JSON.parse(tooBig) as never }));
    expect(error).toMatchObject({ status: 413, code: 'payload-too-large' });
    expect(await server.storage.headRevision(aliceId)).toBe(head + 100);
  });

  it('validates the pull query', async () => {
    for (const query of [{ since: -1 }, { since: '1e3' }, { limit: 0 }, { limit: 1001 }, { since: 'x' }]) {
      const error = await apiError(alice.call('pull', { query }));
      expect(error).toMatchObject({ status: 400, code: 'bad-request' });
      expect(error.detail).toMatch(/^query\.(since|limit)/);
    }
    const response = await fetch(`${server.baseUrl}/v1/items?since=1&since=2`, {
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(response.status).toBe(400);
    const unknown = await fetch(`${server.baseUrl}/v1/items?cursor=1`, {
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(((await unknown.json()) as { detail: string }).detail).toBe('query.cursor: unknown field');
  });
});
