/** Page sizes in points (1/72 inch): ISO 216 A4 and US Letter. */
export const PAPER_SIZES = {
  a4: { width: 595.276, height: 841.89 },
  letter: { width: 612, height: 792 },
} as const;

export type PaperSize = keyof typeof PAPER_SIZES;

/**
 * Regions whose printers default to US Letter (the Americas that follow the US, and the Philippines);
 * everywhere else uses A4. The kits fit either paper, so a wrong guess only costs a margin.
 */
const LETTER_REGIONS = new Set([
  'US',
  'CA',
  'MX',
  'PR',
  'PH',
  'CL',
  'CO',
  'VE',
  'CR',
  'GT',
  'DO',
  'PA',
  'SV',
]);

/** The paper a user of `locale` (e.g. navigator.language) most likely prints on. */
export function paperSizeForLocale(locale: string): PaperSize {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region !== undefined && LETTER_REGIONS.has(region) ? 'letter' : 'a4';
  } catch {
    return 'a4'; // not a valid language tag
  }
}
