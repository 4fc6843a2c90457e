import { createElement, useState, type ChangeEvent } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fillForm } from '../../../lib/autofill/fill-form';

// Real React 19 (react-dom/client) in Chromium: controlled inputs whose value lives in useState. React tracks
// the last value it saw on each input and drops an input event whose value matches, then puts its state back
// on the next render: a fill that only changes the DOM is wiped. The naive control below shows that this test
// tells the two apart.

const CREDENTIALS = { username: 'ada@example.com', password: 'correct horse battery staple' };

/** What the component's state held at its last render. */
const state = { username: '', password: '', renders: 0 };

function Login({ tick }: { tick: number }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  Object.assign(state, { username, password, renders: state.renders + 1 });
  const field = (name: string, value: string, set: (v: string) => void) =>
    createElement('input', {
      name,
      type: name === 'password' ? 'password' : 'text',
      value,
      onChange: (e: ChangeEvent<HTMLInputElement>) => set(e.target.value),
    });
  return createElement(
    'form',
    { 'data-tick': tick },
    field('username', username, setUsername),
    field('password', password, setPassword),
  );
}

let root: Root | null = null;
let container: HTMLElement | null = null;
afterEach(() => {
  root?.unmount();
  container?.remove();
  [root, container] = [null, null];
});

async function mountLogin(): Promise<{ username: HTMLInputElement; password: HTMLInputElement }> {
  Object.assign(state, { username: '', password: '', renders: 0 });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  root.render(createElement(Login, { tick: 0 }));
  await vi.waitFor(() => expect(state.renders).toBeGreaterThan(0));
  const [username, password] = container.querySelectorAll('input');
  if (!username || !password) throw new Error('not rendered');
  return { username, password };
}

/** Re-renders with a new prop: React writes its state back into the controlled inputs. */
async function rerender(): Promise<void> {
  const before = state.renders;
  root?.render(createElement(Login, { tick: before }));
  await vi.waitFor(() => expect(state.renders).toBeGreaterThan(before));
}

describe('fill into React 19 controlled inputs', () => {
  test('the state holds the filled values, and a re-render keeps them', async () => {
    const { username, password } = await mountLogin();
    expect(fillForm({ kind: 'login', username, password }, CREDENTIALS)).toEqual([username, password]);
    await vi.waitFor(() =>
      expect([state.username, state.password]).toEqual([CREDENTIALS.username, CREDENTIALS.password]),
    );
    await rerender();
    expect([username.value, password.value]).toEqual([CREDENTIALS.username, CREDENTIALS.password]);
  });

  test('control: a naive fill (input.value = …, then an input event) is lost on re-render', async () => {
    const { username } = await mountLogin();
    username.value = CREDENTIALS.username;
    username.dispatchEvent(new Event('input', { bubbles: true }));
    await rerender();
    expect(state.username).toBe('');
    expect(username.value).toBe('');
  });

  test('filling over a value the user typed replaces it in the state', async () => {
    const { username, password } = await mountLogin();
    fillForm({ kind: 'login', username, password }, { username: 'first', password: 'one' });
    await vi.waitFor(() => expect(state.username).toBe('first'));
    fillForm({ kind: 'login', username, password }, CREDENTIALS);
    await vi.waitFor(() => expect(state.username).toBe(CREDENTIALS.username));
    await rerender();
    expect(password.value).toBe(CREDENTIALS.password);
  });
});
