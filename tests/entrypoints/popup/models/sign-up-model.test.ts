import { describe, expect, test } from 'vitest';
import {
  PASSWORDS_DONT_MATCH,
  SIGN_UP_FIELDS,
  SignUpModel,
} from '../../../../entrypoints/popup/models/sign-up-model';
import { fail, ok, settle } from '../support/scripted-background';
import {
  EMAIL,
  kitArtifacts,
  SERVER,
  SIGNED_OUT,
  startPopup,
  STRONG_PASSWORD,
  UNLOCKED,
} from '../support/popup-harness';

async function signUpScreen(script: Parameters<typeof startPopup>[1] = {}) {
  const harness = await startPopup(SIGNED_OUT, script);
  harness.deps.app.go({ screen: 'sign-up' });
  const model = new SignUpModel(harness.deps);
  return { ...harness, model };
}

function fill(model: SignUpModel, email: string, password: string, confirm = password) {
  model.setEmail(email);
  model.setPassword(password);
  model.confirm.value = confirm;
}

describe('SignUpModel', () => {
  test('creates the account, then shows the kit with the emailed line, then remembers the new status', async () => {
    const kit = await kitArtifacts(true);
    let unlocked = false;
    const { model, deps, background } = await signUpScreen({
      'account.signUp': () => {
        unlocked = true;
        return ok(kit);
      },
    });
    background.script['status.get'] = () => ok(unlocked ? UNLOCKED : SIGNED_OUT);
    fill(model, EMAIL, STRONG_PASSWORD);
    await model.submit();
    await settle();
    expect(background.callsOf('account.signUp')).toEqual([
      { serverUrl: SERVER, email: EMAIL, password: STRONG_PASSWORD, emailKit: true },
    ]);
    expect(deps.app.route.value).toEqual({ screen: 'kit', kit, reason: 'sign-up' });
    expect(deps.app.status.value?.phase).toBe('unlocked');
  });

  test('sends "Email me my kit" as the user left it', async () => {
    const kit = await kitArtifacts(null);
    const { model, background } = await signUpScreen({ 'account.signUp': () => ok(kit) });
    fill(model, EMAIL, STRONG_PASSWORD);
    model.emailKit.value = false;
    await model.submit();
    expect(background.callsOf('account.signUp')).toMatchObject([{ emailKit: false }]);
  });

  test('refuses a weak password with the reason, on the password field, without sending', async () => {
    const { model, background } = await signUpScreen();
    fill(model, EMAIL, 'password1234');
    await model.submit();
    expect(model.task.error.value).toEqual({
      code: 'input',
      message: 'Too easy to guess: this is similar to a commonly used password',
      field: SIGN_UP_FIELDS.password,
    });
    fill(model, EMAIL, 'short');
    await model.submit();
    expect(model.task.error.value?.message).toBe('Too short: use at least 10 characters');
    fill(model, EMAIL, 'john.doe-maple-orbit-tundra');
    await model.submit();
    expect(model.task.error.value?.message).toBe("Don't use your email address in your password");
    expect(background.callsOf('account.signUp')).toHaveLength(0);
  });

  test('refuses mismatched passwords, keeping everything typed', async () => {
    const { model, background } = await signUpScreen();
    fill(model, EMAIL, STRONG_PASSWORD, `${STRONG_PASSWORD}!`);
    await model.submit();
    expect(model.task.error.value).toEqual({
      code: 'input',
      message: PASSWORDS_DONT_MATCH,
      field: SIGN_UP_FIELDS.confirm,
    });
    expect(model.task.error.value?.message).toBe("Passwords don't match");
    expect([model.email.value, model.password.value, model.confirm.value]).toEqual([
      EMAIL,
      STRONG_PASSWORD,
      `${STRONG_PASSWORD}!`,
    ]);
    expect(background.callsOf('account.signUp')).toHaveLength(0);
  });

  test('points at the email or server field before sending anything', async () => {
    const { model, background } = await signUpScreen();
    fill(model, 'not-an-email', STRONG_PASSWORD);
    await model.submit();
    expect(model.task.error.value?.field).toBe(SIGN_UP_FIELDS.email);
    fill(model, EMAIL, STRONG_PASSWORD);
    model.serverUrl.value = 'sync.example.com';
    await model.submit();
    expect(model.task.error.value?.field).toBe(SIGN_UP_FIELDS.server);
    model.serverUrl.value = 'ftp://sync.example.com';
    await model.submit();
    expect(model.task.error.value?.message).toBe('The server address must start with https://');
    expect(background.calls.filter((c) => c.type !== 'status.get')).toHaveLength(0);
  });

  test('shows the background refusal on the field it concerns, with retry time when given', async () => {
    const { model } = await signUpScreen({
      'account.signUp': () =>
        fail('email-taken', 'An account with this email already exists. Sign in instead.'),
    });
    fill(model, EMAIL, STRONG_PASSWORD);
    await model.submit();
    expect(model.task.error.value).toEqual({
      code: 'email-taken',
      message: 'An account with this email already exists. Sign in instead.',
      field: SIGN_UP_FIELDS.email,
    });

    const limited = await signUpScreen({
      'account.signUp': () => fail('rate-limited', 'Too many sign-ups from here.', { retryAfter: 30 }),
    });
    fill(limited.model, EMAIL, STRONG_PASSWORD);
    await limited.model.submit();
    expect(limited.model.task.error.value?.message).toBe(
      'Too many sign-ups from here. Try again in 30 seconds.',
    );

    const offline = await signUpScreen({
      'account.signUp': () => fail('network', 'The server cannot be reached.'),
    });
    fill(offline.model, EMAIL, STRONG_PASSWORD);
    await offline.model.submit();
    expect(offline.model.task.error.value?.field).toBe(SIGN_UP_FIELDS.server);
  });

  test('is busy while the account is made, and a second submit sends nothing more', async () => {
    const kit = await kitArtifacts();
    let release: () => void = () => undefined;
    const { model, background } = await signUpScreen({
      'account.signUp': () => new Promise((resolve) => (release = () => resolve(ok(kit)))),
    });
    fill(model, EMAIL, STRONG_PASSWORD);
    const first = model.submit();
    await settle();
    expect(model.task.busy.value).toBe(true);
    expect(model.task.progress.value).toBe('Creating your account…');
    await model.submit();
    release();
    await first;
    expect(model.task.busy.value).toBe(false);
    expect(background.callsOf('account.signUp')).toHaveLength(1);
  });
});
