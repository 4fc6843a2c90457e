import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateAccountKey } from '../../../lib/account/account-key';
import { WrongPasswordError } from '../../../lib/account/errors';
import { parseKit } from '../../../lib/account/kit-payload';
import { generateRecoverySecret, WrongRecoveryKitError } from '../../../lib/account/recovery-key';
import { makeRecoveryKit, NotRecoveryKitError } from '../../../lib/account/recovery-kit';
import { checkAccount } from '../../../lib/account-service/check-account';
import { listDevices } from '../../../lib/account-service/devices';
import { unlock } from '../../../lib/account-service/open-account-key';
import { toProtocolError } from '../../../lib/account-service/protocol-error';
import { createRecoveryKit, removeRecoveryKit } from '../../../lib/account-service/recovery-kit-setup';
import { signInWithKit } from '../../../lib/account-service/sign-in-with-kit';
import { signUp } from '../../../lib/account-service/sign-up';
import { unlockAfterPasswordChange } from '../../../lib/account-service/unlock-after-password-change';
import { useRecoveryKit } from '../../../lib/account-service/use-recovery-kit';
import { apiFailure, failure, startServiceServer, uniqueEmail, type ServiceServer } from './service-server';

const PASSWORD = 'correct horse battery staple';

/** DESIGN §1 "Forgot password" with a Recovery Kit: a new password, no data lost (the vault key is unchanged). */
describe('Recovery Kit', () => {
  let s: ServiceServer;
  let email: string;
  let deviceA: Awaited<ReturnType<typeof signUp>>;
  let created: Awaited<ReturnType<typeof createRecoveryKit>>;
  let typed: Awaited<ReturnType<typeof useRecoveryKit>>;

  beforeAll(async () => {
    s = await startServiceServer();
    email = uniqueEmail('recovery');
    deviceA = await signUp(
      { serverUrl: s.serverUrl, email, password: PASSWORD, emailKit: false },
      s.deps('A'),
    );
  }, 60_000);
  afterAll(() => s?.stop());

  test('making it asks for the password', async () => {
    await expect(createRecoveryKit(deviceA.state, 'wrong', s.deps('A'))).rejects.toThrow(WrongPasswordError);
  });

  test('made from a session older than 10 minutes: logs in again first, without a second device entry', async () => {
    s.server.clock.advance(11 * 60_000);
    created = await createRecoveryKit(deviceA.state, PASSWORD, s.deps('A'));
    expect(created.state.hasRecovery).toBe(true);
    expect(created.state.token).not.toBe(deviceA.state.token);
    expect(created.kit).toMatchObject({ email: email.toLowerCase() });
    expect(created.kit.payloadText.startsWith('LATCHKEY-RECOVERY:')).toBe(true);
    expect(created.kit.recoveryCode).toMatch(/^LKR1-/);
    expect(created.kit.accountKey).toMatch(/^LK1-/);
    expect((await listDevices(created.state, s.deps('A'))).map((d) => d.name)).toEqual(['A']);
    await expect(checkAccount(created.state, deviceA.keys, s.deps('A'))).resolves.toMatchObject({
      hasRecovery: true,
    });
  });

  test('a kit that does not open the account is refused: wrong secret, or another account', async () => {
    const forged = makeRecoveryKit({
      accountId: created.state.accountId,
      accountKey: generateAccountKey(),
      recoverySecret: generateRecoverySecret(),
    });
    const error = await failure(
      useRecoveryKit(
        {
          serverUrl: s.serverUrl,
          email,
          kit: { payloadText: forged.payloadText },
          newPassword: 'x'.repeat(20),
          emailKit: false,
        },
        s.deps('R'),
      ),
    );
    expect(error).toBeInstanceOf(WrongRecoveryKitError);
    expect(toProtocolError(error).code).toBe('wrong-recovery-kit');
    const otherEmail = await failure(
      useRecoveryKit(
        {
          serverUrl: s.serverUrl,
          email: uniqueEmail('nobody'),
          kit: { payloadText: created.kit.payloadText },
          newPassword: 'x'.repeat(20),
          emailKit: false,
        },
        s.deps('R'),
      ),
    );
    expect(otherEmail).toBeInstanceOf(WrongRecoveryKitError);
  });

  test('an Authentication QR Code given as the Recovery Kit says so', async () => {
    const error = await failure(
      useRecoveryKit(
        {
          serverUrl: s.serverUrl,
          email,
          kit: { payloadText: deviceA.kit.payloadText },
          newPassword: 'x'.repeat(20),
          emailKit: false,
        },
        s.deps('R'),
      ),
    );
    expect(error).toBeInstanceOf(NotRecoveryKitError);
    expect(toProtocolError(error)).toMatchObject({ code: 'not-latchkey' });
  });

  test('the scanned kit sets a new password on a new browser: signed in, same vault key, a new kit', async () => {
    const NEW = 'a brand new passphrase';
    const recovered = await useRecoveryKit(
      {
        serverUrl: s.serverUrl,
        email,
        kit: { payloadText: created.kit.payloadText },
        newPassword: NEW,
        emailKit: true,
      },
      s.deps('Recovered browser'),
    );
    expect(recovered.keys.vaultKey).toEqual(deviceA.keys.vaultKey);
    expect(recovered.state).toMatchObject({
      keyEpoch: 2,
      hasRecovery: true,
      accountId: deviceA.state.accountId,
    });
    expect(recovered.kit.emailed).toBe(true);
    expect(parseKit(recovered.kit.payloadText).keyEpoch).toBe(2);
    await expect(checkAccount(recovered.state, recovered.keys, s.deps('R'))).resolves.toMatchObject({
      keyEpoch: 2,
    });
    expect((await unlock(recovered.state, NEW)).vaultKey).toEqual(deviceA.keys.vaultKey);
    // The recovery session ended; the full session that replaced it carries this browser's name.
    expect((await listDevices(recovered.state, s.deps('R'))).map((d) => [d.name, d.kind])).toEqual([
      ['Recovered browser', 'full'],
    ]);

    // Device A is told, and takes the new password.
    expect((await apiFailure(checkAccount(created.state, deviceA.keys, s.deps('A')))).code).toBe(
      'password-changed',
    );
    const a = await unlockAfterPasswordChange(created.state, NEW, s.deps('A'));
    expect(a.keys.vaultKey).toEqual(deviceA.keys.vaultKey);

    // The new kit works on yet another browser.
    const other = await signInWithKit(
      {
        serverUrl: s.serverUrl,
        email,
        password: NEW,
        kitText: recovered.kit.payloadText,
        source: 'qr-image',
      },
      s.deps('Other'),
    );
    expect(other.keys.vaultKey).toEqual(deviceA.keys.vaultKey);
  });

  test('the typed form works too (the kit survives a password change)', async () => {
    const NEWER = 'an even newer passphrase';
    const recovered = await useRecoveryKit(
      {
        serverUrl: s.serverUrl,
        email,
        kit: {
          accountKey: created.kit.accountKey.toLowerCase(),
          recoveryCode: created.kit.recoveryCode.replace(/-/g, ' '),
        },
        newPassword: NEWER,
        emailKit: false,
      },
      s.deps('Typed'),
    );
    expect(recovered.keys.vaultKey).toEqual(deviceA.keys.vaultKey);
    expect(recovered.state.keyEpoch).toBe(3);
    expect(recovered.kit.emailed).toBeNull();
    typed = recovered;
  });

  test('removed, it opens nothing any more', async () => {
    const NEWER = 'an even newer passphrase';
    const device = typed;
    await expect(removeRecoveryKit(device.state, 'wrong', s.deps('Remover'))).rejects.toThrow(
      WrongPasswordError,
    );
    const removed = await removeRecoveryKit(device.state, NEWER, s.deps('Remover'));
    expect(removed.hasRecovery).toBe(false);
    // Removing twice is not an error.
    expect((await removeRecoveryKit(removed, NEWER, s.deps('Remover'))).hasRecovery).toBe(false);
    const error = await failure(
      useRecoveryKit(
        {
          serverUrl: s.serverUrl,
          email,
          kit: { payloadText: created.kit.payloadText },
          newPassword: 'nope nope nope',
          emailKit: false,
        },
        s.deps('R'),
      ),
    );
    expect(error).toBeInstanceOf(WrongRecoveryKitError);
  });
});
