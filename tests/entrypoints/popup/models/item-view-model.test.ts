import { afterEach, describe, expect, test, vi } from 'vitest';
import type { RecordOf, VaultRecord } from '../../../../lib/vault/record-types';
import { groupTotpCode } from '../../../../entrypoints/popup/models/item-totp';
import { deleteQuestion, ItemViewModel } from '../../../../entrypoints/popup/models/item-view-model';
import { fail, ok, settle } from '../support/scripted-background';
import { LOCKED, startPopup, UNLOCKED } from '../support/popup-harness';

const LOGIN_ID = '3f6c1e2a-9b7d-4c8e-a1f2-0d9e8c7b6a51';
const ORIGINAL_ID = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
/** RFC 6238 Appendix B's SHA-1 key, "12345678901234567890", in base32. */
const RFC6238_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

function login(overrides: Partial<RecordOf<'login'>['fields']> = {}, id = LOGIN_ID): RecordOf<'login'> {
  return {
    id,
    type: 'login',
    fields: {
      title: 'Example',
      notes: 'recovery codes in the safe',
      tags: ['work'],
      favorite: false,
      customFields: [{ id: 'cf1', name: 'Security answer', value: 'Rex', kind: 'hidden' }],
      username: 'jo@example.com',
      password: 'correct horse battery staple',
      urls: [{ url: 'https://example.com', match: 'base-domain' }],
      totp: '',
      passwordHistory: [{ password: 'old-one', replacedAt: '2026-10-01T10:00:00.000Z' }],
      ...overrides,
    },
    createdAt: '2026-09-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    conflict: null,
  };
}

async function open(record: VaultRecord, clock?: { now: number }, extra: Record<string, VaultRecord> = {}) {
  const records: Record<string, VaultRecord> = { [record.id]: record, ...extra };
  const harness = await startPopup(
    UNLOCKED,
    {
      'vault.get': ({ id }) => {
        const found = records[id];
        return found === undefined ? fail('not-found', 'This item no longer exists.') : ok(found);
      },
    },
    clock ? () => clock.now : undefined,
  );
  const model = new ItemViewModel(harness.deps, record.id);
  await model.load();
  return { harness, model };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ItemViewModel', () => {
  test('shows the type’s fields with values, secrets masked until revealed', async () => {
    const { model } = await open(login());
    expect(model.record.value?.fields.title).toBe('Example');
    expect(model.fields.value.map((f) => [f.key, f.secret === true])).toEqual([
      ['username', false],
      ['password', true],
    ]);
    expect(model.revealed.value.has('password')).toBe(false);
    model.toggleReveal('password');
    expect(model.revealed.value.has('password')).toBe(true);
    model.toggleReveal('custom:cf1');
    model.toggleReveal('password');
    expect([...model.revealed.value]).toEqual(['custom:cf1']);
    expect(model.totp.value).toBeNull();
  });

  test('copy writes the clipboard and clears it after the configured time', async () => {
    const { harness, model } = await open(login());
    harness.prefs = { clipboardClearSeconds: 10 };
    vi.useFakeTimers();
    await model.copy('correct horse battery staple');
    expect(harness.clipboard).toEqual(['correct horse battery staple']);
    expect(model.copyMessage.value).toBe('Copied. The clipboard is cleared in 10 s.');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(harness.clipboard).toEqual(['correct horse battery staple', '']);
  });

  test('the TOTP code and its countdown follow the clock (RFC 6238 test vector)', async () => {
    const clock = { now: 59_000 };
    // Only the interval is faked: the harness settles with real timeouts.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { harness, model } = await open(
      login({ totp: `otpauth://totp/Example:jo?secret=${RFC6238_SECRET}&digits=8&issuer=Example` }),
      clock,
    );
    // RFC 6238 Appendix B: T = 59 s, SHA-1, 8 digits → 94287082.
    expect(model.totp.value).toEqual({ ok: true, code: '94287082', remainingSeconds: 1, period: 30 });
    expect(groupTotpCode('94287082')).toBe('9428 7082');
    clock.now = 60_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(model.totp.value).toMatchObject({ ok: true, remainingSeconds: 30 });
    clock.now = 1_111_111_109_000;
    model.tick();
    // RFC 6238 Appendix B: T = 1111111109 → 07081804.
    expect(model.totp.value).toMatchObject({ ok: true, code: '07081804', remainingSeconds: 1 });
    await model.copyTotp();
    expect(harness.clipboard).toEqual(['07081804']);
    // The interval goes with the screen.
    model[Symbol.dispose]();
    expect(vi.getTimerCount()).toBe(0);
  });

  test('a bare base32 secret makes 6-digit codes; an unusable one is explained, not thrown', async () => {
    const clock = { now: 59_000 };
    const { model } = await open(login({ totp: RFC6238_SECRET }), clock);
    expect(model.totp.value).toEqual({ ok: true, code: '287082', remainingSeconds: 1, period: 30 });
    const broken = await open(login({ totp: 'not a secret!' }), clock);
    expect(broken.model.totp.value).toMatchObject({ ok: false });
  });

  test('delete asks first, then deletes and goes home', async () => {
    const { harness, model } = await open(login());
    harness.background.script['vault.delete'] = () => ok({});
    model.askDelete();
    expect(model.confirmingDelete.value).toBe(true);
    expect(deleteQuestion('Example')).toBe(
      'Delete “Example”? It is removed from every device at the next sync.',
    );
    model.cancelDelete();
    expect(harness.background.callsOf('vault.delete')).toEqual([]);
    model.askDelete();
    await model.confirmDelete();
    expect(harness.background.callsOf('vault.delete')).toEqual([{ id: LOGIN_ID }]);
    expect(harness.deps.app.route.value).toEqual({ screen: 'home' });
  });

  test('favourite flips the flag and sends every other field back unchanged', async () => {
    const record = login();
    const { harness, model } = await open(record);
    harness.background.script['vault.save'] = ({ draft }) =>
      ok({ ...record, fields: draft.fields as RecordOf<'login'>['fields'] });
    await model.toggleFavorite();
    expect(harness.background.callsOf('vault.save')).toEqual([
      { draft: { id: LOGIN_ID, type: 'login', fields: { ...record.fields, favorite: true } } },
    ]);
    expect(model.record.value?.fields.favorite).toBe(true);
    await model.toggleFavorite();
    expect(model.record.value?.fields.favorite).toBe(false);
  });

  test.each(['copy', 'original'] as const)('a conflict copy is resolved keeping the %s', async (keep) => {
    const copy: VaultRecord = {
      ...login({ title: 'Example (conflict)' }, LOGIN_ID),
      conflict: { of: ORIGINAL_ID, at: '2026-11-20T08:00:00.000Z' },
    };
    const { harness, model } = await open(copy, undefined, { [ORIGINAL_ID]: login({}, ORIGINAL_ID) });
    expect(model.originalTitle.value).toBe('Example');
    harness.background.script['vault.resolveConflict'] = () => ok({});
    await model.resolveConflict(keep);
    expect(harness.background.callsOf('vault.resolveConflict')).toEqual([{ copyId: LOGIN_ID, keep }]);
    expect(harness.deps.app.route.value).toEqual({ screen: 'home' });
  });

  test('a missing record says so; a locked vault sends the popup to the unlock screen', async () => {
    const harness = await startPopup(UNLOCKED, {
      'vault.get': () => fail('not-found', 'This item no longer exists.'),
    });
    const missing = new ItemViewModel(harness.deps, LOGIN_ID);
    await missing.load();
    expect(missing.loading.error.value?.message).toBe('This item no longer exists.');
    expect(missing.record.value).toBeNull();

    harness.background.script['vault.get'] = () => fail('locked', 'Latchkey is locked.');
    harness.background.script['status.get'] = () => ok(LOCKED);
    await new ItemViewModel(harness.deps, LOGIN_ID).load();
    await settle();
    expect(harness.deps.app.route.value).toEqual({ screen: 'unlock' });
  });
});
