import { userEvent } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import {
  $input,
  LOGIN_FORM,
  MENU_ID,
  menuElement,
  page,
  startAgent,
  tick,
  until,
  type Agent,
} from './agent-harness';

/** The inline menu's trigger and lifecycle (field-focus.ts, inline-menu.ts) with U's real frame host. */
let agent: Agent | null = null;
afterEach(() => {
  agent?.controller.abort();
  agent = null;
  document.body.innerHTML = '';
});

const withMenu = { 'autofill.candidates': { state: 'unlocked' as const, candidates: [], menuId: MENU_ID } };

describe('the inline menu opens', () => {
  it('on a trusted focus of a login field, under that field', async () => {
    page(LOGIN_FORM);
    agent = startAgent(withMenu);
    await userEvent.click($input('#user'));
    await until(() => menuElement() !== null);
    expect(agent.typesSent()).toEqual(['autofill.candidates']);
    expect(document.querySelectorAll('latchkey-frame')).toHaveLength(1);
  });

  it('not on a synthetic focus event from the page', async () => {
    page(LOGIN_FORM);
    agent = startAgent(withMenu);
    for (const type of ['focusin', 'focus'])
      $input('#pass').dispatchEvent(new FocusEvent(type, { bubbles: true, composed: true }));
    await tick(100);
    expect(agent.calls).toEqual([]);
    expect(menuElement()).toBeNull();
  });

  it('not on fields that are not a login form: search box, sign-up form', async () => {
    page(`
      <input id="q" type="search" name="q" placeholder="Search">
      <form id="signup"><input id="email" type="email" name="email" autocomplete="email">
        <input id="new" type="password" name="password" autocomplete="new-password">
        <input id="confirm" type="password" name="password_confirmation" autocomplete="new-password">
        <button>Create account</button></form>`);
    agent = startAgent(withMenu);
    for (const id of ['#q', '#email', '#new']) await userEvent.click($input(id));
    await tick(100);
    expect(agent.calls).toEqual([]);
    expect(menuElement()).toBeNull();
  });

  it('not when the background has nothing to show (menuId null)', async () => {
    page(LOGIN_FORM);
    agent = startAgent({ 'autofill.candidates': { state: 'signed-out', candidates: [], menuId: null } });
    await userEvent.click($input('#user'));
    await until(() => agent?.calls.length === 1);
    await tick(50);
    expect(menuElement()).toBeNull();
  });

  it('for a login field inside an open shadow root', async () => {
    page('<div id="app"></div>');
    const root = document.querySelector('#app')!.attachShadow({ mode: 'open' });
    root.innerHTML = LOGIN_FORM;
    agent = startAgent(withMenu);
    await userEvent.click(root.querySelector('input[type=password]')!);
    await until(() => menuElement() !== null);
  });
});

describe('the inline menu closes', () => {
  it('on Escape, and does not come back until the field is left and focused again', async () => {
    page(LOGIN_FORM);
    agent = startAgent(withMenu);
    await userEvent.click($input('#user'));
    await until(() => menuElement() !== null);
    await userEvent.keyboard('{Escape}');
    expect(menuElement()).toBeNull();
    await userEvent.click($input('#user'));
    await tick(100);
    expect(menuElement()).toBeNull();
    expect(agent.calls).toHaveLength(1);
    // Leaving the field (to the password field opens its own menu), then back: it opens again.
    await userEvent.click($input('#pass'));
    await until(() => agent?.calls.length === 2 && menuElement() !== null);
    await userEvent.click($input('#user'));
    await until(() => agent?.calls.length === 3);
    await until(() => menuElement() !== null);
    expect(document.querySelectorAll('latchkey-frame')).toHaveLength(1);
  });

  it('when the field loses the focus to the page, not when it goes into the menu', async () => {
    page(`${LOGIN_FORM}<button id="other">other</button>`);
    agent = startAgent(withMenu);
    await userEvent.click($input('#pass'));
    await until(() => menuElement() !== null);
    // ArrowDown moves the focus into the menu: it stays open.
    await userEvent.keyboard('{ArrowDown}');
    await tick(300);
    expect(document.activeElement).toBe(menuElement());
    expect(menuElement()).not.toBeNull();
    // Back to the field, then away to something else: it closes after the grace delay.
    $input('#pass').focus();
    await tick(50);
    (document.querySelector('#other') as HTMLButtonElement).focus();
    await until(() => menuElement() === null);
  });

  it('when the field scrolls out of view', async () => {
    page(`${LOGIN_FORM}<div style="height:5000px"></div>`);
    agent = startAgent(withMenu);
    await userEvent.click($input('#user'));
    await until(() => menuElement() !== null);
    window.scrollTo(0, 3000);
    await until(() => menuElement() === null);
    window.scrollTo(0, 0);
  });
});
