import { escapeUnencodable, isWinAnsiEncodable } from './win-ansi';

/**
 * The account's email as the kits can print it with the standard fonts (WinAnsi only, see win-ansi.ts),
 * staying exact so the user recognises the account:
 * - a domain with characters WinAnsi lacks is written in its ASCII form (IDNA "xn--…", RFC 5891), which is a
 *   working spelling of the same domain, taken from the platform's URL parser (WHATWG URL, in every browser
 *   and Node);
 * - characters the local part cannot show become "<U+XXXX>" escapes (an internationalised local part, RFC
 *   6531, has no ASCII equivalent).
 * `escaped` says whether either happened, so the page can explain the spelling.
 */
export function printableEmail(email: string): { text: string; escaped: boolean } {
  const normalized = email.normalize('NFC');
  if (isWinAnsiEncodable(normalized)) return { text: normalized, escaped: false };
  const at = normalized.lastIndexOf('@');
  const local = at < 0 ? normalized : normalized.slice(0, at);
  const domain = at < 0 ? '' : normalized.slice(at + 1);
  const printableDomain = isWinAnsiEncodable(domain) ? domain : asciiDomain(domain);
  const text = at < 0 ? escapeUnencodable(local) : `${escapeUnencodable(local)}@${printableDomain}`;
  return { text, escaped: true };
}

function asciiDomain(domain: string): string {
  try {
    const hostname = new URL(`http://${domain}/`).hostname;
    // The URL parser also accepts things that are not domains (IPv6 literals, percent-escapes): keep only
    // the plain letters-digits-hyphens-dots form it produces for an internationalised domain name.
    if (/^[a-z0-9.-]+$/.test(hostname)) return hostname;
  } catch {
    // not a valid domain: fall through to escaping it
  }
  return escapeUnencodable(domain);
}
