import type { VaultListItem } from '../../../lib/messaging/protocol';
import type { RecordType } from '../../../lib/vault/record-types';
import { compareText, compareTitles } from '../../../lib/vault/title-order';
import { loginsForPage } from '../../../lib/vault/site-matches';

/**
 * Instant search over the vault list (issue 5: "titles, usernames, URLs and tags (not secrets)"). The index is
 * built once per listing: the rows sorted by title (all the first paint needs), then, in `prepare()` (called
 * after that paint) or on the first keystroke, every row's searchable text lowercased and folded (accents
 * dropped, so "cafe" finds "Café") into one haystack. A keystroke is one pass of `indexOf` over those strings,
 * with no sort: rows are visited in title order and dropped into three rank buckets. Budgets (DESIGN §7, 10,000
 * records): popup open → list painted ≤ 100 ms (sorting ~10 ms of it), a keystroke ≤ 16 ms (this pass ~1–2 ms).
 *
 * Only list fields exist here: VaultListItem carries no password, note or hidden field by construction
 * (lib/vault/record-types.ts RecordOverview), so secrets cannot be searched even by mistake.
 */

/** What the chips filter by: everything, favourites, conflict copies, one record type, or one tag. */
export type Category = 'all' | 'favorites' | 'conflicts' | RecordType | `tag:${string}`;

export interface SearchIndex {
  /** The rows of the category, sorted by title, or matching `query` best first. */
  search(query: string, category: Category): VaultListItem[];
  /** How many rows each fixed category holds (a chip with none can be hidden). */
  counts: Readonly<Record<'all' | 'favorites' | 'conflicts' | RecordType, number>>;
  /** Every tag in use, sorted, as the user wrote it (the first spelling seen). */
  tags: readonly string[];
  /** The logins offered on this page (lib/vault/url-match.ts; 'never' URLs never match), sorted by title. */
  forPage(pageUrl: string): VaultListItem[];
  /** Folds every row's text now (~20 ms at 10k), off the first paint; otherwise the first keystroke does it. */
  prepare(): void;
}

interface Entry {
  item: VaultListItem;
  /** Folded tags, for the tag category. */
  tags: readonly string[];
  /** Folded title and haystack: '' until prepared. */
  title: string;
  haystack: string;
}

/** Title order: case- and accent-insensitive, numbers in numeric order ("Bank 2" before "Bank 10"). */

// Combining marks left by NFKD (U+0300–U+036F covers the Latin accents; \p{M} covers every script).
const MARKS = /\p{M}/gu;
const NON_ASCII = /[^ -~]/; // anything but printable ASCII (a control character just takes the slow path)

/** Lowercase, accents dropped; the costly normalisation only for the strings that need it. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFKD').replace(MARKS, '') : lower;
}

/** A URL as searched: without its scheme and a leading "www.", so "http" or "www" do not match every login. */
function searchableUrl(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^www\./i, '');
}

/** The query's words, folded; empty when it has none. */
export function queryTerms(query: string): string[] {
  return fold(query)
    .split(/\s+/u)
    .filter((term) => term !== '');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A letter or digit of any script; ASCII answered without the regex (most titles are ASCII). */
function isWordChar(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  return WORD_CHAR.test(char);
}

/** 0: the title starts with the query; 1: a word of the title does; 2: it is found anywhere; -1: not found. */
function rank(entry: Entry, phrase: string, terms: readonly string[]): number {
  let at = entry.title.indexOf(phrase);
  if (at === 0) return 0;
  while (at > 0) {
    if (!isWordChar(entry.title[at - 1])) return 1;
    at = entry.title.indexOf(phrase, at + 1);
  }
  for (const term of terms) if (!entry.haystack.includes(term)) return -1;
  return 2;
}

function inCategory(entry: Entry, category: Category, tag: string | null): boolean {
  const { item } = entry;
  if (tag !== null) return entry.tags.includes(tag);
  switch (category) {
    case 'all':
      return true;
    case 'favorites':
      return item.favorite;
    case 'conflicts':
      return item.conflict !== null;
    default:
      return item.type === category;
  }
}

export function buildSearchIndex(items: readonly VaultListItem[]): SearchIndex {
  const entries: Entry[] = items.map((item) => ({
    item,
    tags: item.tags.length === 0 ? [] : item.tags.map(fold),
    title: '',
    haystack: '',
  }));
  entries.sort((a, b) => compareTitles(a.item, b.item));

  const counts = { all: entries.length, favorites: 0, conflicts: 0, login: 0, note: 0, card: 0, identity: 0 };
  const tagNames = new Map<string, string>();
  for (const { item, tags } of entries) {
    if (item.favorite) counts.favorites++;
    if (item.conflict !== null) counts.conflicts++;
    counts[item.type]++;
    item.tags.forEach((name, i) => {
      const key = tags[i];
      if (key !== undefined && key !== '' && !tagNames.has(key)) tagNames.set(key, name);
    });
  }
  const tags = [...tagNames.values()].sort(compareText);

  let prepared = false;
  function prepare(): void {
    if (prepared) return;
    prepared = true;
    for (const entry of entries) {
      const { item } = entry;
      entry.title = fold(item.title);
      const urls = item.urls.map((url) => fold(searchableUrl(url.url)));
      // Newlines keep one field's end and the next one's start from making a match neither has.
      entry.haystack = [entry.title, fold(item.subtitle), ...urls, ...entry.tags].join('\n');
    }
  }

  return {
    counts,
    tags,
    prepare,
    search(query, category) {
      const tag = category.startsWith('tag:') ? fold(category.slice(4)) : null;
      const terms = queryTerms(query);
      if (terms.length === 0) {
        const rows: VaultListItem[] = [];
        for (const entry of entries) if (inCategory(entry, category, tag)) rows.push(entry.item);
        return rows;
      }
      prepare();
      const phrase = terms.join(' ');
      const buckets: [VaultListItem[], VaultListItem[], VaultListItem[]] = [[], [], []];
      for (const entry of entries) {
        if (!inCategory(entry, category, tag)) continue;
        const r = rank(entry, phrase, terms);
        if (r >= 0) buckets[r as 0 | 1 | 2].push(entry.item);
      }
      return buckets[0].concat(buckets[1], buckets[2]);
    },
    forPage(pageUrl) {
      return loginsForPage(
        entries.map((entry) => entry.item),
        pageUrl,
      );
    },
  };
}

/** Whether a chip value names a category this index can show (a tag chip for a tag that went away cannot). */
export function isKnownCategory(category: Category, index: SearchIndex): boolean {
  if (!category.startsWith('tag:')) return true;
  const wanted = fold(category.slice(4));
  return index.tags.some((tag) => fold(tag) === wanted);
}
