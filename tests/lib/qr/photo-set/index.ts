import type { RgbaImage } from '../../../../lib/qr/rgba-image';
import { Rng, seedFor } from './rng';
import { CATEGORIES, SCENES, type Category } from './scenes';

export { CATEGORIES, type Category } from './scenes';
export { phonePhoto12mp } from './phone-photo';
export type { Scene } from './scene-parts';
export { Rng } from './rng';

/**
 * The photo-like QR test set: generated, deterministic (seeded), never stored. Each case is built on demand
 * by `make()` (a 12 MP case is 48 MB, so a whole set is never held at once).
 */
export interface PhotoCase {
  /** `<category>-<index>`: with the seed, enough to rebuild the case. */
  readonly id: string;
  readonly category: Category;
  make(): { image: RgbaImage; expected: string | null };
}

export interface PhotoSetOptions {
  seed?: number;
  /** Cases per category (default 24). */
  perCategory?: number;
  categories?: readonly Category[];
}

export const DEFAULT_SEED = 20261121;

export function photoSet(options: PhotoSetOptions = {}): PhotoCase[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const perCategory = options.perCategory ?? 24;
  const cases: PhotoCase[] = [];
  for (const category of options.categories ?? CATEGORIES) {
    for (let index = 0; index < perCategory; index++) {
      const id = `${category}-${index}`;
      cases.push({ id, category, make: () => SCENES[category](new Rng(seedFor(seed, id))) });
    }
  }
  return cases;
}
