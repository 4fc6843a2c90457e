import { describe, expect, it } from 'vitest';
import { kitFileNames } from '../../../lib/kit-files/kit-file-names';
import { paperSizeForLocale } from '../../../lib/kit-files/paper-size';
import { printableEmail } from '../../../lib/kit-files/printable-email';

describe('kitFileNames', () => {
  it('dates the download names by the UTC day of the kit', () => {
    expect(kitFileNames(new Date('2026-11-21T23:30:00Z'))).toEqual({
      kitPdf: 'latchkey-kit-2026-11-21.pdf',
      kitPng: 'latchkey-kit-2026-11-21.png',
      recoveryKitPdf: 'latchkey-recovery-kit-2026-11-21.pdf',
    });
    expect(() => kitFileNames(new Date(Number.NaN))).toThrow(TypeError);
  });
});

describe('paperSizeForLocale', () => {
  it('picks Letter where printers default to it and A4 elsewhere', () => {
    expect(paperSizeForLocale('en-US')).toBe('letter');
    expect(paperSizeForLocale('en')).toBe('letter'); // likely region US
    expect(paperSizeForLocale('fr-CA')).toBe('letter');
    expect(paperSizeForLocale('es-MX')).toBe('letter');
    expect(paperSizeForLocale('en-GB')).toBe('a4');
    expect(paperSizeForLocale('de')).toBe('a4');
    expect(paperSizeForLocale('ja-JP')).toBe('a4');
    expect(paperSizeForLocale('not a locale!')).toBe('a4');
  });
});

describe('printableEmail', () => {
  it('leaves an email the standard fonts can print alone', () => {
    expect(printableEmail('Jöhn.Doe+kit@example.com')).toEqual({
      text: 'Jöhn.Doe+kit@example.com',
      escaped: false,
    });
  });

  it('writes an internationalised domain in its IDNA ASCII form and escapes the local part', () => {
    expect(printableEmail('jane@bücher.中国')).toEqual({
      text: 'jane@xn--bcher-kva.xn--fiqs8s',
      escaped: true,
    });
    expect(printableEmail('δοκιμή@παράδειγμα.δοκιμή')).toEqual({
      text: '<U+03B4><U+03BF><U+03BA><U+03B9><U+03BC><U+03AE>@xn--hxajbheg2az3al.xn--jxalpdlp',
      escaped: true,
    });
  });

  it('escapes a domain the URL parser rejects instead of dropping it', () => {
    expect(printableEmail('a@例 子')).toEqual({ text: 'a@<U+4F8B> <U+5B50>', escaped: true });
  });
});
