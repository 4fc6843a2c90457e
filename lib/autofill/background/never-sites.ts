import * as v from 'valibot';
import type { StorageArea } from '../../session/storage-area';
import { registrableDomain } from '../../vault/url-match';

/**
 * The sites the user answered "Never for this site" in the save bar: no save or update prompt there again,
 * until they remove it in the settings. Kept in storage.local (a preference, not a secret; it says which sites
 * the user has accounts on, as the vault's own URLs would, so it stays in the extension's storage only).
 *
 * A site is the registrable domain (PSL, private section included: "example.co.uk", "alice.github.io"), the
 * unit url-match.ts's default mode matches by; for hosts that have none (IP addresses, localhost, intranet
 * names) it is host:port, since two ports of one machine are different applications.
 */
const STORAGE_KEY = 'latchkey.autofill.neverSites';
/** A bound on what the list may grow to; far above any real list, below what storage.local holds easily. */
const MAX_SITES = 1000;

const Sites = v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(260)));

/** The never-list key of a page URL; null for pages that are not http(s) (nothing to prompt for there). */
export function neverSiteOf(pageUrl: string): string | null {
  try {
    const url = new URL(pageUrl);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') return null;
    return registrableDomain(url.hostname) ?? url.host;
  } catch {
    return null;
  }
}

export class NeverSites {
  constructor(private readonly local: StorageArea) {}

  async list(): Promise<string[]> {
    const parsed = v.safeParse(Sites, (await this.local.get([STORAGE_KEY]))[STORAGE_KEY]);
    return parsed.success ? parsed.output : [];
  }

  async includes(pageUrl: string): Promise<boolean> {
    const site = neverSiteOf(pageUrl);
    return site !== null && (await this.list()).includes(site);
  }

  /** Adds the page's site; answers the list. */
  async add(pageUrl: string): Promise<string[]> {
    const site = neverSiteOf(pageUrl);
    const sites = await this.list();
    if (site === null || sites.includes(site)) return sites;
    const next = [...sites, site].sort().slice(0, MAX_SITES);
    await this.local.set({ [STORAGE_KEY]: next });
    return next;
  }

  /** Removes a site as listed; answers the list (unchanged when it was not there). */
  async remove(site: string): Promise<string[]> {
    const sites = await this.list();
    if (!sites.includes(site)) return sites;
    const next = sites.filter((entry) => entry !== site);
    await this.local.set({ [STORAGE_KEY]: next });
    return next;
  }
}
