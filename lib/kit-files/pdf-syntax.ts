/**
 * The few PDF lexical forms the kit writer emits (ISO 32000-1 §7.3). Everything is written as 7-bit ASCII:
 * string bytes outside printable ASCII become octal escapes, so the file survives any text-mode transfer and
 * tests can read it as text.
 */

/**
 * A real number as §7.3.3 allows it: no exponent, at most 3 decimals (1/1000 pt is far below what any
 * printer resolves), "-0" folded to "0". Non-finite values are a bug in the caller's layout.
 */
export function pdfNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const rounded = Math.round(value * 1000) / 1000;
  if (Math.abs(rounded) >= 1e9) throw new RangeError(`number out of range for a PDF: ${value}`);
  const text = rounded.toFixed(3).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** A name object (§7.3.5) for the fixed names this writer uses: letters, digits and hyphens only. */
export function pdfName(name: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw new RangeError(`unsupported PDF name: ${name}`);
  return `/${name}`;
}

/**
 * A literal string (§7.3.4.2) of bytes already in the target encoding: "(", ")" and "\" escaped, bytes
 * outside printable ASCII as three-digit octal escapes.
 */
export function pdfLiteralString(bytes: Uint8Array): string {
  let out = '(';
  for (const byte of bytes) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += '\\' + String.fromCharCode(byte);
    else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
    else out += '\\' + byte.toString(8).padStart(3, '0');
  }
  return out + ')';
}

/**
 * A text string for the document information dictionary (§7.9.2.2): UTF-16BE with a byte order mark,
 * written as a hex string, so any title is exact.
 */
export function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** A date (§7.9.4) in UTC: D:YYYYMMDDHHmmSSZ. */
export function pdfDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  const iso = date.toISOString(); // 2026-11-21T09:05:03.000Z
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}
