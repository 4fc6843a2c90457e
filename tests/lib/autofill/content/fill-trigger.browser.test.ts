import { userEvent } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import {
  $input,
  LOGIN_FORM,
  MENU_ID,
  TOKEN,
  menuElement,
  page,
  startAgent,
  tick,
  until,
  type Agent,
} from './agent-harness';

/** The `fill` pushes by mode (fill-trigger.ts): which frame acts, and when a menu fill is refused. */
let agent: Agent | null = null;
afterEach(() => {
  agent?.controller.abort();
  agent = null;
  document.body.innerHTML = '';
});

const creds = { action: 'fill' as const, username: 'alice@example.com', password: 'correct horse' };
const fillPush = (mode: string) => ({ latchkey: 'fill', token: TOKEN, mode });

describe('shortcut', () => {
  it('fills the form of the focused field in the focused frame, and asks with the token', async () => {
    page(LOGIN_FORM);
    agent = startAgent({ 'autofill.fill': creds });
    $input('#user').focus();
    expect(document.hasFocus()).toBe(true);
    agent.push(fillPush('shortcut'));
    await until(() => $input('#pass').value === creds.password);
    expect($input('#user').value).toBe(creds.username);
    // (Focusing the field asked for the menu's candidates first; this background answers none.)
    expect(agent.calls.filter((call) => call.type === 'autofill.fill')).toEqual([
      { type: 'autofill.fill', request: { token: TOKEN } },
    ]);
    // The fill's own focus moves do not open the inline menu over what was filled.
    await tick(100);
    expect(menuElement()).toBeNull();
  });

  it('is ignored in a frame whose focus is in a child frame (that frame acts on its own)', async () => {
    page(`${LOGIN_FORM}<iframe id="child" srcdoc="<input id=inner>"></iframe>`);
    const child = document.querySelector('iframe')!;
    await until(() => child.contentDocument?.querySelector('#inner') !== null);
    agent = startAgent({ 'autofill.fill': creds });
    (child.contentDocument!.querySelector('#inner') as HTMLInputElement).focus();
    expect(document.activeElement).toBe(child);
    agent.push(fillPush('shortcut'));
    await tick(100);
    expect(agent.calls).toEqual([]);
    expect($input('#pass').value).toBe('');
  });

  it('is ignored in a document without the focus', async () => {
    page(LOGIN_FORM);
    agent = startAgent({ 'autofill.fill': creds });
    const hasFocus = Document.prototype.hasFocus;
    // A background tab or an unfocused sibling frame: what document.hasFocus() says there.
    Document.prototype.hasFocus = () => false;
    try {
      agent.push(fillPush('shortcut'));
      await tick(100);
    } finally {
      Document.prototype.hasFocus = hasFocus;
    }
    expect(agent.calls).toEqual([]);
  });

  it("opens the inline menu at the focused field on 'choose', and does nothing on 'none'", async () => {
    page(LOGIN_FORM);
    agent = startAgent({ 'autofill.fill': { action: 'none' } });
    $input('#pass').focus();
    agent.push(fillPush('shortcut'));
    await until(() => agent?.typesSent().includes('autofill.fill') === true);
    await tick(50);
    expect(menuElement()).toBeNull();
    expect($input('#pass').value).toBe('');
    agent.answers['autofill.fill'] = { action: 'choose', menuId: MENU_ID };
    agent.push(fillPush('shortcut'));
    await until(() => menuElement() !== null);
  });
});

describe('popup', () => {
  it('fills a frame with a visible login form, and asks nothing in a frame without one', async () => {
    page('<form><input type="search" name="q"></form>');
    agent = startAgent({ 'autofill.fill': creds });
    agent.push(fillPush('popup'));
    await tick(50);
    expect(agent.calls).toEqual([]);
    page(`${LOGIN_FORM.replace('<form', '<form style="display:none"')}`);
    agent.push(fillPush('popup'));
    await tick(50);
    expect(agent.calls).toEqual([]);
    page(LOGIN_FORM);
    agent.push(fillPush('popup'));
    await until(() => $input('#pass').value === creds.password);
  });
});

describe('menu', () => {
  it('is refused while the menu is not intact (shown < 500 ms, or faded by the page), and closes it', async () => {
    page(LOGIN_FORM);
    agent = startAgent({
      'autofill.candidates': { state: 'unlocked', candidates: [], menuId: MENU_ID },
      'autofill.fill': creds,
    });
    await userEvent.click($input('#user'));
    await until(() => menuElement() !== null);
    // Right away: a menu that just appeared under the cursor must not take a click.
    agent.push(fillPush('menu'));
    await tick(50);
    expect(agent.typesSent()).toEqual(['autofill.candidates']);
    expect(menuElement()).toBeNull();
    expect($input('#pass').value).toBe('');
  });

  it('is refused when the page fades the document under a settled menu', async () => {
    page(LOGIN_FORM);
    agent = startAgent({
      'autofill.candidates': { state: 'unlocked', candidates: [], menuId: MENU_ID },
      'autofill.fill': creds,
    });
    await userEvent.click($input('#user'));
    await until(() => menuElement() !== null);
    await tick(700);
    document.body.style.opacity = '0.01';
    try {
      agent.push(fillPush('menu'));
      await tick(50);
    } finally {
      document.body.style.opacity = '';
    }
    expect(agent.typesSent()).toEqual(['autofill.candidates']);
    expect($input('#pass').value).toBe('');
    expect(menuElement()).toBeNull();
  });

  it('fills the menu’s form once the menu has been intact for 500 ms, then closes it', async () => {
    page(LOGIN_FORM);
    agent = startAgent({
      'autofill.candidates': { state: 'unlocked', candidates: [], menuId: MENU_ID },
      'autofill.fill': creds,
    });
    await userEvent.click($input('#user'));
    await until(() => menuElement() !== null);
    await tick(700);
    agent.push(fillPush('menu'));
    await until(() => $input('#pass').value === creds.password);
    expect($input('#user').value).toBe(creds.username);
    expect(menuElement()).toBeNull();
    expect(agent.typesSent()).toEqual(['autofill.candidates', 'autofill.fill']);
  });

  it('fills nothing when the page tampers with the menu while the fill is on its way', async () => {
    page(LOGIN_FORM);
    const answers = {
      'autofill.candidates': { state: 'unlocked' as const, candidates: [], menuId: MENU_ID },
      'autofill.fill': creds,
    };
    agent = startAgent(answers, true, 300);
    await userEvent.click($input('#user'));
    await until(() => menuElement() !== null);
    await tick(700);
    agent.push(fillPush('menu'));
    await tick(20);
    expect(agent.typesSent()).toEqual(['autofill.candidates', 'autofill.fill']);
    // The page removes our host (the fields stay visible and fillable: only the menu's fate decides).
    menuElement()?.remove();
    await tick(500);
    expect(menuElement()).toBeNull();
    expect($input('#user').value).toBe('');
    expect($input('#pass').value).toBe('');
  });

  it('does nothing in a frame without an open menu', async () => {
    page(LOGIN_FORM);
    agent = startAgent({ 'autofill.fill': creds });
    agent.push(fillPush('menu'));
    await tick(50);
    expect(agent.calls).toEqual([]);
  });
});
