import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { build, type Plugin } from 'vite';

const BENCH_MODULE = fileURLToPath(new URL('./bench-module.ts', import.meta.url));
const ENTRY_PREFIX = 'latchkey-bench-entry:';

/** What the page finds after importing an entry (see `entryCode`). */
export interface PageBench {
  names: string[];
  run(name: string): Promise<unknown>;
}

/** The entry's short name: `bench/browser/qr.bench.ts` → `qr` (its bundle is `/bench-qr.js`). */
export function entryName(file: string): string {
  return basename(file).replace(/\.bench\.ts$/, '');
}

/**
 * The generated entry for one bench file: it imports the file and publishes its benchmarks on
 * `globalThis.__latchkeyBench`, where the runner's `page.evaluate` finds them.
 */
function entryCode(file: string, label: string): string {
  return [
    `import * as benchFile from ${JSON.stringify(file)};`,
    `import { benchmarksOf, runBenchmark } from ${JSON.stringify(BENCH_MODULE)};`,
    `const benchmarks = benchmarksOf(${JSON.stringify(label)}, benchFile);`,
    `globalThis.__latchkeyBench = {`,
    `  names: benchmarks.map((b) => b.name),`,
    `  run: (name) => runBenchmark(benchmarks, name),`,
    `};`,
  ].join('\n');
}

function benchEntries(files: ReadonlyMap<string, string>): Plugin {
  return {
    name: 'latchkey-bench-entries',
    resolveId: (id) => (id.startsWith(ENTRY_PREFIX) ? '\0' + id : undefined),
    load(id) {
      if (!id.startsWith('\0' + ENTRY_PREFIX)) return undefined;
      const file = files.get(id.slice(1 + ENTRY_PREFIX.length));
      return file === undefined ? undefined : entryCode(file, basename(file));
    },
  };
}

/**
 * Bundles bench files for the browser with Vite's own build (an app build, not library mode, so that
 * `import url from '…/x.wasm?url'` emits the file as an asset and yields its URL, exactly as in the
 * extension build; library mode would inline it as a data: URL). One build for all files, so shared code
 * is bundled once; each file gets the entry `/bench-<name>.js` under `outDir`.
 */
export async function bundleBrowserBenches(
  files: readonly string[],
  root: string,
  outDir: string,
  base = '/',
): Promise<void> {
  const byName = new Map(files.map((file) => [entryName(file), file]));
  await build({
    configFile: false,
    envFile: false,
    root,
    base,
    publicDir: false,
    logLevel: 'warn',
    clearScreen: false,
    mode: 'production',
    // The same aliases WXT gives the extension's code (`@/…`, `~/…`, `@@/…`, `~~/…` → the repo root).
    resolve: { alias: [{ find: /^(?:@@|~~|@|~)\//, replacement: root + '/' }] },
    plugins: [benchEntries(byName), preact()],
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // Unminified: a failing benchmark's stack then names real functions. Speed is the same.
      minify: false,
      modulePreload: false,
      // Never inline assets as data: URLs: a `?url` asset is served as a file, as the extension serves it.
      assetsInlineLimit: 0,
      copyPublicDir: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 100_000,
      rollupOptions: {
        input: Object.fromEntries([...byName.keys()].map((name) => [name, ENTRY_PREFIX + name])),
        output: {
          entryFileNames: 'bench-[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
        },
      },
    },
  });
}

/** Where `bundleBrowserBenches` put a file's entry, as a URL path. */
export function entryPath(file: string, base = '/'): string {
  return `${base}bench-${entryName(file)}.js`;
}
