import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BenchmarkFailure, describeError, parseFigures } from './figures';
import type { ChildMessage, RunRequest } from './node-child';
import { emptyOutcome, type RunOptions, type RunOutcome } from './run-options';
import { withTimeLimit } from './time-limit';
import type { Figure } from './types';

const CHILD = fileURLToPath(new URL('./node-child.ts', import.meta.url));

/** A forked node-child.ts running one bench file. */
class BenchProcess {
  private readonly child: ChildProcess;
  private readonly messages: ChildMessage[] = [];
  private waiter: (() => void) | undefined;
  private exited: string | undefined;

  constructor(
    private readonly file: string,
    cwd: string,
  ) {
    // stdout and stderr of the child both go to our stderr (fd 2): stdout carries only figures.
    this.child = fork(CHILD, [file], { cwd, execArgv: ['--import', 'tsx'], stdio: ['ignore', 2, 2, 'ipc'] });
    this.child.on('message', (message: ChildMessage) => {
      this.messages.push(message);
      this.waiter?.();
    });
    this.child.on('exit', (code, signal) => {
      this.exited = signal ? `killed by ${signal}` : `exited with code ${code}`;
      this.waiter?.();
    });
    this.child.on('error', (error) => {
      this.exited = describeError(error);
      this.waiter?.();
    });
  }

  private async next(): Promise<ChildMessage> {
    for (;;) {
      const message = this.messages.shift();
      if (message) return message;
      if (this.exited) throw new Error(`the process running ${this.file} ${this.exited}`);
      await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = undefined;
    }
  }

  async names(): Promise<string[]> {
    const message = await this.next();
    if (message.type === 'names') return message.names;
    if (message.type === 'load-error') throw new BenchmarkFailure(message.error);
    throw new Error(`unexpected message ${message.type} while loading ${this.file}`);
  }

  async run(name: string): Promise<Figure[]> {
    this.child.send({ type: 'run', name } satisfies RunRequest);
    const message = await this.next();
    if (message.type === 'error' && message.name === name) throw new BenchmarkFailure(message.error);
    if (message.type !== 'result' || message.name !== name) {
      throw new Error(`unexpected message ${message.type} while running ${name}`);
    }
    try {
      return parseFigures(name, message.figures);
    } catch (error) {
      throw new BenchmarkFailure(String(error));
    }
  }

  /** Lets the child exit on its own (its IPC channel closes); kills it if something keeps it alive. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.disconnect();
    await withTimeLimit(exited, 2_000, 'exit').catch(() => this.kill());
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

/** Runs the selected benchmarks of each Node bench file, one child process per file. */
export async function runNodeFiles(
  files: readonly string[],
  root: string,
  options: RunOptions,
): Promise<RunOutcome> {
  const outcome = emptyOutcome();
  for (const file of files) {
    const relative = file.slice(root.length + 1);
    let bench: BenchProcess | undefined = new BenchProcess(file, root);
    let names: string[];
    try {
      names = await withTimeLimit(bench.names(), options.timeoutMs, `loading ${relative}`);
    } catch (error) {
      bench.kill();
      options.log(`bench: ${relative} failed to load: ${describeError(error)}`);
      outcome.failures.push(relative);
      continue;
    }
    outcome.names.push(...names);
    const selected = names.filter((name) => name.includes(options.filter));
    outcome.selected.push(...selected);
    if (options.listOnly) selected.forEach((name) => options.log(`${name}  (node, ${relative})`));
    for (const name of options.listOnly ? [] : selected) {
      options.log(`bench: ${name} (node) …`);
      const started = performance.now();
      try {
        if (!bench) {
          // The previous benchmark hung or crashed its process: a fresh one runs the rest of the file.
          bench = new BenchProcess(file, root);
          await withTimeLimit(bench.names(), options.timeoutMs, `reloading ${relative}`);
        }
        const figures = await withTimeLimit(bench.run(name), options.timeoutMs, name);
        figures.forEach((figure) => options.report(figure, 'node'));
        options.log(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        outcome.failures.push(name);
        options.log(`bench: ${name} FAILED (node): ${describeError(error)}`);
        if (!(error instanceof BenchmarkFailure) || !bench?.alive) {
          bench?.kill();
          bench = undefined;
        }
      }
    }
    await bench?.close();
  }
  return outcome;
}
