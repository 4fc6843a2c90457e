import { LIMITS } from './record-fields';
import { RECORD_TYPES, URL_MATCH_MODES, type RecordOverview } from './record-types';

/**
 * The overview check of every unlock, by hand: the same rules as overview-schema.ts's `OverviewSchema` (a
 * property test, tests/lib/vault/overview-check.test.ts, holds the two to the same verdicts), written as plain
 * type checks because it runs 10,000 times per unlock and valibot's general machinery cost ~3 µs per record in
 * the service worker's profile (bench: vault.unlock.10k.ms). Answers the overview without schemaVersion, or
 * null when the value is not one.
 */

const TYPES: ReadonlySet<unknown> = new Set(RECORD_TYPES);
const MATCHES: ReadonlySet<unknown> = new Set(URL_MATCH_MODES);
const KEYS = [
  'schemaVersion',
  'type',
  'title',
  'subtitle',
  'urls',
  'tags',
  'favorite',
  'createdAt',
  'updatedAt',
  'conflict',
];
const KEY_SET: ReadonlySet<string> = new Set(KEYS);
/** lib/api/fields.ts `Uuid`. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** valibot 1.5's ISO_TIMESTAMP_REGEX, which record-fields.ts `IsoDate` uses. */
const ISO =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:[12]\d|0[1-9]|3[01])[T ](?:0\d|1\d|2[0-3])(?::[0-5]\d){2}(?:\.\d{1,9})?(?:Z| ?[+-](?:0\d|1\d|2[0-3])(?::?[0-5]\d)?)$/u;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function exactKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>, count: number): boolean {
  const keys = Object.keys(value);
  return keys.length === count && keys.every((key) => allowed.has(key));
}

function boundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isIso(value: unknown): value is string {
  return typeof value === 'string' && ISO.test(value);
}

const URL_KEYS: ReadonlySet<string> = new Set(['url', 'match']);
const CONFLICT_KEYS: ReadonlySet<string> = new Set(['of', 'at']);

export function checkOverview(raw: unknown): Omit<RecordOverview, 'id'> | null {
  if (!isObject(raw) || !exactKeys(raw, KEY_SET, KEYS.length)) return null;
  const { type, title, subtitle, urls, tags, favorite, createdAt, updatedAt, conflict } = raw;
  if (raw.schemaVersion !== 1 || !TYPES.has(type)) return null;
  if (!boundedString(title, LIMITS.titleChars) || !boundedString(subtitle, 2 * LIMITS.shortChars + 1))
    return null;
  if (!Array.isArray(urls) || urls.length > LIMITS.urls) return null;
  for (const entry of urls as unknown[]) {
    if (!isObject(entry) || !exactKeys(entry, URL_KEYS, 2)) return null;
    if (!boundedString(entry.url, LIMITS.urlChars) || !MATCHES.has(entry.match)) return null;
  }
  if (!Array.isArray(tags) || tags.length > LIMITS.tags) return null;
  for (const tag of tags as unknown[]) if (!boundedString(tag, LIMITS.tagChars)) return null;
  if (typeof favorite !== 'boolean' || !isIso(createdAt) || !isIso(updatedAt)) return null;
  if (conflict !== null) {
    if (!isObject(conflict) || !exactKeys(conflict, CONFLICT_KEYS, 2)) return null;
    if (typeof conflict.of !== 'string' || !UUID.test(conflict.of) || !isIso(conflict.at)) return null;
  }
  return {
    type: type as RecordOverview['type'],
    title,
    subtitle,
    urls: (urls as RecordOverview['urls']).map(({ url, match }) => ({ url, match })),
    tags: [...(tags as string[])],
    favorite,
    createdAt,
    updatedAt,
    conflict:
      conflict === null ? null : { of: (conflict as { of: string }).of, at: (conflict as { at: string }).at },
  };
}
