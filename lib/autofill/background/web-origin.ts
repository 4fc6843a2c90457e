/**
 * The origin (scheme://host[:port]) of an http(s) URL as the browser reports it, or null for anything else
 * (about:blank, data:, file:, extension pages, text that does not parse). Autofill only ever works on web
 * pages, and every origin comparison in lib/autofill/background goes through here so they all agree.
 */
export function webOrigin(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    const parsed = new URL(url);
    if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.hostname === '') return null;
    return parsed.origin;
  } catch {
    return null;
  }
}
