import { afterEach, describe, expect, test } from 'vitest';
import type { Result } from '../../../../lib/messaging/protocol';
import type { RecordOf } from '../../../../lib/vault/record-types';
import { HomeModel } from '../../../../entrypoints/popup/models/home-model';
import { ItemViewModel } from '../../../../entrypoints/popup/models/item-view-model';
import {
  AUTOFILL_HINT_WORDS,
  autofillShortcutHint,
  createPageFill,
  NO_FORM_MESSAGE,
} from '../../../../entrypoints/popup/models/page-fill';
import { fail, ok, settle, type Script } from '../support/scripted-background';
import { LOCKED, startPopup, TAB_ID, UNLOCKED } from '../support/popup-harness';
import { listing, login } from '../support/vault-fixtures';

const GITHUB = login('GitHub', 'octocat', 'https://github.com/login');
const GITLAB = login('GitLab', 'jdoe', 'https://gitlab.com');

const models: { [Symbol.dispose](): void }[] = [];
afterEach(() => {
  for (const model of models.splice(0)) model[Symbol.dispose]();
});

/** The home screen over `tabUrl`, started. */
async function home(tabUrl: string | null, script: Script = {}) {
  const harness = await startPopup(UNLOCKED, {
    'vault.list': () => ok(listing([GITHUB, GITLAB])),
    ...script,
  });
  harness.tabUrl = tabUrl;
  const model = new HomeModel(harness.deps);
  models.push(model);
  await model.start();
  await settle();
  return { harness, model };
}

describe('Fill from the home screen’s matches', () => {
  test('sends the record and the tab; a frame filled it: the popup closes', async () => {
    const { harness, model } = await home('https://github.com/login', {
      'autofill.fillFromPopup': () => ok({ filled: true }),
    });
    expect(model.matches.value.map((row) => row.title)).toEqual(['GitHub']);
    await model.fill.fill(GITHUB.id);
    expect(harness.background.callsOf('autofill.fillFromPopup')).toEqual([{ id: GITHUB.id, tabId: TAB_ID }]);
    expect(harness.closed).toBe(1);
    expect(model.fill.task.error.value).toBeNull();
  });

  test('no frame could fill it: the popup stays open and says so', async () => {
    const { harness, model } = await home('https://github.com/login', {
      'autofill.fillFromPopup': () => ok({ filled: false }),
    });
    await model.fill.fill(GITHUB.id);
    expect(harness.closed).toBe(0);
    expect(model.fill.task.error.value?.message).toBe(NO_FORM_MESSAGE);
    expect(NO_FORM_MESSAGE).toBe('Latchkey found no login form to fill on this page.');
  });

  test('a refusal shows the background’s message; a second fill clears it', async () => {
    let answer: Result<{ filled: boolean }> = fail(
      'not-allowed-here',
      'This login is not for the page in this tab.',
    );
    const { harness, model } = await home('https://github.com/login', {
      'autofill.fillFromPopup': () => answer,
    });
    await model.fill.fill(GITHUB.id);
    expect(model.fill.task.error.value).toMatchObject({
      code: 'not-allowed-here',
      message: 'This login is not for the page in this tab.',
    });
    expect(harness.closed).toBe(0);
    answer = ok({ filled: true });
    await model.fill.fill(GITHUB.id);
    expect(model.fill.task.error.value).toBeNull();
    expect(harness.closed).toBe(1);
  });

  test('the vault locked meanwhile: the message, and the popup goes to the unlock screen', async () => {
    const { harness, model } = await home('https://github.com/login', {
      'autofill.fillFromPopup': () => fail('locked', 'Latchkey is locked. Unlock it first.'),
    });
    harness.background.script['status.get'] = () => ok(LOCKED);
    await model.fill.fill(GITHUB.id);
    await settle();
    expect(model.fill.task.error.value?.message).toBe('Latchkey is locked. Unlock it first.');
    expect(harness.deps.app.route.value).toMatchObject({ screen: 'unlock' });
  });

  test('a click while a fill runs is ignored (one message)', async () => {
    let answer!: (filled: boolean) => void;
    const { harness, model } = await home('https://github.com/login', {
      'autofill.fillFromPopup': () =>
        new Promise((resolve) => (answer = (filled) => resolve(ok({ filled })))),
    });
    const first = model.fill.fill(GITHUB.id);
    expect(model.fill.task.busy.value).toBe(true);
    await model.fill.fill(GITHUB.id);
    answer(true);
    await first;
    expect(harness.background.callsOf('autofill.fillFromPopup')).toHaveLength(1);
    expect(harness.closed).toBe(1);
  });

  test('no tab to fill (a browser page): says so, sends nothing', async () => {
    const { harness, model } = await home(null);
    await model.fill.fill(GITHUB.id);
    expect(harness.background.callsOf('autofill.fillFromPopup')).toEqual([]);
    expect(model.fill.task.error.value?.message).toBe(NO_FORM_MESSAGE);
  });
});

describe('The autofill shortcut hint', () => {
  test('shows the live binding, rebound or unset', async () => {
    const { model } = await home('https://github.com/login');
    expect(model.fill.shortcut.value).toBe('Alt+Shift+L');
    expect(model.shortcut.value).toBe('Alt+Shift+Y');
    expect(autofillShortcutHint('Alt+Shift+L')).toBe('Alt+Shift+L fills the login on this page');

    const harness = await startPopup(UNLOCKED);
    harness.autofillShortcut = 'Alt+Shift+F';
    const fill = createPageFill(harness.deps);
    expect(fill.shortcut.value).toBeNull();
    await fill.start();
    await settle();
    expect(fill.shortcut.value).toBe('Alt+Shift+F');
    expect(autofillShortcutHint(fill.shortcut.value ?? '')).toBe(`Alt+Shift+F ${AUTOFILL_HINT_WORDS}`);

    harness.autofillShortcut = '';
    const unset = createPageFill(harness.deps);
    await unset.start();
    await settle();
    expect(unset.shortcut.value).toBe('');
  });

  test('a browser that cannot list its commands: no hint, and the tab still comes', async () => {
    const harness = await startPopup(UNLOCKED);
    harness.tabUrl = 'https://github.com/';
    harness.deps.autofillShortcut = () => Promise.reject(new Error('commands unavailable'));
    const fill = createPageFill(harness.deps);
    expect(await fill.start()).toBe('https://github.com/');
    await settle();
    expect(fill.shortcut.value).toBe('');
    expect(fill.tab.value).toEqual({ id: TAB_ID, url: 'https://github.com/' });
  });
});

function loginRecord(urls: RecordOf<'login'>['fields']['urls']): RecordOf<'login'> {
  return {
    id: GITHUB.id,
    type: 'login',
    fields: {
      title: 'GitHub',
      notes: '',
      tags: [],
      favorite: false,
      customFields: [],
      username: 'octocat',
      password: 'correct horse battery staple',
      urls,
      totp: '',
      passwordHistory: [],
    },
    createdAt: '2026-09-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    conflict: null,
  };
}

describe('Fill from the item view', () => {
  async function itemOver(tabUrl: string | null, record: RecordOf<'login'>) {
    const harness = await startPopup(UNLOCKED, {
      'vault.get': () => ok(record),
      'autofill.fillFromPopup': () => ok({ filled: true }),
    });
    harness.tabUrl = tabUrl;
    const model = new ItemViewModel(harness.deps, record.id);
    models.push(model);
    await model.load();
    await settle();
    return { harness, model };
  }

  test('a login that matches the tab offers Fill; filling closes the popup', async () => {
    const { harness, model } = await itemOver(
      'https://gist.github.com/',
      loginRecord([{ url: 'https://github.com', match: 'base-domain' }]),
    );
    expect(model.fillable.value).toBe(true);
    await model.fill.fill(GITHUB.id);
    expect(harness.background.callsOf('autofill.fillFromPopup')).toEqual([{ id: GITHUB.id, tabId: TAB_ID }]);
    expect(harness.closed).toBe(1);
  });

  test('no Fill on another site, an http page for an https login, a "never" URL, or no tab', async () => {
    const https = loginRecord([{ url: 'https://github.com', match: 'base-domain' }]);
    expect((await itemOver('https://gitlab.com/', https)).model.fillable.value).toBe(false);
    expect((await itemOver('http://github.com/', https)).model.fillable.value).toBe(false);
    expect((await itemOver(null, https)).model.fillable.value).toBe(false);
    const never = loginRecord([{ url: 'https://github.com', match: 'never' }]);
    expect((await itemOver('https://github.com/', never)).model.fillable.value).toBe(false);
    const exact = loginRecord([{ url: 'https://github.com/login', match: 'exact' }]);
    expect((await itemOver('https://github.com/login?next=1', exact)).model.fillable.value).toBe(true);
    expect((await itemOver('https://github.com/join', exact)).model.fillable.value).toBe(false);
  });
});
