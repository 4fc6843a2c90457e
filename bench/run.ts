import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBrowserFiles } from './harness/browser-runner';
import { describeError, figureLine } from './harness/figures';
import { runNodeFiles } from './harness/node-runner';
import type { RunOptions } from './harness/run-options';

/**
 * The benchmark runner behind `npm run bench` (see bench/harness/types.ts for what a bench file exports).
 *
 *   npm run bench                     every benchmark: bench/node/*.bench.ts in Node, bench/browser/*.bench.ts
 *                                     in real Chromium (bundled with Vite, served from 127.0.0.1)
 *   npm run bench -- <text>           only benchmarks whose name contains <text>
 *   npm run bench -- --list [text]    list them (stderr) without running
 *   npm run bench -- --timeout 300    per-benchmark time limit in seconds (default 120)
 *
 * stdout carries one JSON figure per line and nothing else; progress and errors go to stderr. The exit code
 * is non-zero when a benchmark throws, times out or returns something that is not a figure, when a bench
 * file fails to load, or when nothing matches <text>.
 */

const USAGE = 'usage: npm run bench -- [--list] [--timeout <seconds>] [text]';

// stdout belongs to the figures: anything else that would print there (Vite, a benchmark's console.log in
// this process) is sent to stderr.
console.log = console.info = console.debug = console.error.bind(console);

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

function benchFiles(dir: string): string[] {
  const full = join(root, 'bench', dir);
  try {
    return readdirSync(full)
      .filter((name) => name.endsWith('.bench.ts'))
      .sort()
      .map((name) => join(full, name));
  } catch {
    return [];
  }
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { list: { type: 'boolean', default: false }, timeout: { type: 'string', default: '120' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const timeoutSeconds = Number(args.values.timeout);
  if (!(timeoutSeconds > 0)) {
    console.error(`--timeout must be a positive number of seconds\n${USAGE}`);
    return 2;
  }
  const filter = args.positionals.join(' ');
  const options: RunOptions = {
    filter,
    listOnly: args.values.list,
    timeoutMs: timeoutSeconds * 1000,
    report: (figure, where) => process.stdout.write(figureLine(figure, where) + '\n'),
    log: (message) => process.stderr.write(message + '\n'),
  };

  const started = performance.now();
  const node = await runNodeFiles(benchFiles('node'), root, options);
  const browser = await runBrowserFiles(benchFiles('browser'), root, options).catch((error: unknown) => {
    // Chromium missing or failing to start, the loopback server failing: nothing in Chromium could run.
    options.log(`bench: the Chromium run failed: ${describeError(error)}`);
    return { names: [], selected: [], failures: ['chromium'] };
  });

  const names = [...node.names, ...browser.names];
  const selected = [...node.selected, ...browser.selected];
  const failures = [...node.failures, ...browser.failures];
  const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
  if (duplicates.length > 0) {
    options.log(`bench: benchmark names must be unique; repeated: ${[...new Set(duplicates)].join(', ')}`);
    failures.push(...duplicates);
  }
  if (selected.length === 0 && failures.length === 0) {
    options.log(
      `bench: no benchmark name contains "${filter}". The benchmarks are:\n  ${names.join('\n  ')}`,
    );
    return 1;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failures.length > 0) {
    options.log(`bench: ${failures.length} failed (${failures.join(', ')}) in ${seconds} s`);
    return 1;
  }
  if (!options.listOnly) options.log(`bench: ${selected.length} benchmark(s) ran in ${seconds} s`);
  return 0;
}

// Exit explicitly: a benchmark that leaked a timer or socket must not keep the runner alive.
process.exit(await main());
