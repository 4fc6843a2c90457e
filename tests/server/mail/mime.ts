/**
 * A minimal MIME reader for the mail tests (mailparser is not a dependency): headers with unfolding
 * (RFC 5322 §2.2.3), multipart bodies split on their boundary (RFC 2046 §5.1.1), and base64 /
 * quoted-printable / 7bit / 8bit bodies decoded (RFC 2045 §6). Enough to check what nodemailer produced, and
 * strict where it matters: a malformed structure throws instead of being guessed at.
 */

export interface MimePart {
  /** Lowercased header name → values in order. */
  headers: Map<string, string[]>;
  /** Lowercased "type/subtype"; "text/plain" when absent (RFC 2045 §5.2). */
  contentType: string;
  params: Record<string, string>;
  /** Lowercased disposition ("inline", "attachment") or undefined. */
  disposition: string | undefined;
  dispositionParams: Record<string, string>;
  /** Decoded body bytes (empty for a multipart). */
  body: Buffer;
  parts: MimePart[];
}

/** `raw` is the message with its bytes in a latin1 string (as the SMTP peer keeps it). */
export function parseMime(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error('MIME: no blank line between headers and body');
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const [contentType, params] = parseValue(header(headers, 'content-type') ?? 'text/plain');
  const dispositionHeader = header(headers, 'content-disposition');
  const [disposition, dispositionParams] = dispositionHeader
    ? parseValue(dispositionHeader)
    : [undefined, {}];

  if (contentType.startsWith('multipart/')) {
    const boundary = params.boundary;
    if (!boundary) throw new Error(`MIME: ${contentType} without a boundary`);
    return {
      headers,
      contentType,
      params,
      disposition,
      dispositionParams,
      body: Buffer.alloc(0),
      parts: splitMultipart(body, boundary).map(parseMime),
    };
  }
  const encoding = (header(headers, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  return {
    headers,
    contentType,
    params,
    disposition,
    dispositionParams,
    body: decode(body, encoding),
    parts: [],
  };
}

/** The single value of a header; throws when it occurs more than once (a duplicate Subject is a bug). */
export function header(headers: Map<string, string[]>, name: string): string | undefined {
  const values = headers.get(name);
  if (values !== undefined && values.length > 1)
    throw new Error(`MIME: header ${name} occurs ${values.length}×`);
  return values?.[0];
}

/** Every leaf part, depth first, in message order. */
export function leaves(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(leaves);
}

function parseHeaders(block: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const line of block.replace(/\r\n(?=[ \t])/g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`MIME: malformed header line ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return headers;
}

/** `type/subtype; a=b; c="d"` → ['type/subtype', {a:'b', c:'d'}]. */
function parseValue(value: string): [string, Record<string, string>] {
  const [first = '', ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const match of rest.join(';').matchAll(/\s*([^=\s;]+)=("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const [, key = '', raw = ''] = match;
    params[key.toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw.trim();
  }
  return [first.trim().toLowerCase(), params];
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `\r\n--${boundary}`;
  const sections = `\r\n${body}`.split(delimiter);
  const last = sections.pop();
  if (sections.length < 2 || last === undefined || !last.startsWith('--')) {
    throw new Error(`MIME: multipart without parts or without its closing boundary ${boundary}`);
  }
  // sections[0] is the preamble; each part starts after the rest of its boundary line.
  return sections.slice(1).map((section) => {
    const lineEnd = section.indexOf('\r\n');
    if (lineEnd < 0 || section.slice(0, lineEnd).trim() !== '') throw new Error('MIME: bad boundary line');
    return section.slice(lineEnd + 2);
  });
}

function decode(body: string, encoding: string): Buffer {
  switch (encoding) {
    case 'base64':
      if (!/^[A-Za-z0-9+/=\r\n]*$/.test(body)) throw new Error('MIME: invalid base64 body');
      return Buffer.from(body.replace(/\r\n/g, ''), 'base64');
    case 'quoted-printable':
      return Buffer.from(
        body
          .replace(/=\r\n/g, '') // soft line breaks
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      );
    case '7bit':
    case '8bit':
      return Buffer.from(body, 'latin1');
    default:
      throw new Error(`MIME: unexpected transfer encoding ${encoding}`);
  }
}
