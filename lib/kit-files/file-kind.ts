/** What a picked file is, from its first bytes (its name and MIME type are whatever the OS guessed). */
export type FileKind = 'png' | 'jpeg' | 'webp' | 'pdf';

/** How many leading bytes `sniffFileKind` needs: a PDF header may follow up to 1 KB of junk. */
export const SNIFF_BYTES = 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The file's kind from its signature: PNG (ISO/IEC 15948 §5.2), JPEG (SOI marker FF D8 then a marker's
 * FF), WebP ("RIFF" size "WEBP", RFC 9649 §2.5), PDF ("%PDF-", which ISO 32000-1 §7.5.2 wants first but
 * readers, pdf.js included, also find after leading junk, as some mail gateways add it).
 */
export function sniffFileKind(head: Uint8Array): FileKind | undefined {
  if (startsWith(head, PNG_SIGNATURE)) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, ascii('RIFF')) && startsWith(head.subarray(8), ascii('WEBP'))) return 'webp';
  if (indexOf(head.subarray(0, SNIFF_BYTES), ascii('%PDF-')) >= 0) return 'pdf';
  return undefined;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

function indexOf(bytes: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
