import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import type { RgbaImage } from './rgba-image';
import { zxingWasmOverrides } from './zxing-wasm-location';

/**
 * zxing-cpp (WebAssembly) as a QR reader. Loaded lazily on first use, once per realm (page, Worker, Node
 * process); the ~0.9 MB module compiles in tens of milliseconds and is then reused.
 */

let loading: Promise<boolean> | undefined;

/**
 * Resolves true once the module is ready, false if it could not be loaded (for example a build that forgot
 * to ship the .wasm). The decoder then carries on with jsQR alone rather than failing every scan; tests
 * assert that this resolves true in Node and in Chromium, so a broken build does not go unnoticed.
 */
export function loadZxing(): Promise<boolean> {
  loading ??= (async () => {
    try {
      await prepareZXingModule({ overrides: await zxingWasmOverrides(), fireImmediately: true });
      return true;
    } catch (error) {
      console.error('lib/qr: zxing-cpp could not be loaded; decoding with jsQR only', error);
      return false;
    }
  })();
  return loading;
}

/**
 * Options for one zxing-cpp pass. QR only (other formats cost time and can only produce false reads);
 * tryHarder, tryInvert and tryDownscale are zxing's defaults and earn their cost on photos; tryRotate only
 * concerns linear barcodes (a QR's finder patterns are rotation invariant), so it is off.
 */
const BASE_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  maxNumberOfSymbols: 1,
  tryHarder: true,
  tryRotate: false,
  tryInvert: true,
  tryDownscale: true,
  textMode: 'Plain',
};

/** Extra knobs a caller may vary between passes (binarizer, zxing's own internal downscaling). */
export type ZxingPassOptions = Pick<
  ReaderOptions,
  'binarizer' | 'tryDownscale' | 'downscaleThreshold' | 'tryDenoise'
>;

/** Reads one QR code with zxing-cpp; null when none is found or the module is unavailable. */
export async function readWithZxing(image: RgbaImage, pass: ZxingPassOptions = {}): Promise<string | null> {
  if (!(await loadZxing())) return null;
  const results = await readBarcodes(
    { data: image.data, width: image.width, height: image.height } as ImageData,
    { ...BASE_OPTIONS, ...pass },
  );
  const found = results.find((result) => result.isValid && result.text.length > 0);
  return found ? found.text : null;
}
