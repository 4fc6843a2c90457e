import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ApiClient } from '../../../lib/api/client';
import { loadConfig } from '../../../server/config';
import { BACKENDS, Databases, type BackendName } from './harness';
import { derivePassword, TestUser, uniqueEmail, type DerivedPassword } from './test-user';

/**
 * server/main.ts as `npm start` runs it (a child process with tsx): start-up line without secrets, settings
 * from the environment, secrets kept across restarts, graceful shutdown that lets an in-flight push finish.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const databases = new Databases();
let password: DerivedPassword;

beforeAll(async () => {
  password = await derivePassword('process suite password');
});
afterAll(() => databases.stop());

interface Running {
  proc: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(env: Record<string, string>): {
  proc: ChildProcess;
  output: () => string;
  exited: Running['exited'];
} {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { proc, output: () => output, exited };
}

async function start(env: Record<string, string>): Promise<Running> {
  const run = launch({ PORT: '0', LOG_LEVEL: 'info', ...env });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const match = /"msg":"listening","url":"(http:\/\/[^"]+)"/.exec(run.output());
    if (match?.[1]) return { ...run, url: match[1] };
    if (run.proc.exitCode !== null || Date.now() > deadline)
      throw new Error(`server did not start:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(BACKENDS)('server/main.ts as a process (%s)', (backend: BackendName) => {
  let dataDir: string;
  let env: Record<string, string>;
  let databaseUrl: string | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'latchkey-main-'));
    databaseUrl = backend === 'postgres' ? await databases.url() : undefined;
    env = { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts, logs no secrets, keeps its OPAQUE setup across restarts, and lets an in-flight push finish on SIGTERM', async () => {
    const first = await start(env);
    onTestFailed(() => console.log(`server output:\n${first.output()}`));
    const user = new TestUser(uniqueEmail(), password);
    const { session, grant } = await user.signUp(new ApiClient({ baseUrl: first.url }));
    const listening = first
      .output()
      .split('\n')
      .find((line) => line.includes('"listening"'))!;
    expect(JSON.parse(listening)).toMatchObject({ storage: backend, mail: 'outbox', opaqueSetup: 'storage' });
    if (databaseUrl) expect(first.output()).not.toContain(new URL(databaseUrl).password);

    // A push whose body is still arriving when SIGTERM comes: it must complete, then the process exits 0.
    const id = randomUUID();
    const body = JSON.stringify({ changes: [{ id, baseRevision: 0, ciphertext: 'B'.repeat(400) }] });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 50)));
        await gate;
        controller.enqueue(new TextEncoder().encode(body.slice(50)));
        controller.close();
      },
    });
    const push = fetch(`${first.url}/v1/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 200));
    first.proc.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // No new connections once shutdown began.
    await expect(fetch(`${first.url}/v1/health`, { headers: { connection: 'close' } })).rejects.toThrow();
    release();
    const answer = await push;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('connection')).toBe('close');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.output()).toMatch(/"msg":"stopped"/);

    // Restarted on the same data: the same OPAQUE setup (the login works) and the push was kept.
    const second = await start(env);
    try {
      const again = await user.logIn(new ApiClient({ baseUrl: second.url }));
      expect(again).not.toBeNull();
      const pulled = await again!.session.call('pull', { query: {} });
      expect(pulled.items.map((item) => item.id)).toEqual([id]);
      await expect(session.withToken(grant.token).call('account')).rejects.toThrow(); // first.url is gone

      // Nothing secret in the whole log: tokens, emails, ciphertexts, OPAQUE messages.
      const log = first.output() + second.output();
      for (const secret of [
        grant.token,
        again!.grant.token,
        user.email,
        'B'.repeat(400),
        user.loginSecret(),
      ]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      second.proc.kill('SIGINT');
      expect((await second.exited).code).toBe(0);
    }
  });
});

describe('configuration errors', () => {
  it('stop the process with exit code 2 and a message naming the variable (never its value)', async () => {
    const run = launch({ DATA_DIR: join(tmpdir(), 'latchkey-never-created'), PORT: 'eighty' });
    expect((await run.exited).code).toBe(2);
    expect(run.output()).toContain('PORT must be an integer from 0 to 65535');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://user:hunter2@db/latchkey' }, 'DATABASE_URL must start with postgres://'],
    [{ SMTP_URL: 'http://user:hunter2@mail' }, 'SMTP_URL must start with smtp://'],
    [
      { CORS_ORIGINS: 'https://ok.example/path' },
      'CORS_ORIGINS: "https://ok.example/path" is not an exact origin',
    ],
    [{ OPAQUE_SERVER_SETUP: 'short' }, 'OPAQUE_SERVER_SETUP must be a serialized OPAQUE server setup'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY must be true or false'],
    [{ SESSION_TTL_DAYS: '0' }, 'SESSION_TTL_DAYS must be an integer from 1 to 365'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
  ])('%j', (bad, message) => {
    expect(() => loadConfig(bad)).toThrow(message);
    try {
      loadConfig(bad);
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('has the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8787,
      dataDir: './data',
      databaseUrl: undefined,
      smtpUrl: undefined,
      mailFrom: 'Latchkey <no-reply@localhost>',
      opaqueServerSetup: undefined,
      sessionTtlDays: 30,
      corsOrigins: [],
      trustProxy: false,
      logLevel: 'info',
      rateLimitMultiplier: 1,
      shutdownGraceSeconds: 10,
    });
  });
});
