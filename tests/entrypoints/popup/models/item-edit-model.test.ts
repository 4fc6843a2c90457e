import { describe, expect, test } from 'vitest';
import { applyDraft, newRecord } from '../../../../lib/vault/record-schema';
import type { RecordDraft, RecordOf, VaultRecord } from '../../../../lib/vault/record-types';
import { ITEM_FIELD_IDS as ID } from '../../../../entrypoints/popup/models/item-draft';
import { ItemViewModel } from '../../../../entrypoints/popup/models/item-view-model';
import {
  ItemEditModel,
  LUHN_WARNING,
  type EditTarget,
} from '../../../../entrypoints/popup/models/item-edit-model';
import { fail, ok, settle } from '../support/scripted-background';
import { startPopup, UNLOCKED } from '../support/popup-harness';

const LOGIN_ID = '3f6c1e2a-9b7d-4c8e-a1f2-0d9e8c7b6a51';
const NOW = Date.parse('2026-11-21T12:00:00.000Z');

const EXISTING: RecordOf<'login'> = {
  id: LOGIN_ID,
  type: 'login',
  fields: {
    title: 'Example',
    notes: '',
    tags: ['work', 'email'],
    favorite: true,
    customFields: [{ id: 'cf1', name: 'Security answer', value: 'Rex', kind: 'hidden' }],
    username: 'jo@example.com',
    password: 'old password 1',
    urls: [
      { url: 'https://example.com', match: 'base-domain' },
      { url: 'https://login.example.com/sso', match: 'exact' },
    ],
    totp: '',
    passwordHistory: [{ password: 'older password 0', replacedAt: '2026-10-01T10:00:00.000Z' }],
  },
  createdAt: '2026-09-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  conflict: null,
};

const NEW_ID = '0f0e0d0c-0b0a-4908-8706-050403020100';

/**
 * A background that keeps records the way the real one does on save: the real newRecord / applyDraft
 * (lib/vault/record-schema.ts: dates, and a replaced password moved into the history).
 */
async function editor(target: EditTarget, existing: VaultRecord[] = [EXISTING]) {
  const saved: RecordDraft[] = [];
  const store = new Map(existing.map((record) => [record.id, record]));
  const harness = await startPopup(
    UNLOCKED,
    {
      'vault.get': ({ id }) => {
        const found = store.get(id);
        return found ? ok(found) : fail('not-found', 'This item no longer exists.');
      },
      'vault.save': ({ draft: input }) => {
        const draft = input as RecordDraft;
        saved.push(draft);
        const before = draft.id === undefined ? undefined : store.get(draft.id);
        const record = before ? applyDraft(before, draft, NOW) : newRecord(draft, { id: NEW_ID, now: NOW });
        store.set(record.id, record);
        return ok(record);
      },
    },
    () => NOW,
  );
  const model = new ItemEditModel(harness.deps, target);
  await model.load();
  return { harness, model, saved };
}

describe('ItemEditModel', () => {
  test('a new login sends the draft as the background will store it, then shows the item', async () => {
    const { harness, model, saved } = await editor({ kind: 'new', type: 'login' });
    expect(model.heading.value).toBe('New login');
    model.setText('title', '  Example  ');
    model.setText('username', 'jo@example.com');
    model.setText('password', 'tundra maple violin orbit');
    model.updateUrl(0, { url: 'example.com', match: 'host' });
    model.addUrl(); // left blank: dropped
    model.setTags('work, banking, work');
    model.favorite.value = true;
    model.addCustomField('hidden');
    model.updateCustomField(0, { name: 'PIN' });
    model.updateCustomField(0, { value: '4321' });
    await model.save();
    expect(model.fieldErrors.value.size).toBe(0);
    expect(saved).toHaveLength(1);
    const draft = saved[0];
    expect(draft).toMatchObject({
      type: 'login',
      fields: {
        title: 'Example',
        username: 'jo@example.com',
        password: 'tundra maple violin orbit',
        urls: [{ url: 'https://example.com', match: 'host' }],
        totp: '',
        notes: '',
        tags: ['work', 'banking'],
        favorite: true,
        passwordHistory: [],
        customFields: [{ name: 'PIN', value: '4321', kind: 'hidden' }],
      },
    });
    expect(draft).not.toHaveProperty('id');
    expect(harness.deps.app.route.value).toEqual({
      screen: 'item',
      id: NEW_ID,
    });
  });

  test("a new item's form is there before load(): what is typed at once is kept (and not prefilled over)", async () => {
    const harness = await startPopup(UNLOCKED);
    harness.tabUrl = 'https://www.github.com/login';
    const model = new ItemEditModel(harness.deps, { kind: 'new', type: 'login' });
    expect(model.urls.value).toEqual([{ url: '', match: 'base-domain' }]);
    model.text.title.value = 'Typed before the effect ran';
    await model.load();
    expect(model.text.title.value).toBe('Typed before the effect ran');
    expect(model.urls.value).toEqual([{ url: '', match: 'base-domain' }]);
  });

  test('a new login over a web page starts with its address and host', async () => {
    const harness = await startPopup(UNLOCKED);
    harness.tabUrl = 'https://www.github.com/login?return_to=x';
    const model = new ItemEditModel(harness.deps, { kind: 'new', type: 'login' });
    await model.load();
    expect(model.text.title.value).toBe('github.com');
    expect(model.urls.value).toEqual([{ url: 'https://www.github.com', match: 'base-domain' }]);
    // A prefill is not a change: Cancel leaves without asking.
    model.cancel();
    expect(harness.deps.app.route.value).toEqual({ screen: 'home' });
  });

  test('invalid fields get the schema’s messages, focus goes to the first, nothing is sent or lost', async () => {
    const { model, saved } = await editor({ kind: 'new', type: 'login' });
    model.setText('username', 'jo');
    model.updateUrl(0, { url: 'not a url at all' });
    model.setText('totp', 'abc');
    await model.save();
    expect(saved).toEqual([]);
    const errors = model.fieldErrors.value;
    expect(errors.get(ID.text('title'))).toBe('Title is required');
    expect(errors.get(ID.url(0))).toMatch(/^URL 1 is not a web address/);
    expect(errors.get(ID.text('totp'))).toMatch(/one-time code secret/i);
    expect(model.task.error.value).toMatchObject({ code: 'input', field: ID.text('title') });
    expect(model.text.username.value).toBe('jo');
    expect(model.urls.value[0]?.url).toBe('not a url at all');

    // Fixing the title moves focus to the next problem in screen order (the URL, above the TOTP field).
    model.setText('title', 'Example');
    expect(model.fieldErrors.value.has(ID.text('title'))).toBe(false);
    await model.save();
    expect(model.task.error.value?.field).toBe(ID.url(0));
  });

  test('editing keeps every unchanged field, including ids, lists and history', async () => {
    const { model, saved } = await editor({ kind: 'edit', id: LOGIN_ID });
    expect(model.heading.value).toBe('Edit login');
    expect(model.tags.value).toBe('work, email');
    model.setText('notes', 'new note');
    await model.save();
    expect(saved).toEqual([
      { id: LOGIN_ID, type: 'login', fields: { ...EXISTING.fields, notes: 'new note' } },
    ]);
  });

  test('a changed password is sent with the history as it was; the saved record shows both', async () => {
    const { harness, model, saved } = await editor({ kind: 'edit', id: LOGIN_ID });
    model.setText('password', 'brand new password 2');
    await model.save();
    expect(saved[0]?.fields).toMatchObject({
      password: 'brand new password 2',
      passwordHistory: EXISTING.fields.passwordHistory,
    });
    // The item view opens on the saved record: it has the new password and the old one in its history.
    expect(harness.deps.app.route.value).toEqual({ screen: 'item', id: LOGIN_ID });
    const view = new ItemViewModel(harness.deps, LOGIN_ID);
    await view.load();
    expect(view.record.value?.fields).toMatchObject({
      password: 'brand new password 2',
      passwordHistory: [
        { password: 'old password 1', replacedAt: '2026-11-21T12:00:00.000Z' },
        { password: 'older password 0', replacedAt: '2026-10-01T10:00:00.000Z' },
      ],
    });
  });

  test('a card: Luhn failure is a warning, not an error; digits and month are normalised', async () => {
    const { model, saved } = await editor({ kind: 'new', type: 'card' });
    model.setText('title', 'Visa');
    model.setText('number', '4242 4242 4242 4241');
    expect(model.luhnWarning.value).toBe(LUHN_WARNING);
    model.setText('number', '4242 4242 4242 4242');
    expect(model.luhnWarning.value).toBeNull();
    model.setText('number', '4242 4242 4242 4241');
    model.setText('expiryMonth', '3');
    model.setText('expiryYear', '2029');
    await model.save();
    expect(saved[0]).toMatchObject({
      type: 'card',
      fields: { number: '4242424242424241', expiryMonth: '03', expiryYear: '2029' },
    });
  });

  test('a card with a bad expiry year points there', async () => {
    const { model, saved } = await editor({ kind: 'new', type: 'card' });
    model.setText('title', 'Visa');
    model.setText('expiryYear', '29');
    await model.save();
    expect(saved).toEqual([]);
    expect(model.task.error.value).toMatchObject({
      field: ID.text('expiryYear'),
      message: 'Expiry year must have four digits',
    });
  });

  test('a refusal from the background is shown and keeps what was typed', async () => {
    const { harness, model } = await editor({ kind: 'new', type: 'note' });
    harness.background.script['vault.save'] = () =>
      fail('invalid-record', 'This item is too large (max 64 KiB)');
    model.setText('title', 'Wi-Fi');
    model.setText('notes', 'guest / hunter2');
    await model.save();
    expect(model.task.error.value?.message).toBe('This item is too large (max 64 KiB)');
    expect(model.text.notes.value).toBe('guest / hunter2');
    expect(harness.deps.app.route.value).toEqual({ screen: 'home' });
  });

  test('Cancel leaves at once when nothing changed, and asks first otherwise', async () => {
    const { harness, model } = await editor({ kind: 'edit', id: LOGIN_ID });
    harness.deps.app.go({ screen: 'item-edit', id: LOGIN_ID });
    model.setText('username', 'someone-else');
    model.cancel();
    expect(model.confirmingDiscard.value).toBe(true);
    expect(harness.deps.app.route.value).toEqual({ screen: 'item-edit', id: LOGIN_ID });
    model.keepEditing();
    model.setText('username', 'jo@example.com');
    model.cancel();
    expect(harness.deps.app.route.value).toEqual({ screen: 'item', id: LOGIN_ID });
  });

  test('"Generate" fills the password with the last generator options and shows it', async () => {
    const { model } = await editor({ kind: 'new', type: 'login' });
    model.openGenerator();
    const generator = model.generator.value;
    expect(generator).not.toBeNull();
    expect(model.text.password.value).toBe(generator?.result.value);
    expect(model.text.password.value).toHaveLength(20);
    expect(model.revealed.value.has('password')).toBe(true);
    generator?.setLength(32);
    expect(model.text.password.value).toHaveLength(32);
    model.closeGenerator();
    expect(model.generator.value).toBeNull();
    await settle();
  });
});
