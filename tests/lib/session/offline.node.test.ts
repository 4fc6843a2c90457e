import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Databases, startServer, type TestServer } from '../../server/http/harness';
import { strongPassword, takeRouterLogs, TestBrowser, uniqueEmail } from './background-harness';

/**
 * The vault must open without the server (DESIGN §1: offline use). The server is really gone here: stopped,
 * or replaced by a listener that accepts connections and never answers (a hung proxy), which the unlock's
 * time limit must cut short.
 */

let databases: Databases;
let server: TestServer;
let port: number;

beforeAll(async () => {
  databases = new Databases();
  server = await startServer({ backend: 'sqlite', databases });
  port = Number(new URL(server.baseUrl).port);
});
// A handler that threw answered 'internal' and hid a bug: no test may end with one.
afterEach(() => {
  expect(takeRouterLogs()).toEqual([]);
});
afterAll(async () => {
  await server?.stop().catch(() => undefined);
  await databases?.stop();
});

/** Takes the stopped server's port and never answers on it. */
async function hangOn(listenPort: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const hung: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    hung.once('error', reject);
    hung.listen(listenPort, '127.0.0.1', () => resolve());
  });
  expect((hung.address() as AddressInfo).port).toBe(listenPort);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        hung.close(() => resolve());
      }),
  };
}

describe('without the server', () => {
  test('unlock works when the server is down, and when it hangs it waits only the time limit', async () => {
    const browser = new TestBrowser({
      deviceName: 'offline',
      unlockCheckTimeLimitMs: 400,
      serverTimeLimitMs: 10_000,
    });
    const password = strongPassword();
    await browser.ok('account.signUp', {
      serverUrl: server.baseUrl,
      email: uniqueEmail('offline'),
      password,
      emailKit: false,
    });
    await browser.ok('lock', {});
    await server.stop();

    // Connection refused.
    expect((await browser.ok('unlock', { password })).phase).toBe('unlocked');
    await browser.ok('lock', {});
    // A wrong password is still wrong, offline (pre-login cannot be asked; the local keys say no).
    expect(await browser.fails('unlock', { password: 'not the password' })).toEqual({
      code: 'wrong-password',
      message: 'Incorrect password',
    });

    // Connection accepted, no answer.
    const hung = await hangOn(port);
    try {
      const started = performance.now();
      expect((await browser.ok('unlock', { password })).phase).toBe('unlocked');
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(400 + 3_000); // the limit, plus one Argon2id and slack for a busy machine
      expect(elapsed).toBeGreaterThanOrEqual(400);

      // Server actions give up after the server time limit, say plainly that the server cannot be reached,
      // and change nothing.
      const listing = performance.now();
      const error = await browser.fails('devices.list', {});
      expect(error.code).toBe('network');
      expect(performance.now() - listing).toBeGreaterThanOrEqual(10_000);
      expect(await browser.phase()).toBe('unlocked');
    } finally {
      await hung.close();
    }
  }, 60_000);
});
