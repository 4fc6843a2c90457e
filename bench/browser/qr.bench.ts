import { readBarcodes } from 'zxing-wasm/reader';
import { median, timeRuns, type Benchmark, type Figure } from '../harness/types';
import { decodeQrImage } from '../../lib/qr/decode';
import { qrModules } from '../../lib/qr/make';
import type { RgbaImage } from '../../lib/qr/rgba-image';
import { loadZxing } from '../../lib/qr/zxing-reader';
import { CATEGORIES, phonePhoto12mp, photoSet, Rng } from '../../tests/lib/qr/photo-set';

/**
 * QR decoding in real Chromium (DESIGN.md §7: a 12 MP photo in ≤ 100 ms; read real photos at least as often
 * as zxing-cpp). The zxing-cpp .wasm is loaded through lib/qr/zxing-wasm-location.ts, i.e. a Vite-style
 * `zxing-wasm/reader/zxing_reader.wasm?url` import: the bundler running this file must serve that URL.
 */

const RATE_CASES_PER_CATEGORY = 4;

/** A kit-like payload drawn at 4 px per module with its quiet zone, as an uploaded PNG or screenshot holds it. */
function smallRender(): { image: RgbaImage; text: string } {
  const text = 'LK1' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.repeat(6);
  const { size, dark } = qrModules(text);
  const scale = 4;
  const side = (size + 8) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const [mx, my] = [Math.floor(x / scale) - 4, Math.floor(y / scale) - 4];
      if (mx >= 0 && my >= 0 && mx < size && my < size && dark(mx, my))
        data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return { image: { data, width: side, height: side }, text };
}

async function timed(name: string, image: RgbaImage, expected: string | null, runs: number): Promise<Figure> {
  await loadZxing(); // module instantiation is a one-time cost, not part of a decode
  let result: string | null = null;
  const times = await timeRuns(async () => {
    result = await decodeQrImage(image);
  }, runs);
  if (result !== expected)
    throw new Error(`${name}: decoded ${String(result)}, expected ${String(expected)}`);
  return {
    name,
    value: Math.round(median(times) * 10) / 10,
    unit: 'ms',
    pixels: image.width * image.height,
    size: `${image.width}x${image.height}`,
    runs,
    min: Math.round(Math.min(...times) * 10) / 10,
    max: Math.round(Math.max(...times) * 10) / 10,
  };
}

async function zxingAlone(image: RgbaImage): Promise<string | null> {
  const results = await readBarcodes(image as unknown as ImageData, { formats: ['QRCode'] });
  return results.find((result) => result.isValid)?.text ?? null;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'qr.decode.small.ms',
    run: async () => {
      const { image, text } = smallRender();
      return timed('qr.decode.small.ms', image, text, 30);
    },
  },
  {
    name: 'qr.12mp.ms',
    run: async () => {
      const { image, expected } = phonePhoto12mp(new Rng(12), true);
      return { ...(await timed('qr.12mp.ms', image, expected, 9)), budget: 100 };
    },
  },
  {
    name: 'qr.noqr.12mp.ms',
    run: async () => {
      const { image } = phonePhoto12mp(new Rng(13), false);
      return timed('qr.noqr.12mp.ms', image, null, 5);
    },
  },
  {
    name: 'qr.decode.rate',
    run: async () => {
      await loadZxing();
      const perCategory: Record<string, { ours: number; zxing: number; cases: number; ms: number[] }> = {};
      let [positives, ours, zxing, falsePositives] = [0, 0, 0, 0];
      for (const photoCase of photoSet({ perCategory: RATE_CASES_PER_CATEGORY })) {
        const { image, expected } = photoCase.make();
        const start = performance.now();
        const got = await decodeQrImage(image);
        const ms = performance.now() - start;
        const reference = await zxingAlone(image);
        const row = (perCategory[photoCase.category] ??= { ours: 0, zxing: 0, cases: 0, ms: [] });
        row.cases++;
        row.ms.push(ms);
        if (expected === null) {
          if (got !== null) falsePositives++;
          if (got === null) row.ours++;
          if (reference === null) row.zxing++;
          continue;
        }
        positives++;
        if (got === expected) {
          ours++;
          row.ours++;
        }
        if (reference === expected) {
          zxing++;
          row.zxing++;
        }
      }
      const categories = Object.fromEntries(
        CATEGORIES.map((category) => {
          const row = perCategory[category]!;
          return [
            category,
            `${row.ours}/${row.cases} (zxing-cpp alone ${row.zxing}/${row.cases}), median ${Math.round(median(row.ms))} ms`,
          ];
        }),
      );
      return {
        name: 'qr.decode.rate',
        value: Math.round((1000 * ours) / positives) / 10,
        unit: '%',
        zxingAloneRate: Math.round((1000 * zxing) / positives) / 10,
        positives,
        falsePositives,
        casesPerCategory: RATE_CASES_PER_CATEGORY,
        categories,
      };
    },
  },
];
