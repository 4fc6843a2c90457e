import type { ZXingModuleOverrides } from 'zxing-wasm/reader';

/**
 * Where the zxing-cpp reader's .wasm comes from, in each place the decoder runs. This is the only
 * environment-specific part of lib/qr, and its one rule is: never the network. zxing-wasm's default
 * `locateFile` points at the jsDelivr CDN; these overrides replace it before the module is ever instantiated.
 *
 * - Node (tests, scripts, the server if it ever needs it): the binary is read from node_modules with `fs`,
 *   reached through `process.getBuiltinModule` (Node ≥ 20.16) so that no `node:` import appears in the
 *   browser bundle, and handed to Emscripten as `wasmBinary`.
 * - Browser page, Worker, extension: a Vite `?url` import makes the bundler copy the .wasm into the build
 *   as an asset (WXT puts it under the extension's own origin) and gives back its URL, which Emscripten then
 *   fetches from the extension itself; the CSP already allows 'wasm-unsafe-eval'. The import is dynamic so
 *   that Node, where `?url` means nothing, never evaluates it.
 */
export async function zxingWasmOverrides(): Promise<ZXingModuleOverrides> {
  const wasmBinary = readWasmInNode();
  if (wasmBinary) return { wasmBinary };
  const { default: wasmUrl } = await import('zxing-wasm/reader/zxing_reader.wasm?url');
  return { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) };
}

const WASM_SPECIFIER = 'zxing-wasm/reader/zxing_reader.wasm';

interface NodeProcess {
  getBuiltinModule?: (id: string) => unknown;
}

/** The .wasm bytes when running in Node, otherwise undefined (checked at call time, never at import). */
function readWasmInNode(): ArrayBuffer | undefined {
  const nodeProcess = (globalThis as { process?: NodeProcess }).process;
  if (typeof nodeProcess?.getBuiltinModule !== 'function') return undefined;
  const fs = nodeProcess.getBuiltinModule('node:fs') as typeof import('node:fs') | undefined;
  const nodeModule = nodeProcess.getBuiltinModule('node:module') as typeof import('node:module') | undefined;
  if (!fs || !nodeModule) return undefined;
  const path = nodeModule.createRequire(import.meta.url).resolve(WASM_SPECIFIER);
  const bytes = fs.readFileSync(path);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
