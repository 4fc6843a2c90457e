import { describe, expect, test } from 'vitest';
import type { VaultListItem } from '../../../../lib/messaging/protocol';
import {
  buildSearchIndex,
  fold,
  isKnownCategory,
  queryTerms,
} from '../../../../entrypoints/popup/models/vault-search';
import { generatedItems, listItem, login } from '../support/vault-fixtures';

const titles = (rows: readonly VaultListItem[]) => rows.map((row) => row.title);

const GITHUB = login('GitHub', 'octocat', 'https://github.com/login', {
  tags: ['Work', 'code'],
  favorite: true,
});
const GITLAB_WORK = login('Work GitLab', 'jdoe', 'https://gitlab.example.com');
const DIGITAL = login('Digital Ocean', 'ops@example.com', 'https://cloud.digitalocean.com');
const CAFE = listItem({ title: 'Café wifi', type: 'note', tags: ['home'] });
const VISA = listItem({ title: 'Visa', type: 'card', subtitle: '•••• 4242' });
const ME = listItem({ title: 'Me', type: 'identity', subtitle: 'John Doe', tags: ['work'] });
const COPY = login('GitHub', 'octocat', 'https://github.com', {
  conflict: { of: GITHUB.id, at: '2026-11-21T10:00:00.000Z' },
});
const ALL = [VISA, ME, DIGITAL, CAFE, GITLAB_WORK, GITHUB, COPY];

describe('fold and queryTerms', () => {
  test.each([
    ['GitHub', 'github'],
    ['Café Ärzte', 'cafe arzte'],
    ['ÉCOLE', 'ecole'],
    ['ﬁle', 'file'], // NFKD compatibility: the ligature searches as two letters
  ])('%s → %s', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  test('splits on any whitespace and drops empty words', () => {
    expect(queryTerms('  Git   Hub\t')).toEqual(['git', 'hub']);
    expect(queryTerms('   ')).toEqual([]);
  });
});

describe('buildSearchIndex', () => {
  const index = buildSearchIndex(ALL);

  test('with no query: every row of the category, by title (case- and accent-insensitive, numbers as numbers)', () => {
    const rows = [
      listItem({ title: 'bank 10' }),
      listItem({ title: 'Bank 2' }),
      listItem({ title: 'apple' }),
      listItem({ title: 'Ädler' }),
    ];
    expect(titles(buildSearchIndex(rows).search('', 'all'))).toEqual(['Ädler', 'apple', 'Bank 2', 'bank 10']);
    expect(titles(index.search('', 'all'))).toEqual([
      'Café wifi',
      'Digital Ocean',
      'GitHub',
      'GitHub',
      'Me',
      'Visa',
      'Work GitLab',
    ]);
  });

  test('ranks title prefix, then a title word, then anywhere (username, URL, tag)', () => {
    // "git": GitHub (prefix ×2) › Work GitLab (word) › Digital Ocean ("digital" has "git" mid-word).
    expect(titles(index.search('git', 'all'))).toEqual(['GitHub', 'GitHub', 'Work GitLab', 'Digital Ocean']);
    expect(titles(index.search('octocat', 'all'))).toEqual(['GitHub', 'GitHub']);
    expect(titles(index.search('digitalocean.com', 'all'))).toEqual(['Digital Ocean']);
    expect(titles(index.search('4242', 'all'))).toEqual(['Visa']);
    expect(titles(index.search('john', 'all'))).toEqual(['Me']);
    // A tag, whatever its case: GitHub and Me are tagged, Work GitLab has it in its title (ranked first).
    expect(titles(index.search('WORK', 'all'))).toEqual(['Work GitLab', 'GitHub', 'Me']);
  });

  test('accents and case do not matter; every word of the query must be found', () => {
    expect(titles(index.search('CAFE', 'all'))).toEqual(['Café wifi']);
    expect(titles(index.search('git jdoe', 'all'))).toEqual(['Work GitLab']);
    expect(titles(index.search('git nobody', 'all'))).toEqual([]);
  });

  test('the scheme and "www." are not searched, so "https" does not match every login', () => {
    expect(index.search('https', 'all')).toEqual([]);
    expect(index.search('www', 'all')).toEqual([]);
  });

  test('no match across two fields (fields are kept apart)', () => {
    // GitHub's title ends "hub", its username starts "octo": "huboc" exists only if the fields were glued.
    expect(index.search('huboc', 'all')).toEqual([]);
  });

  test('categories: favourites, a type, conflict copies, a tag (case-insensitive)', () => {
    expect(titles(index.search('', 'favorites'))).toEqual(['GitHub']);
    expect(index.search('', 'favorites')[0]?.id).toBe(GITHUB.id);
    expect(titles(index.search('', 'login'))).toEqual(['Digital Ocean', 'GitHub', 'GitHub', 'Work GitLab']);
    expect(titles(index.search('', 'note'))).toEqual(['Café wifi']);
    expect(titles(index.search('', 'card'))).toEqual(['Visa']);
    expect(titles(index.search('', 'identity'))).toEqual(['Me']);
    expect(index.search('', 'conflicts').map((row) => row.id)).toEqual([COPY.id]);
    expect(titles(index.search('', 'tag:work'))).toEqual(['GitHub', 'Me']);
    expect(titles(index.search('git', 'tag:Work'))).toEqual(['GitHub']);
    expect(titles(index.search('visa', 'login'))).toEqual([]);
  });

  test('counts and tags (first spelling kept, sorted)', () => {
    expect(index.counts).toEqual({
      all: 7,
      favorites: 1,
      conflicts: 1,
      login: 4,
      note: 1,
      card: 1,
      identity: 1,
    });
    expect(index.tags).toEqual(['code', 'home', 'Work']);
    expect(isKnownCategory('tag:work', index)).toBe(true);
    expect(isKnownCategory('tag:gone', index)).toBe(false);
    expect(isKnownCategory('card', index)).toBe(true);
  });

  test('never sees a secret: rows carry none, and a password typed as a query finds nothing', () => {
    // The list row type has no secret fields at all; this guards the haystack against a future field.
    const row = {
      ...login('Bank', 'me', 'https://bank.example'),
      password: 'hunter2-secret',
    } as VaultListItem;
    expect(buildSearchIndex([row]).search('hunter2', 'all')).toEqual([]);
  });
});

describe('forPage: matches for the current tab', () => {
  test('logins whose URL matches the page, by title; "never" and other types are left out', () => {
    const never = login('Never here', 'x', 'https://github.com');
    never.urls = [{ url: 'https://github.com', match: 'never' }];
    const other = login('Other', 'y', 'https://example.org');
    const index = buildSearchIndex([other, GITHUB, never, VISA, COPY]);
    expect(index.forPage('https://github.com/settings/profile').map((row) => row.id)).toEqual(
      [GITHUB.id, COPY.id].sort((a, b) => (a < b ? -1 : 1)),
    );
    expect(index.forPage('https://example.org/')).toEqual([other]);
    expect(index.forPage('chrome://newtab/')).toEqual([]);
  });
});

describe('10,000 records', () => {
  const items = generatedItems(10_000);

  test('finds exactly what a plain scan finds, ranked, and prints its timing', () => {
    let started = performance.now();
    const index = buildSearchIndex(items);
    const buildMs = performance.now() - started;
    started = performance.now();
    index.prepare();
    const prepareMs = performance.now() - started;

    const keystrokes = ['e', 'ec', 'ech', 'echo', 'echo d', 'echo de', 'user42', 'site9999'];
    const timings: string[] = [];
    for (const query of keystrokes) {
      started = performance.now();
      const found = index.search(query, 'all');
      timings.push(
        `${JSON.stringify(query)} ${(performance.now() - started).toFixed(2)} ms (${found.length})`,
      );
      const terms = queryTerms(query);
      const expected = items.filter((item) => {
        const text = [
          item.title,
          item.subtitle,
          ...item.urls.map((u) => u.url.replace(/^https:\/\/www\./, '')),
          ...item.tags,
        ]
          .join('\n')
          .toLowerCase();
        return terms.every((term) => text.includes(term));
      });
      expect(new Set(found.map((row) => row.id))).toEqual(new Set(expected.map((row) => row.id)));
      // Ranked: no title-prefix hit after a weaker one.
      const phrase = terms.join(' ');
      const firstWeak = found.findIndex((row) => !row.title.toLowerCase().startsWith(phrase));
      if (firstWeak >= 0) {
        expect(found.slice(firstWeak).some((row) => row.title.toLowerCase().startsWith(phrase))).toBe(false);
      }
    }
    expect(index.search('', 'all')).toHaveLength(10_000);
    expect(index.search('', 'tag:work')).toHaveLength(Math.ceil(10_000 / 7));
    expect(index.search('site9996.example', 'all').map((row) => row.title)).toEqual(['Golf Foxtrot 9996']);
    console.log(
      `vault-search, 10,000 rows: index built in ${buildMs.toFixed(1)} ms, prepared in ${prepareMs.toFixed(1)} ms; keystrokes: ${timings.join(', ')}`,
    );
  });
});
