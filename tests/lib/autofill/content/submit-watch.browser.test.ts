import { userEvent } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import { $input, LOGIN_FORM, TOKEN, page, startAgent, tick, until, type Agent } from './agent-harness';

/**
 * The save prompt's trigger (submit-watch.ts, user-values.ts): only passwords the user typed (trusted input)
 * or we filled are reported, once per form and values, whichever of submit / click / Enter fires.
 */
let agent: Agent | null = null;
afterEach(() => {
  agent?.controller.abort();
  agent = null;
  document.body.innerHTML = '';
});

const submitted = (): unknown[] =>
  agent?.calls.filter((c) => c.type === 'autofill.submitted').map((c) => c.request) ?? [];
const button = (selector = '#go'): HTMLElement => document.querySelector<HTMLElement>(selector)!;

describe('login forms', () => {
  it('reports typed credentials once, however many submit signals fire, and again when they change', async () => {
    page(LOGIN_FORM);
    agent = startAgent({ 'autofill.submitted': { prompt: true } });
    await userEvent.type($input('#user'), 'alice@example.com');
    await userEvent.type($input('#pass'), 'hunter22');
    // A trusted click on "Sign in" fires the click and then the form's submit event.
    await userEvent.click(button());
    await userEvent.keyboard('{Enter}');
    await until(() => submitted().length > 0);
    await tick(50);
    expect(submitted()).toEqual([{ kind: 'login', username: 'alice@example.com', password: 'hunter22' }]);
    await userEvent.type($input('#pass'), '!');
    await userEvent.click(button());
    await until(() => submitted().length === 2);
    expect(submitted()[1]).toEqual({ kind: 'login', username: 'alice@example.com', password: 'hunter22!' });
  });

  it('reports nothing for a password set by a script, even with a synthetic input event', async () => {
    page(LOGIN_FORM);
    agent = startAgent({ 'autofill.submitted': { prompt: true } });
    await userEvent.type($input('#user'), 'alice@example.com');
    $input('#pass').value = 'planted';
    $input('#pass').dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await userEvent.click(button());
    document.querySelector('form')!.requestSubmit();
    await tick(100);
    expect(submitted()).toEqual([]);
  });

  it('reports nothing once a script rewrote the password the user typed', async () => {
    page(LOGIN_FORM);
    agent = startAgent({ 'autofill.submitted': { prompt: true } });
    await userEvent.type($input('#pass'), 'typed-one');
    $input('#pass').value = 'swapped';
    await userEvent.click(button());
    await tick(100);
    expect(submitted()).toEqual([]);
  });

  it('never reads a form the user did not type into', async () => {
    page(`${LOGIN_FORM}
      <form id="other"><input id="u2" name="login" autocomplete="username" value="bob">
      <input id="p2" type="password" name="pwd" value="planted"><button id="go2">Log in</button></form>`);
    agent = startAgent({ 'autofill.submitted': { prompt: true } });
    await userEvent.type($input('#pass'), 'typed-in-first');
    await userEvent.click(button('#go2'));
    await tick(100);
    expect(submitted()).toEqual([]);
  });

  it('reports a formless login on Enter in its password field', async () => {
    page(`<div class="login"><div><input id="user" name="username" autocomplete="username"></div>
      <div><input id="pass" type="password" name="password"></div>
      <div role="button" id="go">Log in</div></div>`);
    agent = startAgent({ 'autofill.submitted': { prompt: true } });
    await userEvent.type($input('#user'), 'carol');
    await userEvent.type($input('#pass'), 's3cret-pass');
    await userEvent.keyboard('{Enter}');
    await until(() => submitted().length === 1);
    await userEvent.click(button());
    await tick(50);
    expect(submitted()).toEqual([{ kind: 'login', username: 'carol', password: 's3cret-pass' }]);
  });

  it('reports the username typed on the first step of a two-step login with the password step', async () => {
    page(`<form id="step1"><input id="user" type="email" name="identifier" autocomplete="username">
      <button id="go">Next</button></form>`);
    agent = startAgent({ 'autofill.submitted': { prompt: true } });
    await userEvent.type($input('#user'), 'frank@example.com');
    await userEvent.click(button());
    await tick(50);
    expect(submitted()).toEqual([]);
    page(`<form id="step2"><input id="pass" type="password" name="Passwd" autocomplete="current-password">
      <button id="go">Next</button></form>`);
    await userEvent.type($input('#pass'), 'second-step-pw');
    await userEvent.click(button());
    await until(() => submitted().length === 1);
    expect(submitted()).toEqual([
      { kind: 'login', username: 'frank@example.com', password: 'second-step-pw' },
    ]);
  });

  it('reports credentials we filled (the user chose them)', async () => {
    page(LOGIN_FORM);
    agent = startAgent({
      'autofill.fill': { action: 'fill', username: 'dave', password: 'filled-pass' },
      'autofill.submitted': { prompt: false },
    });
    agent.push({ latchkey: 'fill', token: TOKEN, mode: 'popup' });
    await until(() => $input('#pass').value === 'filled-pass');
    await userEvent.click(button());
    await until(() => submitted().length === 1);
    expect(submitted()).toEqual([{ kind: 'login', username: 'dave', password: 'filled-pass' }]);
  });
});

describe('sign-up and change-password forms', () => {
  it('reports a sign-up’s new password as `password`', async () => {
    page(`<form id="signup"><input id="email" type="email" name="email" autocomplete="email">
      <input id="new" type="password" name="password" autocomplete="new-password">
      <input id="confirm" type="password" name="password_confirmation" autocomplete="new-password">
      <button id="go">Create account</button></form>`);
    agent = startAgent({ 'autofill.submitted': { prompt: true } });
    await userEvent.type($input('#email'), 'erin@example.com');
    await userEvent.type($input('#new'), 'brand-new-pw');
    await userEvent.type($input('#confirm'), 'brand-new-pw');
    await userEvent.click(button());
    await until(() => submitted().length === 1);
    expect(submitted()).toEqual([{ kind: 'signup', username: 'erin@example.com', password: 'brand-new-pw' }]);
  });

  it('reports a change of password with the current and the new one', async () => {
    page(`<form id="change"><input id="current" type="password" name="current_password" autocomplete="current-password">
      <input id="new" type="password" name="new_password" autocomplete="new-password">
      <input id="confirm" type="password" name="confirm_password" autocomplete="new-password">
      <button id="go">Update password</button></form>`);
    agent = startAgent({ 'autofill.submitted': { prompt: true } });
    await userEvent.type($input('#current'), 'old-pw-1');
    await userEvent.type($input('#new'), 'new-pw-22');
    await userEvent.type($input('#confirm'), 'new-pw-22');
    await userEvent.click(button());
    await until(() => submitted().length === 1);
    expect(submitted()[0]).toMatchObject({
      kind: 'change-password',
      password: 'old-pw-1',
      newPassword: 'new-pw-22',
    });
  });
});
