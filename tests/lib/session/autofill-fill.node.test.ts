import { describe, expect, test, vi } from 'vitest';
import { FILL_TOKEN_TTL_MS } from '../../../lib/autofill/background/fill-tokens';
import {
  contentSender,
  framedPageSender,
  POPUP_SENDER,
  TestBrowser,
  useServerSuite,
} from './background-harness';
import {
  BANK_PAGE,
  browserWithLogins,
  EVIL_PAGE,
  EXAMPLE_PAGE,
  takeFillPush,
  topFrame,
} from './autofill-support';
import { loginDraft } from './vault-drafts';

/**
 * The fill paths through the real router and handler table, with the real session and vault against the real
 * server: candidates, the inline menu, the shortcut and the popup's "Fill", and the attacks on each (another
 * site's record, a stale or foreign token, another tab, a cross-origin iframe, a top page that navigated).
 */

const suite = useServerSuite();
const NOT_HERE = 'Latchkey will not fill this login on this page.';

describe('autofill.candidates', () => {
  test('a frame gets the titles and usernames of its own site’s logins, never a secret', async () => {
    const { browser, jane } = await browserWithLogins(suite.server.baseUrl, 'cand');
    const answer = await topFrame(browser, 1, EXAMPLE_PAGE).ok('autofill.candidates', {});
    expect(answer).toEqual({
      state: 'unlocked',
      candidates: [{ id: jane.id, title: 'Example', username: 'jane@example.com' }],
      menuId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) as string,
    });
    expect(JSON.stringify(answer)).not.toContain('secret');
    expect(await topFrame(browser, 1, EVIL_PAGE).ok('autofill.candidates', {})).toEqual({
      state: 'unlocked',
      candidates: [],
      menuId: null,
    });
  });

  test('a cross-origin iframe never gets the top page’s logins', async () => {
    const { browser } = await browserWithLogins(suite.server.baseUrl, 'cand-iframe');
    const evilInBank = browser.from(
      contentSender({ tabId: 2, frameId: 5, url: EVIL_PAGE, tabUrl: BANK_PAGE }),
    );
    expect((await evilInBank.ok('autofill.candidates', {})).candidates).toEqual([]);
    // Nor a same-site frame of another origin, by registrable domain alone.
    const adsInExample = browser.from(
      contentSender({ tabId: 2, frameId: 6, url: 'https://ads.example.com/x', tabUrl: EXAMPLE_PAGE }),
    );
    expect((await adsInExample.ok('autofill.candidates', {})).candidates).toEqual([]);
  });

  test('locked: a menu that offers to unlock, with nothing from the vault; signed out: nothing', async () => {
    const { browser } = await browserWithLogins(suite.server.baseUrl, 'cand-locked');
    await browser.ok('lock', {});
    const answer = await topFrame(browser, 1, EXAMPLE_PAGE).ok('autofill.candidates', {});
    expect(answer).toMatchObject({ state: 'locked', candidates: [] });
    expect(answer.menuId).not.toBeNull();
    const menu = browser.from(framedPageSender({ tabId: 1, page: 'inline-menu.html', tabUrl: EXAMPLE_PAGE }));
    expect(await menu.ok('inline.list', { menuId: answer.menuId ?? '' })).toEqual({
      state: 'locked',
      site: 'www.example.com',
      candidates: [],
    });
    const fresh = new TestBrowser({ deviceName: 'fresh' });
    expect(await topFrame(fresh, 1, EXAMPLE_PAGE).ok('autofill.candidates', {})).toEqual({
      state: 'signed-out',
      candidates: [],
      menuId: null,
    });
  });
});

describe('the inline menu', () => {
  async function openMenu(label: string) {
    const setup = await browserWithLogins(suite.server.baseUrl, label);
    const { menuId } = await topFrame(setup.browser, 1, EXAMPLE_PAGE).ok('autofill.candidates', {});
    if (menuId === null) throw new Error('no menu');
    const menu = setup.browser.from(
      framedPageSender({ tabId: 1, page: 'inline-menu.html', tabUrl: EXAMPLE_PAGE }),
    );
    return { ...setup, menuId, menu };
  }

  test('list, choose: a menu token is pushed to the menu’s frame and document only, and fills once', async () => {
    const { browser, jane, menuId, menu } = await openMenu('menu');
    expect(await menu.ok('inline.list', { menuId })).toEqual({
      state: 'unlocked',
      site: 'www.example.com',
      candidates: [{ id: jane.id, title: 'Example', username: 'jane@example.com' }],
    });
    expect(await menu.ok('inline.choose', { menuId, id: jane.id })).toEqual({});
    const push = takeFillPush(browser);
    expect(push).toMatchObject({ mode: 'menu', tabId: 1, options: { frameId: 0, documentId: 'DOC-1' } });

    // Another document in the same frame (the page navigated) cannot use it; the menu's document can, once.
    const replaced = topFrame(browser, 1, EXAMPLE_PAGE, 'DOC-OTHER');
    expect((await replaced.fails('autofill.fill', { token: push.token })).code).toBe('not-allowed-here');
    const owner = topFrame(browser, 1, EXAMPLE_PAGE);
    expect(await owner.ok('autofill.fill', { token: push.token })).toEqual({
      action: 'fill',
      username: 'jane@example.com',
      password: 'jane-secret-1',
    });
    expect(await owner.fails('autofill.fill', { token: push.token })).toEqual({
      code: 'not-allowed-here',
      message: NOT_HERE,
    });
  });

  test('choosing another site’s login is refused, and nothing is pushed', async () => {
    const { browser, bank, menuId, menu } = await openMenu('menu-other');
    expect((await menu.fails('inline.choose', { menuId, id: bank.id })).code).toBe('not-allowed-here');
    expect(browser.tabs.take()).toEqual([]);
  });

  test('a menu of another tab, or after the top page changed origin, is refused; an unknown one expired', async () => {
    const { browser, jane, menuId } = await openMenu('menu-tab');
    const otherTab = browser.from(
      framedPageSender({ tabId: 2, page: 'inline-menu.html', tabUrl: EXAMPLE_PAGE }),
    );
    expect((await otherTab.fails('inline.list', { menuId })).code).toBe('not-allowed-here');
    expect((await otherTab.fails('inline.choose', { menuId, id: jane.id })).code).toBe('not-allowed-here');
    const navigated = browser.from(
      framedPageSender({ tabId: 1, page: 'inline-menu.html', tabUrl: EVIL_PAGE }),
    );
    expect((await navigated.fails('inline.choose', { menuId, id: jane.id })).code).toBe('not-allowed-here');
    const menu = browser.from(framedPageSender({ tabId: 1, page: 'inline-menu.html', tabUrl: EXAMPLE_PAGE }));
    expect((await menu.fails('inline.list', { menuId: 'A'.repeat(22) })).code).toBe('expired');
    // A closed tab takes its menu with it.
    await browser.autofill.onTabRemoved(1);
    expect((await menu.fails('inline.list', { menuId })).code).toBe('expired');
    expect(browser.tabs.take()).toEqual([]);
  });

  test('the menu survives a worker restart (storage.session), a token does not', async () => {
    const { browser, jane, menuId, menu } = await openMenu('menu-restart');
    await menu.ok('inline.choose', { menuId, id: jane.id });
    const { token } = takeFillPush(browser);
    browser.restartWorker();
    expect((await topFrame(browser, 1, EXAMPLE_PAGE).fails('autofill.fill', { token })).code).toBe('expired');
    const again = browser.from(
      framedPageSender({ tabId: 1, page: 'inline-menu.html', tabUrl: EXAMPLE_PAGE }),
    );
    expect((await again.ok('inline.list', { menuId })).candidates).toHaveLength(1);
  });
});

describe('the shortcut', () => {
  test('one match fills the focused frame; several open the menu; none answers none', async () => {
    const { browser } = await browserWithLogins(suite.server.baseUrl, 'shortcut');
    await browser.autofill.fill.onCommand({ id: 3, url: EXAMPLE_PAGE });
    const one = takeFillPush(browser);
    expect(one).toMatchObject({ mode: 'shortcut', tabId: 3, options: undefined });
    const frame = topFrame(browser, 3, EXAMPLE_PAGE);
    expect(await frame.ok('autofill.fill', { token: one.token })).toMatchObject({
      action: 'fill',
      password: 'jane-secret-1',
    });

    await browser.ok('vault.save', {
      draft: loginDraft({ username: 'second@example.com', password: 'two' }),
    });
    await browser.autofill.fill.onCommand({ id: 3, url: EXAMPLE_PAGE });
    const answer = await frame.ok('autofill.fill', { token: takeFillPush(browser).token });
    expect(answer.action).toBe('choose');
    const menuId = answer.action === 'choose' ? answer.menuId : '';
    const menu = browser.from(framedPageSender({ tabId: 3, page: 'inline-menu.html', tabUrl: EXAMPLE_PAGE }));
    expect((await menu.ok('inline.list', { menuId })).candidates).toHaveLength(2);

    await browser.autofill.fill.onCommand({ id: 4, url: EVIL_PAGE });
    const none = takeFillPush(browser);
    expect(await topFrame(browser, 4, EVIL_PAGE).ok('autofill.fill', { token: none.token })).toEqual({
      action: 'none',
    });
  });

  test('attacks: a stale token, a token of another tab, a navigated top page, a cross-origin iframe', async () => {
    const { browser } = await browserWithLogins(suite.server.baseUrl, 'shortcut-attacks');
    await browser.autofill.fill.onCommand({ id: 3, url: BANK_PAGE });
    const { token } = takeFillPush(browser);
    // An iframe of evil.example inside the bank's page: the bank's login is never its own.
    const evilFrame = browser.from(
      contentSender({ tabId: 3, frameId: 4, url: EVIL_PAGE, tabUrl: BANK_PAGE }),
    );
    expect(await evilFrame.ok('autofill.fill', { token })).toEqual({ action: 'none' });
    expect((await topFrame(browser, 7, BANK_PAGE).fails('autofill.fill', { token })).code).toBe(
      'not-allowed-here',
    );
    // The top page navigated to another site between the key press and the fill.
    const navigated = browser.from(
      contentSender({ tabId: 3, frameId: 0, url: BANK_PAGE, tabUrl: EVIL_PAGE }),
    );
    expect((await navigated.fails('autofill.fill', { token })).code).toBe('not-allowed-here');

    await browser.autofill.fill.onCommand({ id: 3, url: BANK_PAGE });
    const late = takeFillPush(browser);
    browser.clockOffsetMs += FILL_TOKEN_TTL_MS;
    expect(await topFrame(browser, 3, BANK_PAGE).fails('autofill.fill', { token: late.token })).toEqual({
      code: 'expired',
      message: 'This fill request expired. Try again.',
    });
    expect((await topFrame(browser, 3, BANK_PAGE).fails('autofill.fill', { token: 'x' })).code).toBe(
      'invalid-message',
    );
  });

  test('locked: the popup opens to unlock, and nothing is pushed; a filled token is refused once locked', async () => {
    const { browser } = await browserWithLogins(suite.server.baseUrl, 'shortcut-locked');
    await browser.autofill.fill.onCommand({ id: 3, url: EXAMPLE_PAGE });
    const { token } = takeFillPush(browser);
    await browser.ok('lock', {});
    expect((await topFrame(browser, 3, EXAMPLE_PAGE).fails('autofill.fill', { token })).code).toBe('locked');
    await browser.autofill.fill.onCommand({ id: 3, url: EXAMPLE_PAGE });
    expect(browser.popupsOpened).toBe(1);
    expect(browser.tabs.take()).toEqual([]);
  });
});

describe('autofill.fillFromPopup', () => {
  test('every frame gets the token; only a frame the login belongs to is answered; filled once it is', async () => {
    const { browser, jane } = await browserWithLogins(suite.server.baseUrl, 'popup');
    browser.tabs.urls.set(5, EXAMPLE_PAGE);
    const answer = browser.ok('autofill.fillFromPopup', { id: jane.id, tabId: 5 });
    await vi.waitFor(() => expect(browser.tabs.pushed).toHaveLength(1));
    const push = takeFillPush(browser);
    expect(push).toMatchObject({ mode: 'popup', tabId: 5, options: undefined });
    const evilFrame = browser.from(
      contentSender({ tabId: 5, frameId: 2, url: EVIL_PAGE, tabUrl: EXAMPLE_PAGE }),
    );
    expect((await evilFrame.fails('autofill.fill', { token: push.token })).code).toBe('not-allowed-here');
    expect(await topFrame(browser, 5, EXAMPLE_PAGE).ok('autofill.fill', { token: push.token })).toMatchObject(
      {
        action: 'fill',
        username: 'jane@example.com',
      },
    );
    expect(await answer).toEqual({ filled: true });
  });

  test('filled: false when no frame fills within the second, or the tab’s URL is not known', async () => {
    const { browser, jane, bank } = await browserWithLogins(suite.server.baseUrl, 'popup-none');
    browser.tabs.urls.set(5, EXAMPLE_PAGE);
    // The bank's login on example.com: the frame asks and is refused, so nothing fills.
    const answer = browser.ok('autofill.fillFromPopup', { id: bank.id, tabId: 5 });
    await vi.waitFor(() => expect(browser.tabs.pushed).toHaveLength(1));
    const { token } = takeFillPush(browser);
    expect((await topFrame(browser, 5, EXAMPLE_PAGE).fails('autofill.fill', { token })).code).toBe(
      'not-allowed-here',
    );
    expect(await answer).toEqual({ filled: false });
    expect(await browser.ok('autofill.fillFromPopup', { id: jane.id, tabId: 6 })).toEqual({ filled: false });
    expect(browser.tabs.take()).toEqual([]);
    expect((await browser.fails('autofill.fillFromPopup', { id: crypto.randomUUID(), tabId: 5 })).code).toBe(
      'not-found',
    );
  });
});

describe('who may send what', () => {
  test('content scripts, framed pages and pages are each refused the others’ messages', async () => {
    const { browser, jane } = await browserWithLogins(suite.server.baseUrl, 'senders');
    const content = topFrame(browser, 1, EXAMPLE_PAGE);
    expect((await content.fails('vault.get', { id: jane.id })).code).toBe('forbidden-sender');
    expect((await content.fails('inline.choose', { menuId: 'A'.repeat(22), id: jane.id })).code).toBe(
      'forbidden-sender',
    );
    expect((await content.fails('autofill.fillFromPopup', { id: jane.id, tabId: 1 })).code).toBe(
      'forbidden-sender',
    );
    const menu = browser.from(framedPageSender({ tabId: 1, page: 'inline-menu.html', tabUrl: EXAMPLE_PAGE }));
    expect((await menu.fails('autofill.candidates', {})).code).toBe('forbidden-sender');
    expect((await menu.fails('vault.list', {})).code).toBe('forbidden-sender');
    expect((await browser.fails('autofill.fill', { token: 'A'.repeat(22) })).code).toBe('forbidden-sender');
    expect((await browser.fails('savePrompt.get', { promptId: 'A'.repeat(22) })).code).toBe(
      'forbidden-sender',
    );
    expect(POPUP_SENDER.url).toContain('popup.html');
  });
});
