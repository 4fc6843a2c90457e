/**
 * Decode-rate table of lib/qr on the generated photo-like set (tests/lib/qr/photo-set), per category, for
 * three decoders: jsQR alone, zxing-cpp alone (out of the box, on the full image) and the chosen pipeline
 * (decodeQrImage). Node only; the same figures in Chromium come from bench/browser/qr.bench.ts.
 *
 *   node --import tsx scripts/qr-rate.ts [--per 24] [--seed 20261121] [--only blur,noise] [--no-jsqr]
 *   node --import tsx scripts/qr-rate.ts --ec-levels [--per 80]
 *
 * The full default set (13 categories × 24) takes ~11 minutes on the 2-core reference machine, most of it
 * generating images and waiting for jsQR on images without a QR.
 *
 * --ec-levels answers a different question, behind lib/qr/make.ts's choice of level M: the same payload
 * printed at the same physical size with each error-correction level (so higher levels have more, smaller
 * modules), photographed under the same blur, tilt, lighting, noise and JPEG; then again with a saturated
 * glare spot on the code. Counts decoded per level.
 */
import { parseArgs } from 'node:util';
import { readBarcodes } from 'zxing-wasm/reader';
import { decodeQrImage } from '../lib/qr/decode';
import { factorForMaxSide, shrinkRgba } from '../lib/qr/downscale';
import { readWithJsqr } from '../lib/qr/jsqr-reader';
import { lumaToRgba } from '../lib/qr/luma';
import type { RgbaImage } from '../lib/qr/rgba-image';
import { loadZxing } from '../lib/qr/zxing-reader';
import { CATEGORIES, DEFAULT_SEED, photoSet, Rng, type Category } from '../tests/lib/qr/photo-set';
import { addTexture, fillGradient, randomColor } from '../tests/lib/qr/photo-set/backgrounds';
import { placeSquare, randomPose } from '../tests/lib/qr/photo-set/camera';
import {
  addGlare,
  addNoise,
  createImage,
  gaussianBlur,
  jpegRoundTrip,
  unevenLighting,
} from '../tests/lib/qr/photo-set/raster';
import { drawSurface, makeCode } from '../tests/lib/qr/photo-set/render-code';
import { seedFor } from '../tests/lib/qr/photo-set/rng';
import { payload } from '../tests/lib/qr/photo-set/scene-parts';

type Decoder = (image: RgbaImage) => Promise<string | null>;

const DECODERS: Record<string, Decoder> = {
  // jsQR as TOOLCHAIN.md suggests using it: a ≤ 1024 px box-averaged copy first, then larger on failure
  // (the original up to 4 MP, else half size).
  jsqr: async (image) => {
    const factor = factorForMaxSide(image.width, image.height, 1024);
    const first = readWithJsqr(factor > 1 ? lumaToRgba(shrinkRgba(image, factor)) : image);
    if (first !== null || factor === 1) return first;
    return readWithJsqr(image.width * image.height <= 4e6 ? image : lumaToRgba(shrinkRgba(image, 2)));
  },
  // zxing-cpp as its users call it: every default on (tryHarder, tryRotate, tryInvert, tryDownscale).
  zxing: async (image) => {
    const results = await readBarcodes(image as unknown as ImageData, { formats: ['QRCode'] });
    return results.find((result) => result.isValid)?.text ?? null;
  },
  chosen: (image) => decodeQrImage(image),
};

const { values } = parseArgs({
  options: {
    per: { type: 'string', default: '24' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    only: { type: 'string' },
    'no-jsqr': { type: 'boolean', default: false },
    'ec-levels': { type: 'boolean', default: false },
  },
});

await loadZxing();
if (values['ec-levels']) {
  await compareErrorCorrection(values.per === '24' ? 80 : Number(values.per), Number(values.seed));
  process.exit(0);
}
const names = Object.keys(DECODERS).filter((name) => !(values['no-jsqr'] && name === 'jsqr'));
const categories = (values.only?.split(',') ?? CATEGORIES) as Category[];
for (const category of categories)
  if (!CATEGORIES.includes(category)) throw new RangeError(`no category ${category}`);

interface Cell {
  ok: number;
  wrong: number;
  ms: number[];
}
const table = new Map<Category, Record<string, Cell>>();
const cases = photoSet({ perCategory: Number(values.per), seed: Number(values.seed), categories });
const started = performance.now();
for (const photoCase of cases) {
  const { image, expected } = photoCase.make();
  const row =
    table.get(photoCase.category) ?? Object.fromEntries(names.map((n) => [n, { ok: 0, wrong: 0, ms: [] }]));
  table.set(photoCase.category, row);
  for (const name of names) {
    const start = performance.now();
    const got = await DECODERS[name]!(image);
    const cell = row[name]!;
    cell.ms.push(performance.now() - start);
    if (got === expected) cell.ok++;
    else if (got !== null) cell.wrong++;
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
const pad = (text: string, width: number): string => text.padEnd(width);
console.log(
  `seed ${values.seed}, ${values.per} per category, ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
console.log(pad('category', 18) + names.map((n) => pad(`${n} read (median ms)`, 26)).join(''));
const totals = Object.fromEntries(names.map((n) => [n, { ok: 0, wrong: 0, positives: 0 }]));
for (const [category, row] of table) {
  const cells = names.map((name) => {
    const cell = row[name]!;
    totals[name]!.ok += category === 'no-qr' ? 0 : cell.ok;
    totals[name]!.wrong += cell.wrong;
    totals[name]!.positives += category === 'no-qr' ? 0 : cell.ms.length;
    const wrong = cell.wrong ? `, ${cell.wrong} WRONG` : '';
    return pad(`${cell.ok}/${cell.ms.length} (${median(cell.ms).toFixed(0)} ms${wrong})`, 26);
  });
  console.log(pad(category, 18) + cells.join(''));
}
console.log(
  pad('QR images read', 18) +
    names
      .map((n) =>
        pad(
          `${totals[n]!.ok}/${totals[n]!.positives} = ${((100 * totals[n]!.ok) / totals[n]!.positives).toFixed(1)} %`,
          26,
        ),
      )
      .join(''),
);

async function compareErrorCorrection(count: number, seed: number): Promise<void> {
  const levels = ['L', 'M', 'Q', 'H'] as const;
  const read: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const text = payload(new Rng(seedFor(seed, `ec-text-${i}`)));
    for (const glare of [false, true]) {
      for (const level of levels) {
        // The same seed for every level: same scene, pose, printed size and degradations; only the code differs.
        const rng = new Rng(seedFor(seed, `ec-${i}`));
        const matrix = makeCode(text, level);
        const image = createImage(1280, 960);
        fillGradient(image, rng, randomColor(rng, 60, 200), randomColor(rng, 60, 200));
        addTexture(image, rng, 100, 20);
        const side = rng.range(150, 300); // the printed square, code and quiet zone, in pixels
        const quad = placeSquare(rng, image.width, image.height, side, randomPose(rng, 40));
        drawSurface(image, matrix, { paper: [240, 238, 230], ink: [30, 30, 30], margin: 4 }, quad);
        gaussianBlur(image, rng.range(0.8, 2.2));
        unevenLighting(image, rng, rng.range(0.1, 0.5));
        const [cx, cy] = [(quad[0][0] + quad[2][0]) / 2, (quad[0][1] + quad[2][1]) / 2];
        const spot = { x: cx + rng.range(-0.3, 0.3) * side, y: cy + rng.range(-0.3, 0.3) * side };
        if (glare) addGlare(image, rng, 1.6, { ...spot, radius: side * rng.range(0.06, 0.14) });
        addNoise(image, rng, rng.range(3, 12));
        const photo = jpegRoundTrip(image, rng.int(40, 85));
        const key = `${glare ? 'with glare' : 'no glare  '} ${level}`;
        read[`${key} chosen`] =
          (read[`${key} chosen`] ?? 0) + Number((await DECODERS.chosen!(photo)) === text);
        read[`${key} zxing`] = (read[`${key} zxing`] ?? 0) + Number((await DECODERS.zxing!(photo)) === text);
      }
    }
  }
  console.log(`error-correction levels at a fixed printed size, ${count} photos each (seed ${seed})`);
  for (const glare of ['no glare  ', 'with glare']) {
    console.log(
      glare,
      levels
        .map(
          (level) =>
            `${level}: ${read[`${glare} ${level} chosen`]} (zxing alone ${read[`${glare} ${level} zxing`]})`,
        )
        .join('   '),
    );
  }
}
