// JIT: Angular compiles the templates below in the browser, so its compiler must load first.
import '@angular/compiler';
import { ApplicationRef, Component, provideZonelessChangeDetection, signal, type Type } from '@angular/core';
import { FormControl, FormGroup, FormsModule, ReactiveFormsModule } from '@angular/forms';
import { bootstrapApplication } from '@angular/platform-browser';
import { afterEach, describe, expect, test } from 'vitest';
import { fillForm } from '../../../lib/autofill/fill-form';

// Real Angular 20.3, zoneless, in Chromium. Components are declared without TypeScript decorators by applying
// the decorator factory to the class, which is what a decorator compiles to. Both form APIs read the page's
// events through DefaultValueAccessor (`input` for the value, `blur` for "touched").

const CREDENTIALS = { username: 'ada@example.com', password: 'correct horse battery staple' };

let app: ApplicationRef | null = null;
afterEach(() => {
  app?.destroy();
  app = null;
  document.querySelector('app-login')?.remove();
});

async function boot<T>(component: Type<T>) {
  document.body.append(document.createElement('app-login'));
  app = await bootstrapApplication(component, { providers: [provideZonelessChangeDetection()] });
  await app.whenStable();
  const instance = app.components[0]?.instance as T;
  const [username, password] = document.querySelectorAll<HTMLInputElement>('app-login input');
  if (!username || !password) throw new Error('not rendered');
  return { instance, username, password };
}

/** Re-renders the component (a signal read by the template changes) and waits for the view. */
async function rerender(tick: { set(v: number): void }): Promise<void> {
  tick.set(Date.now());
  await app?.whenStable();
}

const TemplateLogin = Component({
  selector: 'app-login',
  imports: [FormsModule],
  template: `<form [attr.data-tick]="tick()">
      <input name="username" [(ngModel)]="username" />
      <input name="password" type="password" [(ngModel)]="password" />
      <output>{{ username }}|{{ password }}</output>
    </form>`,
})(
  class {
    username = '';
    password = '';
    tick = signal(0);
  },
);

const ReactiveLogin = Component({
  selector: 'app-login',
  imports: [ReactiveFormsModule],
  template: `<form [formGroup]="form" [attr.data-tick]="tick()">
      <input formControlName="username" />
      <input formControlName="password" type="password" />
      <output>{{ form.value.username }}|{{ form.value.password }}</output>
    </form>`,
})(
  class {
    form = new FormGroup({ username: new FormControl(''), password: new FormControl('') });
    tick = signal(0);
  },
);

describe('fill into Angular 20.3 (zoneless, JIT)', () => {
  test('FormsModule ngModel: the model holds the values, the view shows them after a re-render', async () => {
    const { instance, username, password } = await boot(TemplateLogin);
    expect(fillForm({ kind: 'login', username, password }, CREDENTIALS)).toEqual([username, password]);
    expect([instance.username, instance.password]).toEqual([CREDENTIALS.username, CREDENTIALS.password]);
    await rerender(instance.tick);
    expect(document.querySelector('app-login output')?.textContent).toBe(
      `${CREDENTIALS.username}|${CREDENTIALS.password}`,
    );
    expect([username.value, password.value]).toEqual([CREDENTIALS.username, CREDENTIALS.password]);
  });

  test('ReactiveForms FormControl: the controls hold the values; the field left behind is touched', async () => {
    const { instance, username, password } = await boot(ReactiveLogin);
    const elsewhere = document.createElement('button');
    document.querySelector('app-login')?.append(elsewhere);
    elsewhere.focus();
    fillForm({ kind: 'login', username, password }, CREDENTIALS);
    expect(instance.form.getRawValue()).toEqual(CREDENTIALS);
    expect(instance.form.controls.username.dirty).toBe(true);
    // Focus ended on the password (ready for Enter), so the username was blurred: Angular marks it touched.
    expect(instance.form.controls.username.touched).toBe(true);
    await rerender(instance.tick);
    expect(document.querySelector('app-login output')?.textContent).toBe(
      `${CREDENTIALS.username}|${CREDENTIALS.password}`,
    );
  });

  test('control: a value set without events never reaches the model', async () => {
    const { instance, username } = await boot(ReactiveLogin);
    username.value = CREDENTIALS.username;
    await rerender(instance.tick);
    expect(instance.form.getRawValue().username).toBe('');
  });
});
