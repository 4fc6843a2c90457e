import { afterEach, describe, expect, test } from 'vitest';
import { fillField, fillForm } from '../../../lib/autofill/fill-form';
import type { LoginForm } from '../../../lib/autofill/login-form';

// Real Chromium: the events a fill produces, which fields a form kind gets, hidden fields left alone, and
// where focus ends. The framework tests (fill-react/vue/angular) show the events are the ones frameworks need.

const CREDENTIALS = { username: 'ada@example.com', password: 'correct horse battery staple' };
const TRACKED = [
  'focus',
  'focusin',
  'keydown',
  'beforeinput',
  'input',
  'keyup',
  'change',
  'blur',
  'focusout',
];

let stage: HTMLElement | null = null;
afterEach(() => {
  stage?.remove();
  stage = null;
});

/** A form with one input per name, each visible and 160×24 px unless `styles` says otherwise. */
function mount(names: string[], styles: Record<string, string> = {}): Record<string, HTMLInputElement> {
  stage = document.createElement('form');
  const inputs: Record<string, HTMLInputElement> = {};
  for (const name of names) {
    const input = document.createElement('input');
    input.name = name;
    input.type = name.toLowerCase().includes('password') ? 'password' : 'text';
    input.style.cssText = `display:block;width:160px;height:24px;${styles[name] ?? ''}`;
    stage.append(input);
    inputs[name] = input;
  }
  document.body.append(stage);
  return inputs;
}

function login(f: Record<string, HTMLInputElement>): LoginForm {
  return { kind: 'login', username: f.username ?? null, password: f.password ?? null };
}

/** Every tracked event on `input`, as "type" or "type:inputType:data" with the value the page saw then. */
function record(input: HTMLInputElement): string[] {
  const log: string[] = [];
  for (const type of TRACKED) {
    input.addEventListener(type, (event) => {
      const extra = event instanceof InputEvent ? `:${event.inputType}:${event.data ?? ''}` : '';
      log.push(`${type}${extra}=${input.value}`);
    });
  }
  return log;
}

describe('fillField', () => {
  test('dispatches the events of typing, in order, with the value set between beforeinput and input', () => {
    const { username } = mount(['username']);
    if (!username) throw new Error('no field');
    document.body.focus();
    const log = record(username);
    const seen: Event[] = [];
    document.addEventListener('input', (e) => seen.push(e), { once: true });
    fillField(username, 'ada');
    expect(log).toEqual([
      'focus=',
      'focusin=',
      'keydown=',
      'beforeinput:insertReplacementText:ada=',
      'input:insertReplacementText:ada=ada',
      'keyup=ada',
      'change=ada',
    ]);
    expect(document.activeElement).toBe(username);
    // Bubbling and composed, like the browser's own input events: listeners on the document or across a
    // shadow boundary (React's root listener, web components) see them.
    expect(seen[0]?.bubbles && seen[0].composed).toBe(true);
  });

  test('a field already showing the value still gets the events (state restored without events)', () => {
    const { username } = mount(['username']);
    if (!username) throw new Error('no field');
    username.value = 'ada';
    const log = record(username);
    fillField(username, 'ada');
    expect(log.filter((e) => e.startsWith('input:'))).toEqual(['input:insertReplacementText:ada=ada']);
  });

  test('the native setter is used: an instance-level value setter (React’s tracker) is bypassed', () => {
    const { username } = mount(['username']);
    if (!username) throw new Error('no field');
    const trackedWrites: string[] = [];
    const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
    Object.defineProperty(username, 'value', {
      configurable: true,
      get: () => native?.get?.call(username) as string,
      set: (v: string) => {
        trackedWrites.push(v);
        native?.set?.call(username, v);
      },
    });
    fillField(username, 'ada');
    expect(trackedWrites).toEqual([]);
    expect(username.value).toBe('ada');
  });
});

describe('fillForm', () => {
  test('login: fills username and password and returns both', () => {
    const f = mount(['username', 'password']);
    expect(fillForm(login(f), CREDENTIALS)).toEqual([f.username, f.password]);
    expect([f.username?.value, f.password?.value]).toEqual([CREDENTIALS.username, CREDENTIALS.password]);
  });

  test('multi-step: a username-only step gets the username, a password-only step the password', () => {
    const step1 = mount(['username']);
    expect(
      fillForm({ kind: 'login', username: step1.username ?? null, password: null }, CREDENTIALS),
    ).toEqual([step1.username]);
    expect(step1.username?.value).toBe(CREDENTIALS.username);
    expect(document.activeElement).toBe(step1.username);

    const step2 = mount(['password']);
    expect(
      fillForm({ kind: 'login', username: null, password: step2.password ?? null }, CREDENTIALS),
    ).toEqual([step2.password]);
    expect(step2.password?.value).toBe(CREDENTIALS.password);
  });

  test('multi-step on one page: the step on screen is filled, the hidden one is not', () => {
    // Both steps in the DOM, the password step still hidden (as Google/Microsoft-style flows do).
    const f = mount(['username', 'password'], { password: 'display:none' });
    expect(fillForm(login(f), CREDENTIALS)).toEqual([f.username]);
    expect(f.password?.value).toBe('');
  });

  test('change-password: only the current password; the new ones stay empty', () => {
    const f = mount(['username', 'password', 'newPassword', 'confirmPassword']);
    const form: LoginForm = {
      kind: 'change-password',
      username: f.username ?? null,
      password: f.password ?? null,
      newPassword: f.newPassword ?? null,
      confirmPassword: f.confirmPassword ?? null,
    };
    expect(fillForm(form, CREDENTIALS)).toEqual([f.password]);
    expect(Object.values(f).map((i) => i.value)).toEqual(['', CREDENTIALS.password, '', '']);
  });

  test('signup: nothing is filled and no event reaches the page', () => {
    const f = mount(['username', 'newPassword', 'confirmPassword']);
    const logs = Object.values(f).map(record);
    const form: LoginForm = {
      kind: 'signup',
      username: f.username ?? null,
      password: null,
      newPassword: f.newPassword ?? null,
      confirmPassword: f.confirmPassword ?? null,
    };
    expect(fillForm(form, CREDENTIALS)).toEqual([]);
    expect(Object.values(f).map((i) => i.value)).toEqual(['', '', '']);
    expect(logs.flat()).toEqual([]);
  });

  test('a login saved without a username leaves the username field alone', () => {
    const f = mount(['username', 'password']);
    if (f.username) f.username.value = 'typed-by-user';
    expect(fillForm(login(f), { username: '', password: 'pw' })).toEqual([f.password]);
    expect(f.username?.value).toBe('typed-by-user');
  });

  test.each([
    ['display: none', 'display:none'],
    ['visibility: hidden', 'visibility:hidden'],
    ['opacity: 0', 'opacity:0'],
    ['1×1 px', 'width:1px;height:1px;padding:0;border:0'],
    ['off-screen', 'position:absolute;left:-9999px'],
    ['clip: rect(0 0 0 0)', 'position:absolute;clip:rect(0 0 0 0)'],
    ['clip-path: inset(50%)', 'clip-path:inset(50%)'],
  ])('a password hidden by %s is never filled, nor sent any event', (_name, style) => {
    const f = mount(['username', 'password'], { password: style });
    const log = f.password ? record(f.password) : [];
    expect(fillForm(login(f), CREDENTIALS)).toEqual([f.username]);
    expect(f.password?.value).toBe('');
    expect(log).toEqual([]);
  });

  test('a form under an ancestor with opacity 0.01 is not filled at all', () => {
    const f = mount(['username', 'password']);
    if (stage) stage.style.opacity = '0.01';
    expect(fillForm(login(f), CREDENTIALS)).toEqual([]);
    expect([f.username?.value, f.password?.value]).toEqual(['', '']);
  });

  test.each(['disabled', 'readOnly'] as const)('a %s password is never filled', (prop) => {
    const f = mount(['username', 'password']);
    if (f.password) f.password[prop] = true;
    expect(fillForm(login(f), CREDENTIALS)).toEqual([f.username]);
    expect(f.password?.value).toBe('');
  });

  test('focus: back to the field the user was in, the other one blurred after its fill', () => {
    const f = mount(['username', 'password']);
    f.username?.focus();
    const passwordLog = f.password ? record(f.password) : [];
    fillForm(login(f), CREDENTIALS);
    expect(document.activeElement).toBe(f.username);
    expect(passwordLog.slice(0, 2)).toEqual(['focus=', 'focusin=']);
    expect(passwordLog.slice(-2)).toEqual([
      `blur=${CREDENTIALS.password}`,
      `focusout=${CREDENTIALS.password}`,
    ]);
  });

  test('focus: stays in a field of the form the user was in even when that one is not filled', () => {
    const f = mount(['username', 'password', 'newPassword']);
    f.newPassword?.focus();
    const form: LoginForm = {
      kind: 'change-password',
      username: null,
      password: f.password ?? null,
      newPassword: f.newPassword ?? null,
    };
    expect(fillForm(form, CREDENTIALS)).toEqual([f.password]);
    expect(document.activeElement).toBe(f.newPassword);
  });

  test('focus: untouched when nothing is filled', () => {
    const f = mount(['username', 'password'], { username: 'display:none', password: 'display:none' });
    const elsewhere = document.createElement('button');
    stage?.append(elsewhere);
    elsewhere.focus();
    expect(fillForm(login(f), CREDENTIALS)).toEqual([]);
    expect(document.activeElement).toBe(elsewhere);
  });

  test('focus: from elsewhere on the page, it ends on the password field', () => {
    const f = mount(['username', 'password']);
    const elsewhere = document.createElement('button');
    stage?.append(elsewhere);
    elsewhere.focus();
    fillForm(login(f), CREDENTIALS);
    expect(document.activeElement).toBe(f.password);
  });

  test('fields inside an open shadow root: focus returns to the one the user was in', () => {
    const host = document.createElement('div');
    stage = host;
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const [username, password] = ['text', 'password'].map((type) => {
      const input = Object.assign(document.createElement('input'), { type });
      root.append(input);
      return input;
    });
    if (!username || !password) throw new Error('no fields');
    username.focus();
    expect(fillForm({ kind: 'login', username, password }, CREDENTIALS)).toEqual([username, password]);
    expect(root.activeElement).toBe(username);
    expect(password.value).toBe(CREDENTIALS.password);
  });
});
