import { expect, test } from 'vitest';
import { qrModules } from '../../../../lib/qr/make';

const inBrowser = typeof window !== 'undefined';

test.runIf(inBrowser)('decodeQrImage runs in a dedicated module Worker, zxing-cpp and all', async () => {
  const text = 'LK1' + 'ONSWG4TFOQ'.repeat(16);
  const { size, dark } = qrModules(text);
  const scale = 3;
  const side = (size + 8) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const [mx, my] = [Math.floor(x / scale) - 4, Math.floor(y / scale) - 4];
      if (mx >= 0 && my >= 0 && mx < size && my < size && dark(mx, my))
        data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  const worker = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
  try {
    const reply = new Promise<{ zxing?: boolean; text?: string | null; error?: string }>(
      (resolve, reject) => {
        worker.onmessage = (event) =>
          resolve(event.data as { zxing?: boolean; text?: string | null; error?: string });
        worker.onerror = (event) => reject(new Error(event.message));
      },
    );
    worker.postMessage({ data, width: side, height: side }, [data.buffer]);
    expect(await reply).toEqual({ zxing: true, text });
  } finally {
    worker.terminate();
  }
});
