import emailPdfUrl from '../../tests/fixtures/kit-files/kit-email-printed.pdf?url';
import expectedEmail from '../../tests/fixtures/kit-files/kit-email-printed.json';
import { median, timeRuns, type Benchmark, type Figure } from '../harness/types';
import { makeKitPdf } from '../../lib/kit-files/kit-pdf';
import { NoQrFoundError } from '../../lib/kit-files/read-errors';
import { readQrFromFile } from '../../lib/kit-files/read-qr-from-file';
import { loadZxing } from '../../lib/qr/zxing-reader';
import { phonePhoto12mp, Rng } from '../../tests/lib/qr/photo-set';
import type { RgbaImage } from '../../lib/qr/rgba-image';

/**
 * Reading a QR code from the files users upload (lib/kit-files), end to end: file bytes in, text out,
 * including image decoding (createImageBitmap), canvas readback, pdf.js and lib/qr's decoder. Runs in the
 * bench page, which carries the extension's CSP (`script-src 'self' 'wasm-unsafe-eval'`): pdf.js and
 * zxing-cpp must work without eval, as in the extension. Any CSP violation in the page fails the benchmark.
 *
 *   npm run bench -- kit-files
 */

const PAYLOAD = 'LATCHKEY:' + '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.repeat(7).slice(0, 205);

const violations: string[] = [];
if (typeof document !== 'undefined') {
  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push(`${event.violatedDirective}: ${event.blockedURI || event.sample}`);
  });
}

function checkCsp(): void {
  if (violations.length > 0) throw new Error(`CSP violations: ${violations.join('; ')}`);
}

async function jpeg(image: RgbaImage): Promise<Blob> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const pixels = new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
  canvas.getContext('2d')!.putImageData(pixels, 0, 0);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
}

async function timedRead(name: string, file: Blob, expected: string | null, runs: number): Promise<Figure> {
  let result: string | null = null;
  const read = async () => {
    try {
      result = await readQrFromFile(file);
    } catch (error) {
      if (!(error instanceof NoQrFoundError)) throw error;
      result = null;
    }
  };
  // The first read pays for loading pdf.js (PDFs) or zxing-cpp: reported apart, as `first`.
  const firstStart = performance.now();
  await read();
  const first = performance.now() - firstStart;
  const times = await timeRuns(read, runs, 0);
  if (result !== expected) throw new Error(`${name}: read ${String(result)}, expected ${String(expected)}`);
  checkCsp();
  return {
    name,
    value: round(median(times)),
    unit: 'ms',
    first: round(first),
    bytes: file.size,
    runs,
    min: round(Math.min(...times)),
    max: round(Math.max(...times)),
  };
}

export const benchmarks: Benchmark[] = [
  {
    name: 'kit-files.make.kit-pdf.ms',
    run: async () => {
      const input = { payloadText: PAYLOAD, email: 'jane.doe@example.com', createdAt: new Date() };
      const times = await timeRuns(() => makeKitPdf(input), 30, 3);
      return { name: 'kit-files.make.kit-pdf.ms', value: round(median(times)), unit: 'ms', runs: 30 };
    },
  },
  {
    name: 'kit-files.read.kit-pdf.ms',
    run: async () => {
      const pdf = makeKitPdf({ payloadText: PAYLOAD, email: 'jane.doe@example.com', createdAt: new Date() });
      return timedRead('kit-files.read.kit-pdf.ms', new Blob([pdf as Uint8Array<ArrayBuffer>]), PAYLOAD, 7);
    },
  },
  {
    name: 'kit-files.read.email-pdf.ms',
    run: async () => {
      const file = await (await fetch(emailPdfUrl)).blob();
      return timedRead('kit-files.read.email-pdf.ms', file, expectedEmail.payloadText, 7);
    },
  },
  {
    name: 'kit-files.read.12mp-jpeg.ms',
    run: async () => {
      await loadZxing();
      const { image, expected } = phonePhoto12mp(new Rng(12), true);
      return {
        ...(await timedRead('kit-files.read.12mp-jpeg.ms', await jpeg(image), expected, 9)),
        size: '4000x3000',
      };
    },
  },
  {
    name: 'kit-files.read.noqr-12mp-jpeg.ms',
    run: async () => {
      await loadZxing();
      const { image } = phonePhoto12mp(new Rng(13), false);
      return {
        ...(await timedRead('kit-files.read.noqr-12mp-jpeg.ms', await jpeg(image), null, 3)),
        size: '4000x3000',
      };
    },
  },
];

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
