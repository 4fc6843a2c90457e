import { describe, expect, test } from 'vitest';
import type { ToContent } from '../../../lib/autofill/content-messages';
import { contentSender, framedPageSender, TestBrowser, useServerSuite } from './background-harness';
import { browserWithLogins, EXAMPLE_PAGE, topFrame } from './autofill-support';

/**
 * The save prompt through the real router and handler table, with the real session and vault against the real
 * server: what a submit offers, the save bar's view and answers (save and update through the vault, so they
 * sync; never), the prompt shown again after the navigation, and who may read or answer a prompt.
 */

const suite = useServerSuite();

function bar(browser: TestBrowser, tabId: number, tabUrl = EXAMPLE_PAGE) {
  return browser.from(framedPageSender({ tabId, page: 'save-prompt.html', tabUrl }));
}

/** The one show-save-prompt push since the last look: to the tab's top frame only. */
function takePromptPush(browser: TestBrowser, tabId: number): string {
  const pushes = browser.tabs.take();
  expect(pushes).toHaveLength(1);
  expect(pushes[0]).toMatchObject({ tabId, options: { frameId: 0 } });
  const message = pushes[0]?.message as Extract<ToContent, { latchkey: 'show-save-prompt' }>;
  expect(message.latchkey).toBe('show-save-prompt');
  return message.promptId;
}

describe('save a new login', () => {
  test('an unknown username is offered, saved with the frame’s origin, synced, and then matches', async () => {
    const { browser } = await browserWithLogins(suite.server.baseUrl, 'save-new');
    const frame = topFrame(browser, 1, EXAMPLE_PAGE);
    const submitted = { kind: 'login' as const, username: 'new@example.com', password: 'typed-secret-9' };
    expect(await frame.ok('autofill.submitted', submitted)).toEqual({ prompt: true });
    const promptId = takePromptPush(browser, 1);
    // The pending prompt waits in storage.session (trusted contexts), never on disk.
    expect(browser.local.dump()).not.toContain('typed-secret-9');

    expect(await bar(browser, 1).ok('savePrompt.get', { promptId })).toEqual({
      kind: 'save',
      site: 'www.example.com',
      username: 'new@example.com',
      title: null,
    });
    expect(await bar(browser, 1).ok('savePrompt.answer', { promptId, action: 'save' })).toEqual({});
    const listed = await browser.ok('vault.list', {});
    const saved = listed.items.find((item) => item.subtitle === 'new@example.com');
    expect(saved).toMatchObject({
      title: 'example.com',
      urls: [{ url: 'https://www.example.com', match: 'base-domain' }],
      pending: true,
    });
    expect((await browser.ok('vault.get', { id: saved?.id ?? '' })).fields).toMatchObject({
      password: 'typed-secret-9',
    });
    await browser.runSyncTimers();
    expect((await browser.ok('sync.status', {})).pending).toBe(0);
    // Answered: the prompt is gone; the same credentials again offer nothing.
    expect((await bar(browser, 1).fails('savePrompt.get', { promptId })).code).toBe('expired');
    expect(await frame.ok('autofill.submitted', submitted)).toEqual({ prompt: false });
    expect(browser.tabs.take()).toEqual([]);
  });

  test('the prompt is shown again when the tab finishes loading, until answered or the tab closes', async () => {
    const { browser } = await browserWithLogins(suite.server.baseUrl, 'save-again');
    await topFrame(browser, 1, EXAMPLE_PAGE).ok('autofill.submitted', {
      kind: 'signup',
      username: 'fresh',
      password: 'fresh-secret',
    });
    const promptId = takePromptPush(browser, 1);
    await browser.autofill.onTabUpdated(1, 'loading');
    expect(browser.tabs.take()).toEqual([]);
    await browser.autofill.onTabUpdated(1, 'complete');
    expect(takePromptPush(browser, 1)).toBe(promptId);
    browser.restartWorker();
    await browser.autofill.onTabUpdated(1, 'complete');
    expect(takePromptPush(browser, 1)).toBe(promptId);
    await browser.autofill.onTabRemoved(1);
    await browser.autofill.onTabUpdated(1, 'complete');
    expect(browser.tabs.take()).toEqual([]);
  });
});

describe('update a password', () => {
  test('a known username with another password updates that login, keeping the old one in its history', async () => {
    const { browser, jane } = await browserWithLogins(suite.server.baseUrl, 'update');
    const frame = topFrame(browser, 1, EXAMPLE_PAGE);
    expect(
      await frame.ok('autofill.submitted', {
        kind: 'login',
        username: 'jane@example.com',
        password: 'jane-secret-1',
      }),
    ).toEqual({ prompt: false });
    expect(
      await frame.ok('autofill.submitted', {
        kind: 'login',
        username: 'jane@example.com',
        password: 'jane-new-2',
      }),
    ).toEqual({ prompt: true });
    const promptId = takePromptPush(browser, 1);
    expect(await bar(browser, 1).ok('savePrompt.get', { promptId })).toEqual({
      kind: 'update',
      site: 'www.example.com',
      username: 'jane@example.com',
      title: 'Example',
    });
    // The bar may not answer what it was not asked.
    expect((await bar(browser, 1).fails('savePrompt.answer', { promptId, action: 'save' })).code).toBe(
      'invalid-message',
    );
    await bar(browser, 1).ok('savePrompt.answer', { promptId, action: 'update' });
    const record = await browser.ok('vault.get', { id: jane.id });
    expect(record.fields).toMatchObject({ password: 'jane-new-2' });
    expect(record.type === 'login' ? record.fields.passwordHistory[0]?.password : null).toBe('jane-secret-1');
  });

  test('a change-password form updates the login with the new password', async () => {
    const { browser, jane } = await browserWithLogins(suite.server.baseUrl, 'change');
    await topFrame(browser, 1, EXAMPLE_PAGE).ok('autofill.submitted', {
      kind: 'change-password',
      username: '',
      password: 'jane-secret-1',
      newPassword: 'jane-changed-3',
    });
    const promptId = takePromptPush(browser, 1);
    await bar(browser, 1).ok('savePrompt.answer', { promptId, action: 'update' });
    expect((await browser.ok('vault.get', { id: jane.id })).fields).toMatchObject({
      password: 'jane-changed-3',
    });
  });
});

describe('never, dismiss, and who may answer', () => {
  test('never for this site: no prompt there again until removed in the settings', async () => {
    const { browser } = await browserWithLogins(suite.server.baseUrl, 'never');
    const frame = topFrame(browser, 1, 'https://login.example.co.uk/');
    const submitted = { kind: 'login' as const, username: 'u', password: 'p-secret' };
    await frame.ok('autofill.submitted', submitted);
    const promptId = takePromptPush(browser, 1);
    await bar(browser, 1, 'https://login.example.co.uk/').ok('savePrompt.answer', {
      promptId,
      action: 'never',
    });
    expect(await browser.ok('autofill.neverSites', {})).toEqual(['example.co.uk']);
    // Any host of the same registrable domain.
    const other = topFrame(browser, 2, 'https://www.example.co.uk/');
    expect(await other.ok('autofill.submitted', submitted)).toEqual({ prompt: false });
    expect(await browser.ok('autofill.removeNeverSite', { site: 'example.co.uk' })).toEqual([]);
    expect(await other.ok('autofill.submitted', submitted)).toEqual({ prompt: true });
    expect((await browser.ok('vault.list', {})).items).toHaveLength(2);
  });

  test('dismiss drops the prompt; another tab’s bar can neither read nor answer it', async () => {
    const { browser } = await browserWithLogins(suite.server.baseUrl, 'dismiss');
    await topFrame(browser, 1, EXAMPLE_PAGE).ok('autofill.submitted', {
      kind: 'login',
      username: 'x',
      password: 'x-secret',
    });
    const promptId = takePromptPush(browser, 1);
    expect((await bar(browser, 2).fails('savePrompt.get', { promptId })).code).toBe('not-allowed-here');
    expect((await bar(browser, 2).fails('savePrompt.answer', { promptId, action: 'save' })).code).toBe(
      'not-allowed-here',
    );
    await bar(browser, 1).ok('savePrompt.answer', { promptId, action: 'dismiss' });
    expect((await bar(browser, 1).fails('savePrompt.answer', { promptId, action: 'save' })).code).toBe(
      'expired',
    );
    expect((await browser.ok('vault.list', {})).items).toHaveLength(2);
  });

  test('locked: nothing is offered nor kept; a cross-origin iframe’s submit is saved for its own origin', async () => {
    const { browser } = await browserWithLogins(suite.server.baseUrl, 'save-locked');
    const widget = browser.from(
      contentSender({ tabId: 3, frameId: 4, url: 'https://auth.example.com/embedded', tabUrl: EXAMPLE_PAGE }),
    );
    // jane's example.com login is not the frame's (saved for another origin): a new login is offered.
    await widget.ok('autofill.submitted', { kind: 'login', username: 'jane@example.com', password: 'w' });
    const promptId = takePromptPush(browser, 3);
    expect((await bar(browser, 3).ok('savePrompt.get', { promptId })).kind).toBe('save');
    await browser.ok('lock', {});
    expect(
      await topFrame(browser, 1, EXAMPLE_PAGE).ok('autofill.submitted', {
        kind: 'login',
        username: 'y',
        password: 'y',
      }),
    ).toEqual({ prompt: false });
    expect(browser.tabs.take()).toEqual([]);
    expect((await bar(browser, 3).fails('savePrompt.answer', { promptId, action: 'save' })).code).toBe(
      'locked',
    );
  });
});
