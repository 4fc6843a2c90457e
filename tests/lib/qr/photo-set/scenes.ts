/**
 * The categories of the photo set, one builder each. Every builder draws from its own seeded Rng, so a case
 * is rebuilt identically from its id. Parameter ranges run from easy to past what any decoder reads (blur
 * especially), so that rates separate decoders instead of all reading 100 %.
 */
import {
  addTexture,
  drawDecoys,
  drawObjects,
  drawTextBlock,
  fillGradient,
  fillRect,
  randomColor,
} from './backgrounds';
import { flat, randomPose } from './camera';
import {
  addGlare,
  addNoise,
  createImage,
  gaussianBlur,
  jpegRoundTrip,
  motionBlur,
  squeezeContrast,
  tint,
  unevenLighting,
  type Rgb,
} from './raster';
import { drawSurface, type Surface } from './render-code';
import type { Rng } from './rng';
import { clutter, code, paperSurface, place, size, type Scene } from './scene-parts';

const PHOTO_SIZES = [
  [1280, 960],
  [1600, 1200],
  [2016, 1512],
] as const;

type SceneBuilder = (rng: Rng) => Scene;

export const SCENES = {
  /** Renders as a PNG or a screen capture would hold them: axis-aligned, sharp, 1.8–6 px per module. */
  clean(rng) {
    const { text, matrix } = code(rng);
    const image = createImage(
      ...size(rng, [
        [800, 800],
        [1024, 768],
        [1200, 900],
      ]),
      [255, 255, 255],
    );
    const integral = rng.chance(0.5);
    const px = integral ? rng.int(2, 6) : rng.range(1.8, 6);
    place(rng, image, matrix, { paper: [255, 255, 255], ink: [0, 0, 0], margin: 4 }, px, flat);
    return { image, expected: text };
  },

  rotation(rng) {
    const { text, matrix } = code(rng);
    const image = createImage(...size(rng, [[1280, 960]]));
    clutter(rng, image);
    place(
      rng,
      image,
      matrix,
      paperSurface(rng, rng.range(4, 10), false),
      rng.range(2.5, 6),
      randomPose(rng, 0),
    );
    gaussianBlur(image, rng.range(0.4, 0.9));
    addNoise(image, rng, rng.range(3, 6));
    return { image, expected: text };
  },

  perspective(rng) {
    const { text, matrix } = code(rng);
    const image = createImage(...size(rng, PHOTO_SIZES.slice(0, 2)));
    clutter(rng, image);
    const pose = randomPose(rng, 55);
    place(rng, image, matrix, paperSurface(rng, rng.range(4, 12), true), rng.range(3, 7), pose);
    gaussianBlur(image, rng.range(0.4, 0.8));
    addNoise(image, rng, rng.range(3, 6));
    return { image, expected: text };
  },

  blur(rng) {
    const { text, matrix } = code(rng);
    const image = createImage(...size(rng, [[1280, 960]]));
    clutter(rng, image);
    const px = rng.range(3, 8);
    place(rng, image, matrix, paperSurface(rng, rng.range(4, 8), false), px, randomPose(rng, 10, 20));
    gaussianBlur(image, px * rng.range(0.3, 0.75));
    if (rng.chance(0.3)) motionBlur(image, px * rng.range(0.5, 1.5), rng.range(0, Math.PI));
    addNoise(image, rng, 3);
    return { image, expected: text };
  },

  noise(rng) {
    const { text, matrix } = code(rng);
    const image = createImage(...size(rng, [[1280, 960]]));
    clutter(rng, image);
    place(
      rng,
      image,
      matrix,
      paperSurface(rng, rng.range(4, 8), false),
      rng.range(3, 6),
      randomPose(rng, 15),
    );
    gaussianBlur(image, 0.6);
    addNoise(image, rng, rng.range(15, 50));
    return { image, expected: text };
  },

  jpeg(rng) {
    const { text, matrix } = code(rng);
    const image = createImage(
      ...size(rng, [
        [1024, 768],
        [1280, 960],
      ]),
    );
    clutter(rng, image);
    place(
      rng,
      image,
      matrix,
      paperSurface(rng, rng.range(4, 8), true),
      rng.range(2, 4.5),
      randomPose(rng, 10, 15),
    );
    gaussianBlur(image, 0.5);
    addNoise(image, rng, 2);
    return { image: jpegRoundTrip(image, rng.int(5, 30)), expected: text };
  },

  'low-contrast'(rng) {
    const { text, matrix } = code(rng);
    const image = createImage(...size(rng, [[1280, 960]]));
    clutter(rng, image);
    place(
      rng,
      image,
      matrix,
      paperSurface(rng, rng.range(4, 8), false),
      rng.range(3, 6),
      randomPose(rng, 20),
    );
    gaussianBlur(image, 0.6);
    const low = rng.int(60, 150);
    squeezeContrast(image, low, low + rng.int(25, 70));
    unevenLighting(image, rng, rng.range(0.2, 0.55));
    addNoise(image, rng, rng.range(2, 5));
    return { image, expected: text };
  },

  /** Light modules on a dark surface: dark-mode screens, printed negatives. */
  inverted(rng) {
    const { text, matrix } = code(rng);
    const image = createImage(...size(rng, [[1280, 960]]));
    fillGradient(image, rng, randomColor(rng, 10, 70), randomColor(rng, 10, 70));
    drawObjects(image, rng, rng.int(2, 8), 300);
    const dark = rng.int(0, 50);
    const light = rng.int(190, 255);
    const surface: Surface = {
      paper: [dark, dark, dark + 5],
      ink: [light, light, light],
      margin: rng.range(3, 8),
    };
    place(rng, image, matrix, surface, rng.range(3, 6), randomPose(rng, 30));
    gaussianBlur(image, rng.range(0.5, 1));
    addNoise(image, rng, rng.range(3, 8));
    return { image, expected: text };
  },

  /** A 12 MP photo in which the code is a small part: a kit printout on a cluttered desk. */
  'small-in-large'(rng) {
    const { text, matrix } = code(rng);
    const image = createImage(...size(rng, [[4000, 3000]]));
    clutter(rng, image);
    for (let k = 0; k < 4; k++) {
      const [w, h] = [rng.range(300, 1200), rng.range(200, 800)];
      const region = { x: rng.range(0, 4000 - w), y: rng.range(0, 2200 - h), w, h };
      fillRect(image, region.x - 20, region.y - 20, w + 40, h + 40, [240, 240, 235]);
      drawTextBlock(image, rng, region, rng.range(10, 30), [30, 30, 30]);
    }
    drawDecoys(image, rng, rng.int(1, 4), 8);
    const symbolPx = rng.range(180, 700);
    const surface = paperSurface(rng, rng.range(6, 20), true);
    place(rng, image, matrix, surface, symbolPx / matrix.size, randomPose(rng, 30));
    gaussianBlur(image, rng.range(0.8, 1.5));
    addNoise(image, rng, rng.range(3, 6));
    return { image, expected: text };
  },

  /** A phone photo of a monitor: subpixel stripes and the camera's grid beat into moiré; glare; JPEG. */
  'screen-photo'(rng) {
    const { text, matrix } = code(rng);
    const image = createImage(...size(rng, PHOTO_SIZES.slice(0, 2)));
    fillGradient(image, rng, randomColor(rng, 5, 50), randomColor(rng, 5, 50));
    addTexture(image, rng, 80, 15);
    const white = rng.int(190, 250);
    const surface: Surface = {
      paper: [white, white, white - rng.int(0, 25)],
      ink: [rng.int(5, 40), rng.int(5, 40), rng.int(5, 40)],
      margin: rng.range(5, 20),
      screenPixelsPerModule: rng.pick([2, 3, 4, 5, 6]),
    };
    place(rng, image, matrix, surface, rng.range(3, 8), randomPose(rng, 35, 20), 3);
    gaussianBlur(image, rng.range(0.6, 1.2));
    if (rng.chance(0.6)) addGlare(image, rng, rng.range(0.2, 0.5));
    addNoise(image, rng, rng.range(4, 10));
    return { image: jpegRoundTrip(image, rng.int(60, 90)), expected: text };
  },

  /** A screenshot of the kit email: page chrome, text, the code at 1.6–4.5 px per module, often JPEG'd. */
  'email-screenshot'(rng) {
    const { text, matrix } = code(rng);
    const [w, h] = rng.pick([
      [1280, 800],
      [1440, 900],
      [1920, 1080],
      [1170, 2532],
    ] as const);
    const darkMode = rng.chance(0.3);
    const page: Rgb = darkMode ? [32, 33, 36] : [255, 255, 255];
    const textColor: Rgb = darkMode ? [220, 220, 220] : [32, 33, 36];
    const image = createImage(w, h, page);
    fillRect(image, 0, 0, w, h * 0.07, darkMode ? [60, 64, 67] : [242, 242, 242]);
    drawTextBlock(
      image,
      rng,
      { x: w * 0.1, y: h * 0.1, w: w * 0.8, h: h * 0.25 },
      rng.range(10, 16),
      textColor,
    );
    drawTextBlock(
      image,
      rng,
      { x: w * 0.1, y: h * 0.75, w: w * 0.8, h: h * 0.2 },
      rng.range(10, 16),
      textColor,
    );
    const px = rng.range(1.6, 4.5);
    const side = (matrix.size + 8) * px;
    const x = rng.range(w * 0.05, Math.max(w * 0.05, w - side - w * 0.05));
    const y = rng.range(h * 0.3, Math.max(h * 0.3, h * 0.75 - side));
    drawSurface(image, matrix, { paper: [255, 255, 255], ink: [0, 0, 0], margin: 4 }, [
      [x, y],
      [x + side, y],
      [x + side, y + side],
      [x, y + side],
    ]);
    const jpeg = rng.chance(0.5);
    return { image: jpeg ? jpegRoundTrip(image, rng.int(40, 90)) : image, expected: text };
  },

  /** Everything at once, as a phone sees a printed kit: tilt, curl, shake, shadow, colour cast, noise, JPEG. */
  'paper-photo'(rng) {
    const { text, matrix } = code(rng);
    const image = createImage(...size(rng, PHOTO_SIZES));
    clutter(rng, image);
    const surface = {
      ...paperSurface(rng, rng.range(6, 25), true),
      bend: rng.chance(0.5) ? rng.range(0, 1.5) : 0,
    };
    place(rng, image, matrix, surface, rng.range(2.5, 8), randomPose(rng, 45));
    gaussianBlur(image, rng.range(0.6, 1.6));
    if (rng.chance(0.25)) motionBlur(image, rng.range(1, 4), rng.range(0, Math.PI));
    unevenLighting(image, rng, rng.range(0.15, 0.55));
    tint(image, [rng.range(0.85, 1.15), 1, rng.range(0.85, 1.15)]);
    addNoise(image, rng, rng.range(3, 10));
    return { image: jpegRoundTrip(image, rng.int(50, 92)), expected: text };
  },

  /** No QR at all: noise, documents, clutter, gradients and finder-like decoys. Every one must give null. */
  'no-qr'(rng) {
    const large = rng.chance(0.15);
    const image = createImage(...(large ? ([4000, 3000] as [number, number]) : size(rng, PHOTO_SIZES)));
    const kind = rng.int(0, 3);
    if (kind === 0) {
      fillGradient(image, rng, randomColor(rng), randomColor(rng));
      addNoise(image, rng, rng.range(30, 90));
    } else if (kind === 1) {
      drawTextBlock(
        image,
        rng,
        { x: 40, y: 40, w: image.width - 80, h: image.height - 80 },
        rng.range(8, 30),
        [20, 20, 20],
      );
    } else {
      clutter(rng, image);
      drawDecoys(image, rng, rng.int(3, 12), kind === 3 ? 12 : 6);
      if (kind === 3)
        drawTextBlock(image, rng, { x: 0, y: 0, w: image.width / 2, h: image.height }, 14, [0, 0, 0]);
    }
    gaussianBlur(image, rng.range(0, 1));
    addNoise(image, rng, rng.range(2, 6));
    return { image, expected: null };
  },
} satisfies Record<string, SceneBuilder>;

export type Category = keyof typeof SCENES;
export const CATEGORIES = Object.keys(SCENES) as Category[];
