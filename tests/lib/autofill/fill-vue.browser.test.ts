import { createApp, defineComponent, h, nextTick, ref, vModelText, withDirectives, type App } from 'vue';
import { afterEach, describe, expect, test } from 'vitest';
import { fillForm } from '../../../lib/autofill/fill-form';

// Real Vue 3.5 in Chromium. `withDirectives(h('input'), [[vModelText, …]])` is exactly what Vue's template
// compiler emits for `<input v-model="x">` (and, with the `lazy` modifier, `v-model.lazy`): the runtime
// directive is the code that listens to the page's events. v-model listens to `input`, v-model.lazy only
// to `change`.

const CREDENTIALS = { username: 'ada@example.com', password: 'correct horse battery staple' };

let app: App | null = null;
let container: HTMLElement | null = null;
afterEach(() => {
  app?.unmount();
  container?.remove();
  [app, container] = [null, null];
});

function mountLogin(lazy: boolean) {
  const username = ref('');
  const password = ref('');
  const tick = ref(0);
  const modifiers = lazy ? { lazy: true } : {};
  const Login = defineComponent(
    () => () =>
      h('form', { 'data-tick': tick.value }, [
        withDirectives(
          h('input', { name: 'username', 'onUpdate:modelValue': (v: string) => (username.value = v) }),
          [[vModelText, username.value, undefined, modifiers]],
        ),
        withDirectives(
          h('input', {
            name: 'password',
            type: 'password',
            'onUpdate:modelValue': (v: string) => (password.value = v),
          }),
          [[vModelText, password.value, undefined, modifiers]],
        ),
      ]),
  );
  container = document.createElement('div');
  document.body.append(container);
  app = createApp(Login);
  app.mount(container);
  const [u, p] = container.querySelectorAll('input');
  if (!u || !p) throw new Error('not rendered');
  return { username, password, tick, fields: { username: u, password: p } };
}

describe.each([
  ['v-model', false],
  ['v-model.lazy', true],
])('fill into Vue 3.5 %s', (_name, lazy) => {
  test('the refs hold the filled values, and a re-render keeps them', async () => {
    const { username, password, tick, fields } = mountLogin(lazy);
    expect(fillForm({ kind: 'login', ...fields }, CREDENTIALS)).toEqual([fields.username, fields.password]);
    expect([username.value, password.value]).toEqual([CREDENTIALS.username, CREDENTIALS.password]);
    tick.value++;
    await nextTick();
    expect([fields.username.value, fields.password.value]).toEqual([
      CREDENTIALS.username,
      CREDENTIALS.password,
    ]);
  });

  test('control: an input event alone does not reach a lazy model (so `change` is what counts)', () => {
    const { username, fields } = mountLogin(lazy);
    fields.username.value = 'typed';
    fields.username.dispatchEvent(new Event('input', { bubbles: true }));
    expect(username.value).toBe(lazy ? '' : 'typed');
  });

  test('a model set by the page first is replaced by the fill', () => {
    const { username, fields } = mountLogin(lazy);
    username.value = 'someone-else';
    fillForm({ kind: 'login', username: fields.username, password: null }, CREDENTIALS);
    expect(username.value).toBe(CREDENTIALS.username);
  });
});
