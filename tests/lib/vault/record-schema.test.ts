import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { RecordInvalidError, RecordNewerVersionError } from '../../../lib/vault/record-errors';
import {
  applyDraft,
  checkDraft,
  luhnValid,
  migrateRecord,
  newRecord,
  parseRecord,
  RECORD_SCHEMA_VERSION,
  RecordDraftSchema,
  toStoredRecord,
  type RecordMigration,
} from '../../../lib/vault/record-schema';
import type { LoginFields, RecordDraft, VaultRecord } from '../../../lib/vault/record-types';
import { ALL_RECORDS, draftOf, FIELDS, IDS, recordOf } from './record-fixtures';

/** A login draft with some fields replaced. */
function login(fields: Partial<LoginFields>): RecordDraft {
  return { type: 'login', fields: { ...structuredClone(FIELDS.login), ...fields } };
}

function problems(input: unknown): string[] {
  const result = checkDraft(input);
  return result.ok ? [] : result.problems;
}

function parsedDraft(input: unknown): RecordDraft {
  const result = checkDraft(input);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.draft;
}

describe('RecordDraftSchema', () => {
  test.each(['login', 'note', 'card', 'identity'] as const)('accepts a valid %s draft unchanged', (type) => {
    expect(v.parse(RecordDraftSchema, draftOf(type))).toEqual(draftOf(type));
  });

  test('accepts an id that is a lowercase uuid and rejects others', () => {
    expect(checkDraft({ ...draftOf('note'), id: IDS.note }).ok).toBe(true);
    expect(checkDraft({ ...draftOf('note'), id: 'not-a-uuid' }).ok).toBe(false);
  });

  test('requires every field and refuses unknown ones (strict objects)', () => {
    const { notes: _notes, ...missing } = FIELDS.note;
    expect(checkDraft({ type: 'note', fields: missing }).ok).toBe(false);
    expect(checkDraft({ type: 'note', fields: { ...FIELDS.note, extra: 1 } }).ok).toBe(false);
    expect(checkDraft({ type: 'note', fields: FIELDS.note, createdAt: 'x' }).ok).toBe(false);
    // A login's fields are not a note's.
    expect(checkDraft({ type: 'note', fields: FIELDS.login }).ok).toBe(false);
    expect(problems({ type: 'wallet', fields: FIELDS.note })).toEqual([
      'Type must be login, note, card or identity',
    ]);
  });

  test('title is trimmed, required and bounded', () => {
    expect(parsedDraft(login({ title: '  GitHub  ' })).fields.title).toBe('GitHub');
    expect(problems(login({ title: '   ' }))).toEqual(['Title is required']);
    expect(problems(login({ title: 'x'.repeat(201) }))).toEqual(['Title must be at most 200 characters']);
    expect(checkDraft(login({ title: 'x'.repeat(200) })).ok).toBe(true);
  });

  test('bounds notes, passwords and short fields, without quoting the value', () => {
    expect(checkDraft(login({ notes: 'n'.repeat(20_000) })).ok).toBe(true);
    expect(problems(login({ notes: 'n'.repeat(20_001) }))).toEqual([
      'Notes must be at most 20000 characters',
    ]);
    const secret = 's3cr3t-'.repeat(200);
    const issues = problems(login({ password: secret }));
    expect(issues).toEqual(['Password must be at most 1024 characters']);
    expect(issues.join()).not.toContain('s3cr3t');
    expect(problems(login({ username: 'u'.repeat(1001) }))).toEqual([
      'Username must be at most 1000 characters',
    ]);
  });

  test('normalises URLs, drops blank rows and names the bad one by position', () => {
    const draft = parsedDraft(
      login({
        urls: [
          { url: ' example.com ', match: 'base-domain' },
          { url: '', match: 'host' },
          { url: 'http://localhost:8080/app', match: 'exact' },
        ],
      }),
    );
    expect(draft.type === 'login' && draft.fields.urls).toEqual([
      { url: 'https://example.com', match: 'base-domain' },
      { url: 'http://localhost:8080/app', match: 'exact' },
    ]);
    const bad = (url: string) =>
      problems(
        login({
          urls: [
            { url: 'a.com', match: 'host' },
            { url, match: 'host' },
          ],
        }),
      );
    for (const url of [
      'javascript:alert(1)',
      'ftp://example.com',
      'mailto:jane@example.org',
      'https://',
      'http://a b',
    ]) {
      expect(bad(url), url).toEqual(['URL 2 is not a web address']);
    }
    expect(bad(`https://example.com/${'p'.repeat(2100)}`)).toEqual([
      'URL 2 is too long (max 2048 characters)',
    ]);
    expect(problems(login({ urls: [{ url: 'a.com', match: 'sometimes' as 'host' }] }))).toEqual([
      'URL match must be base-domain, host, exact or never',
    ]);
    const many = Array.from({ length: 51 }, (_, i) => ({ url: `https://a${i}.com`, match: 'host' as const }));
    expect(problems(login({ urls: many }))).toEqual(['At most 50 URLs']);
  });

  test('tags are trimmed, deduplicated ignoring case, blank-free and bounded', () => {
    const draft = parsedDraft(login({ tags: [' Work ', 'work', '', 'dev', 'WORK', 'Dev '] }));
    expect(draft.fields.tags).toEqual(['Work', 'dev']);
    expect(problems(login({ tags: ['ok', 't'.repeat(51)] }))).toEqual([
      'Tag 2 is too long (max 50 characters)',
    ]);
    expect(problems(login({ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }))).toEqual([
      'At most 50 tags',
    ]);
  });

  test('custom fields: bounded, unique ids, known kinds', () => {
    const field = (id: string) => ({ id, name: 'PIN', value: '1234', kind: 'hidden' as const });
    expect(checkDraft(login({ customFields: [field('a'), field('b')] })).ok).toBe(true);
    expect(problems(login({ customFields: [field('a'), field('a')] }))).toEqual([
      'Custom field ids must be unique',
    ]);
    expect(problems(login({ customFields: Array.from({ length: 101 }, (_, i) => field(`f${i}`)) }))).toEqual([
      'At most 100 custom fields',
    ]);
    expect(checkDraft(login({ customFields: [{ ...field('a'), kind: 'secret' as 'hidden' }] })).ok).toBe(
      false,
    );
  });

  test('password history is bounded', () => {
    const entry = { password: 'old', replacedAt: '2026-01-01T00:00:00.000Z' };
    expect(checkDraft(login({ passwordHistory: Array(50).fill(entry) })).ok).toBe(true);
    expect(problems(login({ passwordHistory: Array(51).fill(entry) }))).toEqual(['At most 50 old passwords']);
    expect(checkDraft(login({ passwordHistory: [{ ...entry, replacedAt: 'yesterday' }] })).ok).toBe(false);
  });

  test('TOTP: empty, a base32 secret or an otpauth URI; otherwise the parser says why', () => {
    expect(checkDraft(login({ totp: '' })).ok).toBe(true);
    expect(parsedDraft(login({ totp: '  jbsw y3dp ehpk 3pxp ' })).fields).toMatchObject({
      totp: 'jbsw y3dp ehpk 3pxp',
    });
    expect(
      checkDraft(login({ totp: 'otpauth://totp/ACME:jane?secret=JBSWY3DPEHPK3PXP&issuer=ACME' })).ok,
    ).toBe(true);
    expect(problems(login({ totp: 'JBSWY3DP' }))).toEqual(['The one-time code secret is too short']);
    expect(problems(login({ totp: 'JBSWY3DPEHPK3PX1' }))).toEqual([
      'The one-time code secret may only contain the letters A–Z and digits 2–7',
    ]);
  });

  test('card: digits only, 12–19 or empty; month and year shapes', () => {
    const card = (fields: Partial<typeof FIELDS.card>) => ({
      type: 'card',
      fields: { ...FIELDS.card, ...fields },
    });
    expect(parsedDraft(card({ number: '4242 4242-4242 4242', expiryMonth: '4' })).fields).toMatchObject({
      number: '4242424242424242',
      expiryMonth: '04',
    });
    expect(checkDraft(card({ number: '', expiryMonth: '', expiryYear: '' })).ok).toBe(true);
    for (const number of ['4242', '4242x4242424242', '1'.repeat(20)]) {
      expect(problems(card({ number }))).toEqual(['Card number must be 12 to 19 digits']);
    }
    for (const expiryMonth of ['00', '13', 'ab']) {
      expect(problems(card({ expiryMonth }))).toEqual(['Expiry month must be 01 to 12']);
    }
    expect(problems(card({ expiryYear: '29' }))).toEqual(['Expiry year must have four digits']);
  });

  test('identity email is loosely checked', () => {
    const identity = (email: string) => ({ type: 'identity', fields: { ...FIELDS.identity, email } });
    expect(checkDraft(identity('')).ok).toBe(true);
    expect(checkDraft(identity(' a@b ')).ok).toBe(true);
    expect(problems(identity('jane.example.org'))).toEqual(['Email must be an email address']);
  });
});

describe('luhnValid', () => {
  test('known good and bad numbers', () => {
    expect(luhnValid('4242 4242 4242 4242')).toBe(true);
    expect(luhnValid('79927398713')).toBe(false); // 11 digits: too short for a card
    expect(luhnValid('378282246310005')).toBe(true); // Amex test number
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});

describe('parseRecord / migrateRecord', () => {
  test.each(ALL_RECORDS.map((r) => [r.type, r] as const))('round-trips a stored %s', (_type, record) => {
    expect(parseRecord(JSON.parse(JSON.stringify(toStoredRecord(record))))).toEqual(record);
  });

  test('a missing or bad schemaVersion is invalid, a newer one is newer-version', () => {
    const { schemaVersion: _v, ...bare } = toStoredRecord(recordOf('note'));
    expect(() => parseRecord(bare)).toThrow(RecordInvalidError);
    expect(() => parseRecord({ ...bare, schemaVersion: '1' })).toThrow(RecordInvalidError);
    expect(() => parseRecord(null)).toThrow(RecordInvalidError);
    expect(() => parseRecord([bare])).toThrow(RecordInvalidError);
    const newer = (() => {
      try {
        parseRecord({ ...bare, schemaVersion: RECORD_SCHEMA_VERSION + 1 });
      } catch (error) {
        return error;
      }
    })();
    expect(newer).toBeInstanceOf(RecordNewerVersionError);
    expect((newer as RecordNewerVersionError).reason).toBe('newer-version');
  });

  test('an invalid shape is invalid, and the message does not quote values', () => {
    const stored = toStoredRecord(recordOf('login'));
    const broken = { ...stored, fields: { ...stored.fields, password: 42 } };
    expect(() => parseRecord(broken)).toThrow(RecordInvalidError);
    expect(() => parseRecord({ ...stored, conflict: undefined })).toThrow(RecordInvalidError);
    const noTitle = { ...stored, fields: { ...stored.fields, title: '', password: 'p4ssw0rd-secret' } };
    expect(() => parseRecord(noTitle)).toThrow(/Title is required/);
    const withSecret = { ...stored, fields: { ...stored.fields, username: 99, notes: 'n'.repeat(20_001) } };
    expect(() => parseRecord(withSecret)).toThrow(RecordInvalidError);
    expect(() => parseRecord(withSecret)).not.toThrow(/correct horse|nnnn/);
  });

  test('applies a chain of migrations in order, and refuses gaps', () => {
    const v0 = { schemaVersion: 0, ...recordOf('note') };
    const v1 = { schemaVersion: 1, ...recordOf('note') };
    const steps: RecordMigration[] = [
      { from: 1, to: 2, migrate: (r) => ({ ...r, two: true }) },
      { from: 0, to: 1, migrate: (r) => ({ ...r, one: true }) },
    ];
    expect(migrateRecord(v0, steps, 2)).toEqual({ ...v0, one: true, two: true, schemaVersion: 2 });
    expect(migrateRecord(v1, steps, 2)).toEqual({ ...v1, two: true, schemaVersion: 2 });
    expect(migrateRecord(v1, steps, 1)).toEqual(v1);
    expect(() => migrateRecord(v0, steps.slice(0, 1), 2)).toThrow(
      /No migration from record schema version 0/,
    );
    expect(() => migrateRecord({ ...v0, schemaVersion: 3 }, steps, 2)).toThrow(RecordNewerVersionError);
    // A step that does not move forward would loop forever: refused.
    expect(() => migrateRecord(v0, [{ from: 0, to: 0, migrate: (r) => r }], 1)).toThrow(RecordInvalidError);
  });

  test('parseRecord migrates before validating', () => {
    const old = {
      schemaVersion: 0,
      ...recordOf('note'),
      fields: { ...FIELDS.note, heading: 'Old', title: undefined },
    };
    const rename: RecordMigration = {
      from: 0,
      to: 1,
      migrate: ({ fields, ...rest }) => {
        const { heading, title: _t, ...others } = fields as Record<string, unknown>;
        return { ...rest, fields: { ...others, title: heading } };
      },
    };
    expect(parseRecord(old, [rename]).fields.title).toBe('Old');
    expect(() => parseRecord(old)).toThrow(RecordInvalidError);
  });
});

describe('newRecord / applyDraft', () => {
  const T1 = Date.UTC(2026, 10, 3, 9, 0, 0);
  const T2 = Date.UTC(2026, 10, 4, 9, 0, 0);

  test('newRecord stamps id and dates and starts without a conflict mark', () => {
    const record = newRecord(draftOf('card'), { id: IDS.card, now: T1 });
    expect(record).toEqual({
      id: IDS.card,
      type: 'card',
      fields: FIELDS.card,
      createdAt: '2026-11-03T09:00:00.000Z',
      updatedAt: '2026-11-03T09:00:00.000Z',
      conflict: null,
    });
  });

  test('an edit keeps createdAt and the conflict mark, and moves a changed password into the history', () => {
    const existing = {
      ...recordOf('login'),
      conflict: { of: IDS.note, at: '2026-11-01T00:00:00.000Z' },
    } as VaultRecord;
    const edited = applyDraft(existing, login({ password: 'n3w-password' }), T2);
    expect(edited.createdAt).toBe(existing.createdAt);
    expect(edited.updatedAt).toBe('2026-11-04T09:00:00.000Z');
    expect(edited.conflict).toEqual(existing.conflict);
    expect(edited.type === 'login' && edited.fields.passwordHistory).toEqual([
      { password: 'correct horse battery staple', replacedAt: '2026-11-04T09:00:00.000Z' },
      { password: 'hunter2', replacedAt: '2026-01-01T00:00:00.000Z' },
    ]);
  });

  test('the history does not grow when the password is unchanged or was empty, and is capped at 50', () => {
    const existing = recordOf('login');
    const same = applyDraft(existing, login({ title: 'GitHub (work)' }), T2);
    expect(same.type === 'login' && same.fields.passwordHistory).toEqual(FIELDS.login.passwordHistory);
    const fromEmpty = applyDraft(
      { ...existing, fields: { ...FIELDS.login, password: '' } } as VaultRecord,
      login({}),
      T2,
    );
    expect(fromEmpty.type === 'login' && fromEmpty.fields.passwordHistory).toHaveLength(1);
    const full = Array.from({ length: 50 }, (_, i) => ({
      password: `p${i}`,
      replacedAt: '2026-01-01T00:00:00.000Z',
    }));
    const capped = applyDraft(existing, login({ password: 'new', passwordHistory: full }), T2);
    expect(capped.type === 'login' && capped.fields.passwordHistory.map((e) => e.password)).toEqual([
      'correct horse battery staple',
      ...full.slice(0, 49).map((e) => e.password),
    ]);
  });

  test('a draft cannot change the type', () => {
    expect(() => applyDraft(recordOf('login'), draftOf('note'), T2)).toThrow(TypeError);
  });
});
