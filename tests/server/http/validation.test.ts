import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../lib/api/client';
import { ENDPOINTS, type EndpointName } from '../../../lib/api/endpoints';
import { DEFAULT_BODY_MAX_BYTES } from '../../../lib/api/limits';
import { isProblemCode } from '../../../lib/api/problem-codes';
import { BACKENDS, Databases, startServer, type TestServer } from './harness';
import { derivePassword, TestUser, uniqueEmail } from './test-user';

/**
 * Strict request validation over real HTTP: bad JSON, wrong types, unknown fields, oversized bodies and values
 * are 4xx problems naming the field, and nothing is written. Then fast-check throws arbitrary and mutated bodies
 * at every endpoint: never a 5xx, always a problem document with a known code, never a write.
 */
const databases = new Databases();
afterAll(() => databases.stop());

describe.each(BACKENDS)('request validation (%s)', (backend) => {
  let server: TestServer;
  let session: ApiClient;
  let user: TestUser;
  beforeAll(async () => {
    server = await startServer({ backend, databases });
    user = new TestUser(uniqueEmail(), await derivePassword('validation suite'));
    session = (await user.signUp(server.api)).session;
  }, 60_000);
  afterAll(() => server?.stop());

  async function send(
    path: string,
    init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string>; duplex?: 'half' } = {},
  ) {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      ...init,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${session.token}`,
        ...init.headers,
      },
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: text ? JSON.parse(text) : null,
    };
  }

  /** Everything a bad request could have written: accounts by email, the test account's items and sessions. */
  async function snapshot(emails: string[]) {
    return JSON.stringify({
      accounts: await Promise.all(emails.map((e) => server.storage.getAccountByEmail(e))),
      head: await server.storage.headRevision(user.accountId),
      account: await server.storage.getAccountById(user.accountId),
      sessions: (await server.storage.listSessions(user.accountId)).map((s) => [s.id, s.revokedAt]),
    });
  }

  it.each([
    ['{"email": ', 400, 'body: not valid JSON'],
    ['[1,2,3]', 400, 'body: must be a JSON object'],
    ['"just a string"', 400, 'body: must be a JSON object'],
    ['{"email": 42}', 400, 'body.email: must be a string'],
    ['{"email": "a@example.com", "extra": true}', 400, 'body.extra: unknown field'],
    ['{"email": "a@example.com", "__proto__": {"admin": true}}', 400, 'body.__proto__: unknown field'],
    ['{}', 400, 'body.email: is required'],
    ['{"email": "not an email"}', 400, 'body.email: must be an email address'],
    [JSON.stringify({ email: `${'a'.repeat(400)}@example.com` }), 400, 'body.email: must be at most 320'],
  ])('POST /v1/prelogin %s → %i', async (body, status, detail) => {
    const answer = await send('/v1/prelogin', { body });
    expect(answer.status).toBe(status);
    expect(answer.type).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ code: 'bad-request' });
    expect(answer.body.detail).toContain(detail);
  });

  it('refuses non-JSON media types and non-UTF-8 bodies', async () => {
    const plain = await send('/v1/reset/start', {
      body: '{"email":"a@example.com"}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain).toMatchObject({ status: 415, body: { code: 'unsupported-media-type' } });
    const latin1 = await send('/v1/prelogin', {
      body: Buffer.from('{"email":"\xe9@example.com"}', 'latin1'),
    });
    expect(latin1).toMatchObject({
      status: 400,
      body: { code: 'bad-request', detail: 'body: not valid UTF-8' },
    });
  });

  it('refuses a body over 64 KiB (413) by Content-Length and while streaming, before parsing it', async () => {
    const email = uniqueEmail();
    const huge = JSON.stringify({ email, registrationRequest: 'A'.repeat(DEFAULT_BODY_MAX_BYTES) });
    const declared = await send('/v1/signup/start', { body: huge });
    expect(declared).toMatchObject({ status: 413, body: { code: 'payload-too-large' } });

    // Chunked (no Content-Length): the running count stops it.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(8 * 1024).fill(0x20));
        controller.close();
      },
    });
    const chunked = await send('/v1/prelogin', { body: stream, duplex: 'half' });
    expect(chunked).toMatchObject({ status: 413, body: { code: 'payload-too-large' } });
    expect(await server.storage.getAccountByEmail(email)).toBeNull();
  });

  it('writes nothing when a sign-up finish or a password change is invalid', async () => {
    const other = new TestUser(uniqueEmail(), user.credentials);
    const { signupId, registrationRecord } = await other.startSignUp(server.api);
    const before = await snapshot([other.email]);
    const keyset = await other.keyset();
    const { accountKeyForDevices, ...withoutBox } = keyset;
    const badBoxes = [
      withoutBox,
      { ...keyset, accountKeyForDevices: null },
      { ...keyset, accountKeyForDevices: accountKeyForDevices.slice(0, 40) },
      { ...keyset, accountKeyForDevices: `${accountKeyForDevices.slice(1)}=` },
      { ...keyset, accountKeyForDevices: 'A'.repeat(1000) },
    ];
    const bad = [
      ...badBoxes.map((badKeyset) => ({ signupId, registrationRecord, keyset: badKeyset, deviceName: 'x' })),
      { signupId, registrationRecord, keyset: { ...keyset, salt: 'short' }, deviceName: 'x' },
      { signupId, registrationRecord: registrationRecord.slice(1), keyset, deviceName: 'x' },
      { signupId, registrationRecord, keyset: { ...keyset, extra: 1 }, deviceName: 'x' },
      { signupId, registrationRecord, keyset, deviceName: '' },
      { signupId, registrationRecord, keyset, deviceName: 'line\nbreak' },
      { signupId, registrationRecord, keyset, deviceName: 'x'.repeat(65) },
    ];
    for (const body of bad) {
      const answer = await send('/v1/signup/finish', { body: JSON.stringify(body) });
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    }
    const change = await send('/v1/password/finish', {
      body: JSON.stringify({
        registrationRecord,
        keyset: { ...keyset, kdf: { memoryKiB: 1024, iterations: 1, parallelism: 1 } },
        expectedEpoch: 1,
      }),
    });
    expect(change.body.detail).toContain('body.keyset.kdf.memoryKiB: must be at least 65536');
    // A password change must bring the devices' Account Key box: without it, the other devices could not
    // take the new password.
    for (const badKeyset of badBoxes) {
      const answer = await send('/v1/password/finish', {
        body: JSON.stringify({ registrationRecord, keyset: badKeyset, expectedEpoch: 1 }),
      });
      expect(answer, JSON.stringify(badKeyset)).toMatchObject({ status: 400, body: { code: 'bad-request' } });
      expect(answer.body.detail).toContain('body.keyset.accountKeyForDevices');
    }
    expect(await snapshot([other.email])).toBe(before);
    // The sign-up itself is still pending and can finish with a valid body.
    await server.api.call('signupFinish', {
      body: { signupId, registrationRecord, keyset, deviceName: 'x' },
    });
  });

  it('fuzz: arbitrary and mutated bodies on every endpoint never give a 5xx, a non-problem, or a write', async () => {
    const bodyEndpoints = (Object.keys(ENDPOINTS) as EndpointName[]).filter(
      (name) => 'body' in ENDPOINTS[name],
    );
    const fakeEmail = uniqueEmail('fuzz');
    const valid: Record<string, unknown> = {
      email: fakeEmail,
      registrationRequest: 'A'.repeat(43),
      startLoginRequest: 'A'.repeat(128),
      signupId: randomUUID(),
      loginId: randomUUID(),
      // Based on a revision the item never had: even when a mutation leaves exactly a valid push (drop every
      // other key), the server answers a conflict and writes nothing. With baseRevision 0 such a body was a
      // genuine write, and the no-write assertion failed once in CI.
      changes: [{ id: randomUUID(), baseRevision: 1, ciphertext: 'A'.repeat(40) }],
      code: 'ABCDE-FGHJK',
      payloadText: 'LATCHKEY:0000',
    };
    const mutated = fc
      .record({
        drop: fc.subarray(Object.keys(valid)),
        add: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
        replace: fc.dictionary(fc.constantFrom(...Object.keys(valid)), fc.jsonValue({ maxDepth: 2 }), {
          maxKeys: 2,
        }),
      })
      .map(({ drop, add, replace }) => {
        const body: Record<string, unknown> = { ...add, ...valid, ...replace };
        for (const key of drop) delete body[key];
        return JSON.stringify(body);
      });
    const arbitraryBody = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
      fc.string({ maxLength: 200 }),
      mutated,
    );
    const before = await snapshot([fakeEmail]);
    // The one mutation that leaves a valid push (every other key dropped) is answered, as a conflict.
    const onlyPush = await send(ENDPOINTS.push.path, {
      method: ENDPOINTS.push.method,
      body: JSON.stringify({ changes: valid.changes }),
    });
    expect(onlyPush.status).toBe(200);
    expect(onlyPush.body.outcomes[0].status).toBe('conflict');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bodyEndpoints), arbitraryBody, async (name, body) => {
        const def = ENDPOINTS[name];
        const answer = await send(def.path, { method: def.method, body });
        expect(answer.status, `${name} ${body}`).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(answer.type).toBe('application/problem+json');
          expect(isProblemCode(answer.body.code)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
    await server.lifecycle.idle();
    expect(await snapshot([fakeEmail])).toBe(before);
  });
});
