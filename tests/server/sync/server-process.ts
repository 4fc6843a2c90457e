import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { TSX_LOADER } from '../storage/fork-processes';

/**
 * server/main.ts as its own process (`node --import tsx server/main.ts`, as `npm start` runs it), for the tests
 * that kill it and for the benchmarks (where the load generator must not share the server's event loop).
 *
 * Readiness: the process is given a free port and is ready when GET /v1/health answers 200. That works at any
 * LOG_LEVEL (the "listening" line is info, and the benchmarks run at warn). The node process is the server
 * itself (no npx/tsx wrapper in between), so SIGKILL hits the server and nothing else.
 */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no shutdown of any kind. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown. Resolves with how it exited. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ServerProcessOptions {
  /** The server's settings (DATA_DIR, DATABASE_URL, LOG_LEVEL…); PORT is chosen here. */
  env: Record<string, string>;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=…']. */
  nodeArgs?: string[];
  startTimeoutMs?: number;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const proc: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', TSX_LOADER, 'server/main.ts'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        ...options.env,
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      // stdout must be read: a full pipe would block the server's event loop on its next log line.
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (gone) throw new Error(`the server exited during start-up:\n${output}`);
    const ok = await fetch(`${url}/v1/health`, { headers: { connection: 'close' } }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`the server did not answer /v1/health within the time limit:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url,
    pid: proc.pid!,
    output: () => output,
    exited,
    async kill() {
      if (!gone) proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!gone) proc.kill('SIGTERM');
      return exited;
    },
  };
}

/** A port nobody listens on right now (the server binds it a moment later; a clash fails start-up loudly). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}
