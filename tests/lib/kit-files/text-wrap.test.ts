import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { glyphWidth, textWidth } from '../../../lib/kit-files/font-metrics';
import { wrapText } from '../../../lib/kit-files/text-wrap';

describe('standard font metrics (Adobe Core 14 AFM)', () => {
  it('has the published widths', () => {
    // Helvetica.afm: space 278, A 667, a 556, W 944, i 222, € 556; Helvetica-Bold.afm: A 722, a 556, i 278.
    expect(textWidth(' AaWi€', 'Helvetica', 1000)).toBe(278 + 667 + 556 + 944 + 222 + 556);
    expect(textWidth('Aai', 'Helvetica-Bold', 1000)).toBe(722 + 556 + 278);
    expect(textWidth('iiii', 'Courier', 10)).toBe(24);
    expect(glyphWidth('Helvetica', 0x7e)).toBe(584);
  });
});

describe('wrapText', () => {
  it('breaks at spaces, keeping every line within the width', () => {
    const text = 'Together with your password, it signs in to your Latchkey account on a new browser.';
    const lines = wrapText(text, 'Helvetica', 10, 150);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(text);
    for (const line of lines) expect(textWidth(line, 'Helvetica', 10)).toBeLessThanOrEqual(150);
  });

  it('breaks a word wider than the line after hyphens, then between characters', () => {
    const key = 'LKR1-ABCDEF-GHJKMN-PQRSTV-WXYZ01-234567-89ABCD-EFGHJK-MNPQRS-TV12';
    const lines = wrapText(key, 'Courier-Bold', 15, 300);
    expect(lines.join('')).toBe(key);
    expect(lines.every((line, i) => i === lines.length - 1 || line.endsWith('-'))).toBe(true);
    const long = 'x'.repeat(120);
    const pieces = wrapText(long, 'Helvetica', 12, 100);
    expect(pieces.join('')).toBe(long);
    for (const line of pieces) expect(textWidth(line, 'Helvetica', 12)).toBeLessThanOrEqual(100);
  });

  it('never loses or reorders a character, and never exceeds the width (property)', () => {
    const word = fc.string({
      unit: fc.constantFrom(...'abcXYZ-.@0 W'.split('')),
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(word, fc.integer({ min: 30, max: 400 }), (text, width) => {
        const lines = wrapText(text, 'Helvetica', 11, width);
        expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        for (const line of lines) expect(textWidth(line, 'Helvetica', 11)).toBeLessThanOrEqual(width);
      }),
    );
  });
});
