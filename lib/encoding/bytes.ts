/** Byte helpers shared by lib/ modules that lay out binary formats. */

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export const utf8Encode = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/** Strict UTF-8 decoding: invalid bytes throw (TypeError) rather than turn into U+FFFD. */
export const utf8Decode = (bytes: Uint8Array): string =>
  new TextDecoder('utf-8', { fatal: true }).decode(bytes);
