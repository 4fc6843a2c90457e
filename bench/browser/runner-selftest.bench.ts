import zxingReaderWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { median, timeRuns, type Benchmark } from '../harness/types';

/**
 * Checks the runner itself (`npm run bench -- selftest`) in Chromium: the page is a secure context (WebCrypto
 * is there), and a Vite `?url` import of a .wasm asset (the way lib/qr loads zxing-wasm's reader) gives a URL
 * that serves the real bytes with the type WebAssembly.compileStreaming requires.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'bench.selftest.chromium.sha256-1mib',
    async run() {
      if (!isSecureContext) throw new Error('the bench page is not a secure context');
      const data = new Uint8Array(1 << 20).fill(7);
      const times = await timeRuns(() => crypto.subtle.digest('SHA-256', data), 20, 3);
      return {
        name: 'bench.selftest.chromium.sha256-1mib',
        value: round(median(times)),
        unit: 'ms',
        runs: times.length,
      };
    },
  },
  {
    name: 'bench.selftest.chromium.wasm-url',
    async run() {
      const bytes = new Uint8Array(await (await fetch(zxingReaderWasmUrl)).arrayBuffer());
      const magic = [0x00, 0x61, 0x73, 0x6d]; // "\0asm", WebAssembly binary format §5.5.16
      if (bytes.length < 100_000 || magic.some((byte, i) => bytes[i] !== byte)) {
        throw new Error(`${zxingReaderWasmUrl} did not serve the zxing reader wasm (${bytes.length} bytes)`);
      }
      const times = await timeRuns(() => WebAssembly.compileStreaming(fetch(zxingReaderWasmUrl)), 5, 1);
      return {
        name: 'bench.selftest.chromium.wasm-url',
        value: round(median(times)),
        unit: 'ms',
        what: 'fetch + compileStreaming of zxing_reader.wasm from its ?url',
        url: zxingReaderWasmUrl,
        bytes: bytes.length,
        runs: times.length,
      };
    },
  },
];

/** Two decimals: the spread between runs is larger than that. */
function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
