import { getDomain } from 'tldts';
import { normalizeWebUrl } from './record-fields';
import type { LoginUrl } from './record-types';

/**
 * Does a login's saved URL apply to the page the user is on (DESIGN §5)? Used by the popup's "matches for this
 * site" and by autofill (issue 6), so it errs on the side of not matching: a credential offered to the wrong
 * site is a leak, a missing suggestion is a search away.
 *
 * - `base-domain` (default): same registrable domain by the Public Suffix List: mail.example.co.uk matches
 *   www.example.co.uk. The PSL's private section is honoured (alice.github.io and bob.github.io are different
 *   sites, as browsers treat them for cookies: https://publicsuffix.org/learn/). Hosts without a registrable
 *   domain (IP addresses v4/v6, localhost, intranet names, a bare suffix) must be the same host AND port:
 *   localhost:3000 and localhost:8080 are different apps, often of different people on a shared machine.
 * - `host`: same host including the port, as Bitwarden's "Host" detection does
 *   (https://bitwarden.com/help/uri-match-detection/); the URL parser drops default ports (:443 for https).
 * - `exact`: same origin (scheme, host, port) and the same path; query and fragment are ignored.
 * - `never`: kept with the record, never offered.
 *
 * In every mode a credential saved for https:// never matches an http:// page (it would be sent in clear to
 * whoever is on the network), and pages that are not http(s) never match.
 */
export function matchesPage(entry: LoginUrl, pageUrl: string): boolean {
  if (entry.match === 'never') return false;
  const page = parseWebUrl(pageUrl, false);
  const saved = parseWebUrl(entry.url, true);
  if (page === null || saved === null) return false;
  if (saved.protocol === 'https:' && page.protocol !== 'https:') return false;
  switch (entry.match) {
    case 'exact':
      return saved.origin === page.origin && saved.pathname === page.pathname;
    case 'host':
      return saved.host === page.host;
    case 'base-domain': {
      const site = registrableDomain(page.hostname);
      // No registrable domain: nothing wider than this very host and port can be "the same site".
      if (site === null) return saved.host === page.host;
      return registrableDomain(saved.hostname) === site;
    }
  }
}

/** The URLs of `entries` that match the page, for "why does this match" hints; [] when none do. */
export function matchingUrls(entries: readonly LoginUrl[], pageUrl: string): LoginUrl[] {
  return entries.filter((entry) => matchesPage(entry, pageUrl));
}

/**
 * A page URL must be a full http(s) URL as the browser reports it; a saved one may lack its scheme (records
 * normalise to https://, but be lenient with what older data holds). The URL parser lowercases hosts and turns
 * IDNs into punycode, so "Bücher.example" and "xn--bcher-kva.example" compare equal.
 */
function parseWebUrl(text: string, saved: boolean): URL | null {
  const candidate = saved ? normalizeWebUrl(text) : text;
  if (candidate === null) return null;
  try {
    const url = new URL(candidate);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') return null;
    return url;
  } catch {
    return null;
  }
}

/**
 * Registrable domain by the PSL (private section included), or null for hosts that have none: IP addresses,
 * localhost, single-label intranet names, bare public suffixes.
 */
export function registrableDomain(hostname: string): string | null {
  const host = hostname.replace(/\.$/, '');
  if (host.startsWith('[') || /^[\d.]+$/.test(host)) return null;
  return getDomain(host, { allowPrivateDomains: true });
}
