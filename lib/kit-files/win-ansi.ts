/**
 * WinAnsiEncoding (ISO 32000-1 Annex D.2), the one-byte encoding the kit PDFs use with the standard 14 fonts.
 * The standard fonts are not embedded (every PDF reader has them), so no glyph outside this encoding can be
 * drawn: text is either encoded here or refused with UnencodableTextError, never silently mangled.
 */

/** Text with a character WinAnsiEncoding cannot represent (CJK, Cyrillic, emoji, most of Unicode). */
export class UnencodableTextError extends RangeError {
  override readonly name = 'UnencodableTextError';
  constructor(
    readonly character: string,
    readonly index: number,
  ) {
    super(`${codePointLabel(character)} at index ${index} cannot be written in WinAnsiEncoding`);
  }
}

/**
 * Codes 0x80–0x9F, where WinAnsi (like Windows-1252) differs from Latin-1. Codes 0x81, 0x8D, 0x8F, 0x90 and
 * 0x9D have no character (Annex D notes they show a bullet); nothing is encoded to them.
 */
const HIGH_CONTROLS: Readonly<Record<number, number>> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
};

/** The WinAnsi code of one code point, or undefined. Printable characters only: no control codes. */
export function winAnsiCode(codePoint: number): number | undefined {
  if (codePoint >= 0x20 && codePoint <= 0x7e) return codePoint;
  if (codePoint >= 0xa0 && codePoint <= 0xff) return codePoint;
  return HIGH_CONTROLS[codePoint];
}

/**
 * Encodes text for a PDF string shown in a standard font. NFC first, so a decomposed "é" (e + U+0301), as
 * macOS produces, becomes the one code WinAnsi has for it. Throws UnencodableTextError otherwise.
 */
export function encodeWinAnsi(text: string): Uint8Array {
  const normalized = text.normalize('NFC');
  const out: number[] = [];
  let index = 0;
  for (const character of normalized) {
    const code = winAnsiCode(character.codePointAt(0)!);
    if (code === undefined) throw new UnencodableTextError(character, index);
    out.push(code);
    index += character.length;
  }
  return Uint8Array.from(out);
}

export function isWinAnsiEncodable(text: string): boolean {
  for (const character of text.normalize('NFC')) {
    if (winAnsiCode(character.codePointAt(0)!) === undefined) return false;
  }
  return true;
}

/**
 * User-supplied text made printable: each character WinAnsi lacks becomes "<U+4F8B>", a spelling a person can
 * read aloud or look up, instead of a blank or a "?" that would change the meaning (an email address must
 * stay exact). Control characters become the same kind of escape.
 */
export function escapeUnencodable(text: string): string {
  let out = '';
  for (const character of text.normalize('NFC')) {
    out +=
      winAnsiCode(character.codePointAt(0)!) === undefined ? `<${codePointLabel(character)}>` : character;
  }
  return out;
}

function codePointLabel(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
