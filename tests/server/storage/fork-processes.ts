import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs a TypeScript entry in several child processes (`node --import tsx`, with IPC) and starts them together:
 * each child sends `{ type: 'ready' }` when set up; once all are ready, each gets the `go` message; each
 * answers `{ type: 'done', result }`. For SQLite tests, where only separate processes really overlap
 * (better-sqlite3 is synchronous), as separate server processes sharing one file would.
 */
/** tsx's loader by absolute URL, so the children do not depend on the working directory. */
export const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export type ChildMessage<T> = { type: 'ready' } | { type: 'done'; result: T };

export async function runInProcesses<T>(entry: URL, argvs: string[][], go: () => unknown): Promise<T[]> {
  const children: ChildProcess[] = [];
  try {
    const started = argvs.map((argv) => {
      const child = fork(fileURLToPath(entry), argv, {
        execArgv: ['--import', TSX_LOADER],
        stdio: 'inherit',
      });
      children.push(child);
      // 'close' comes after the IPC channel has delivered everything ('exit' may come before).
      const closed = new Promise<never>((_, reject) =>
        child.once('close', (code) =>
          reject(new Error(`${entry.pathname} exited (${code}) before it was done`)),
        ),
      );
      const message = (type: 'ready' | 'done') =>
        Promise.race([
          closed,
          new Promise<ChildMessage<T>>((resolve) =>
            child.on('message', (m: ChildMessage<T>) => m.type === type && resolve(m)),
          ),
        ]);
      return { child, ready: message('ready'), done: message('done') };
    });
    await Promise.all(started.map((s) => s.ready));
    const payload = go();
    for (const { child } of started) child.send(payload as object);
    const results = await Promise.all(started.map((s) => s.done));
    return results.map((m) => (m as { result: T }).result);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

/** The child's side: announce readiness, wait for `go`, run, report, and let the process end. */
export function childProcessMain<G, T>(run: (go: G) => Promise<T>): void {
  const send = (message: ChildMessage<T>, then?: () => void) => process.send?.(message, undefined, {}, then);
  process.once('message', (go: G) => {
    void run(go).then(
      (result) => send({ type: 'done', result }, () => process.disconnect?.()),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
  send({ type: 'ready' });
}
