import { describe, expect, it } from 'vitest';
import { winAnsiCode } from '../../../lib/kit-files/win-ansi';

// Browser only: Node's TextDecoder('windows-1252') is ICU's, which decodes 0x80–0x9F as C1 controls (Latin-1),
// not as the WHATWG Encoding Standard (and PDF's WinAnsiEncoding) define them.
describe("WinAnsiEncoding against the browser's windows-1252 decoder", () => {
  it('agrees with the Windows-1252 decoder of the platform on every code it emits', () => {
    // WHATWG's windows-1252 is the same table, except that it maps the five undefined codes to C1 controls,
    // which encodeWinAnsi never emits.
    const decoder = new TextDecoder('windows-1252');
    for (let code = 0; code < 256; code++) {
      const character = decoder.decode(new Uint8Array([code]));
      const expected =
        code < 0x20 || code === 0x7f || [0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(code) ? undefined : code;
      expect(winAnsiCode(character.codePointAt(0)!), `code 0x${code.toString(16)}`).toBe(expected);
    }
  });
});
