import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { checkOverview } from '../../../lib/vault/overview-check';
import { OverviewSchema } from '../../../lib/vault/overview-schema';
import { LIMITS } from '../../../lib/vault/record-fields';
import { RECORD_TYPES, URL_MATCH_MODES } from '../../../lib/vault/record-types';

/**
 * checkOverview is the hand-written twin of OverviewSchema (the unlock's hot path): the two must give the same
 * verdict on everything, valid overviews, overviews with one thing wrong, and arbitrary JSON.
 */
const iso = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const uuid = fc.uuid().map((u) => u.toLowerCase());
const str = (max: number) => fc.string({ maxLength: Math.min(max, 60) });

const validOverview = fc.record({
  schemaVersion: fc.constant(1),
  type: fc.constantFrom(...RECORD_TYPES),
  title: str(LIMITS.titleChars),
  subtitle: str(100),
  urls: fc.array(fc.record({ url: str(LIMITS.urlChars), match: fc.constantFrom(...URL_MATCH_MODES) }), {
    maxLength: 4,
  }),
  tags: fc.array(str(LIMITS.tagChars), { maxLength: 4 }),
  favorite: fc.boolean(),
  createdAt: iso,
  updatedAt: iso,
  conflict: fc.option(fc.record({ of: uuid, at: iso }), { nil: null }),
});

/** One thing wrong (or, sometimes, harmlessly right): a key replaced, removed, added, or a value stretched. */
const mutated = fc
  .tuple(
    validOverview,
    fc.constantFrom(
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
    ),
    fc.oneof(
      fc.jsonValue(),
      fc.constant('x'.repeat(LIMITS.titleChars + 1)),
      fc.constant([{ url: 'https://a', match: 'host', extra: 1 }]),
      fc.constant([{ url: 'https://a', match: 'nearly' }]),
      fc.constant(Array.from({ length: LIMITS.tags + 1 }, () => 't')),
      fc.constant(['x'.repeat(LIMITS.tagChars + 1)]),
      fc.constant({ of: 'not-a-uuid', at: '2026-01-01T00:00:00.000Z' }),
      fc.constant({ of: '0b9c2f6e-8a51-4c1e-9d7a-3f2b1c0d4e5f', at: '2026-13-01T00:00:00Z' }),
      fc.constant('2026-02-30T10:00:00Z'),
      fc.constant('2026-01-01'),
      fc.constant(2),
    ),
    fc.constantFrom('replace', 'remove', 'add'),
  )
  .map(([overview, key, value, how]) => {
    const copy: Record<string, unknown> = { ...overview };
    if (how === 'replace') copy[key] = value;
    else if (how === 'remove') delete copy[key];
    else copy[`extra-${key}`] = value;
    return copy;
  });

function sameVerdict(value: unknown): void {
  const schema = v.safeParse(OverviewSchema, value);
  const checked = checkOverview(value);
  expect(checked !== null).toBe(schema.success);
  if (schema.success && checked !== null) {
    const { schemaVersion: _version, ...expected } = schema.output;
    expect(checked).toEqual(expected);
  }
}

describe('checkOverview agrees with OverviewSchema', () => {
  test('on valid overviews (and answers the same values)', () => {
    fc.assert(
      fc.property(validOverview, (overview) => sameVerdict(overview)),
      { numRuns: 500 },
    );
  });

  test('on overviews with one thing wrong', () => {
    fc.assert(
      fc.property(mutated, (overview) => sameVerdict(overview)),
      { numRuns: 2000 },
    );
  });

  test('on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => sameVerdict(value)),
      { numRuns: 500 },
    );
  });

  test('refuses the cases that matter, by name', () => {
    const good = {
      schemaVersion: 1,
      type: 'login',
      title: 'Bank',
      subtitle: 'jane',
      urls: [{ url: 'https://bank.example', match: 'base-domain' }],
      tags: ['money'],
      favorite: false,
      createdAt: '2026-11-01T12:00:00.000Z',
      updatedAt: '2026-11-01T12:00:00.000Z',
      conflict: null,
    };
    expect(checkOverview(good)).not.toBeNull();
    expect(checkOverview({ ...good, schemaVersion: 2 })).toBeNull();
    expect(checkOverview({ ...good, type: 'password' })).toBeNull();
    expect(checkOverview({ ...good, favorite: 'yes' })).toBeNull();
    expect(checkOverview({ ...good, secret: 'x' })).toBeNull();
    expect(checkOverview({ ...good, urls: [{ url: 'https://a' }] })).toBeNull();
    expect(checkOverview({ ...good, conflict: { of: 'x', at: good.createdAt } })).toBeNull();
    for (const value of [
      good,
      { ...good, conflict: { of: '0b9c2f6e-8a51-4c1e-9d7a-3f2b1c0d4e5f', at: good.createdAt } },
    ])
      sameVerdict(value);
  });
});
