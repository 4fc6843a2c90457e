import { getDomain } from 'tldts';
import type { LoginUrl, RecordType } from './record-types';
import { matchesPage } from './url-match';

/**
 * "Matches for this site": the logins of a list that url-match.ts offers on a page ('never' URLs never match),
 * in the list's order. Used by the popup over its listing and by the background, which answers the matches
 * with the first screenful of the list (vault.list `pageUrl`) so the popup paints both without the whole list.
 */
export function loginsForPage<T extends { type: RecordType; urls: readonly LoginUrl[] }>(
  items: readonly T[],
  pageUrl: string,
): T[] {
  const site = siteOfPage(pageUrl);
  if (site === null) return [];
  return items.filter(
    (item) =>
      item.type === 'login' &&
      item.urls.some(
        (entry) => entry.match !== 'never' && mayMatch(entry.url, site) && matchesPage(entry, pageUrl),
      ),
  );
}

/**
 * The page's site as lib/vault/url-match.ts compares it (registrable domain with the PSL's private section, or
 * the host when it has none), '' for an IP address; null for a page no login can match (not http(s)).
 */
function siteOfPage(pageUrl: string): string | null {
  try {
    const url = new URL(pageUrl);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') return null;
    const host = url.hostname.replace(/\.$/, '');
    // An IP page: saved hosts like "2130706433" or "[0:0::1]" parse to it without containing its text, so the
    // empty needle lets every URL through to the full check.
    if (host.startsWith('[') || /^[\d.]+$/.test(host)) return '';
    return getDomain(host, { allowPrivateDomains: true }) ?? host;
  } catch {
    return null;
  }
}

/** Text the URL parser would rewrite (case aside): non-ASCII (IDN), percent escapes, whitespace, controls. */
const REWRITTEN_BY_PARSER = /[^\u0021-\u007e]|%/;

/**
 * A cheap necessary condition for matchesPage, so "matches for this site" does not parse 10,000 URLs (~5 µs
 * each with the PSL lookup) on every popup open: whatever the mode, a saved URL that matches has a hostname
 * ending in the page's site, so its text contains it. Text the URL parser would rewrite gets the full check.
 */
function mayMatch(savedUrl: string, site: string): boolean {
  return REWRITTEN_BY_PARSER.test(savedUrl) || savedUrl.toLowerCase().includes(site);
}
