import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeWinAnsi,
  escapeUnencodable,
  isWinAnsiEncodable,
  UnencodableTextError,
} from '../../../lib/kit-files/win-ansi';

describe('WinAnsiEncoding (ISO 32000-1 Annex D.2)', () => {
  it('maps ASCII and Latin-1 to themselves and the 0x80–0x9F specials to their codes', () => {
    expect([...encodeWinAnsi('Az09 ~')]).toEqual([0x41, 0x7a, 0x30, 0x39, 0x20, 0x7e]);
    expect([...encodeWinAnsi('é ÿ ©')]).toEqual([0xe9, 0x20, 0xff, 0x20, 0xa9]);
    expect([...encodeWinAnsi('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')]).toEqual([
      0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e, 0x91, 0x92, 0x93, 0x94,
      0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9e, 0x9f,
    ]);
  });

  it('composes to NFC first, so a decomposed é (as macOS writes it) is one code', () => {
    expect([...encodeWinAnsi('e\u0301')]).toEqual([0xe9]);
  });

  it('refuses characters it cannot encode, naming the character and where it is', () => {
    const error = (() => {
      try {
        encodeWinAnsi('ab用c');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnencodableTextError);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as UnencodableTextError).character).toBe('用');
    expect((error as UnencodableTextError).index).toBe(2);
    expect(() => encodeWinAnsi('tab\there')).toThrow(/U\+0009/);
    expect(() => encodeWinAnsi('😀')).toThrow(/U\+1F600/);
  });

  it('escapes what it cannot encode as <U+XXXX>, and the result always encodes', () => {
    expect(escapeUnencodable('jöhn用户😀')).toBe('jöhn<U+7528><U+6237><U+1F600>');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const escaped = escapeUnencodable(text);
        expect(isWinAnsiEncodable(escaped)).toBe(true);
        if (isWinAnsiEncodable(text)) expect(escaped).toBe(text.normalize('NFC'));
      }),
    );
  });
});
