import { decodeQrImage } from '../../../../lib/qr/decode';
import type { RgbaImage } from '../../../../lib/qr/rgba-image';
import { loadZxing } from '../../../../lib/qr/zxing-reader';

// A dedicated Worker that decodes what it is sent: the shape of the extension's off-thread wrapper, used by
// decode-in-worker.test.ts to check that the decoder and its WebAssembly load inside a Worker.
self.onmessage = async (event: MessageEvent<RgbaImage>) => {
  try {
    self.postMessage({ zxing: await loadZxing(), text: await decodeQrImage(event.data) });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
