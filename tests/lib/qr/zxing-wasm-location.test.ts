import { describe, expect, test } from 'vitest';
import { zxingWasmOverrides } from '../../../lib/qr/zxing-wasm-location';
import { loadZxing } from '../../../lib/qr/zxing-reader';

const inBrowser = typeof window !== 'undefined';

describe('zxing-cpp WebAssembly location', () => {
  test.runIf(!inBrowser)(
    'in Node, the binary is read from node_modules and handed over (no URL at all)',
    async () => {
      const overrides = await zxingWasmOverrides();
      expect(overrides.locateFile).toBeUndefined();
      const binary = overrides.wasmBinary as ArrayBuffer;
      expect(binary.byteLength).toBeGreaterThan(500_000);
      // "\0asm" magic number of a WebAssembly module.
      expect([...new Uint8Array(binary, 0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
    },
  );

  test.runIf(inBrowser)('in a browser, the .wasm is a same-origin asset, never the CDN', async () => {
    const overrides = await zxingWasmOverrides();
    const url = new URL(overrides.locateFile!('zxing_reader.wasm', ''), location.href);
    expect(url.origin).toBe(location.origin);
    expect(url.pathname).toMatch(/zxing_reader.*\.wasm$/);
  });

  test('the module loads, and nothing was fetched from another origin', async () => {
    expect(await loadZxing()).toBe(true);
    if (inBrowser) {
      const foreign = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => new URL(name).origin !== location.origin);
      expect(foreign).toEqual([]);
    }
  });
});
