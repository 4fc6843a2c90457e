import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WrongPasswordError } from '../../../lib/account/errors';
import { fakeAccountKeyForDevices } from '../../../server/fake-account';
import { SQLITE_FILE_NAME } from '../../../server/storage/open-storage';
import { writeRaw } from '../storage/inspect';
import { BACKENDS, Databases, startServer, type TestServer } from './harness';
import { apiError, derivePassword, TestUser, uniqueEmail, type DerivedPassword } from './test-user';

/**
 * The devices' Account Key box (keyset.accountKeyForDevices) over real HTTP: stored at sign-up, handed back by
 * every grant and GET /v1/account, replaced with the rest of the keyset by a password change, and given out by
 * pre-login, so a device told "password changed" gets the Account Key back from the NEW password and the device
 * secret it already holds. Unknown emails get a stable fake of the same shape.
 */
const databases = new Databases();
let oldPassword: DerivedPassword;
let newPassword: DerivedPassword;
let otherPassword: DerivedPassword;

/** 20-byte Account Key in an AEAD box (alg byte, 12-byte nonce, 16-byte tag): 49 bytes, 66 base64url chars. */
const BOX_BYTES = 49;
const bytesOf = (text: string): Buffer => Buffer.from(text, 'base64url');

beforeAll(async () => {
  [oldPassword, newPassword, otherPassword] = await Promise.all([
    derivePassword('the password before the change'),
    derivePassword('the password after the change'),
    derivePassword('a third password, for a race'),
  ]);
});
afterAll(() => databases.stop());

describe.each(BACKENDS)("the devices' Account Key box (%s)", (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ backend, databases });
  }, 60_000);
  afterAll(() => server?.stop());

  /** Sets the account's box to NULL, as a row written before storage migration 2 has it. */
  async function makeLegacy(accountId: string): Promise<void> {
    const location = server.databaseUrl ?? join(server.dataDir, SQLITE_FILE_NAME);
    await writeRaw(
      { name: server.storage.kind, location },
      'UPDATE accounts SET account_key_for_devices = NULL WHERE id = $1',
      [accountId],
    );
  }

  it('sign-up stores the box; the sign-up, login and account answers and pre-login all return it', async () => {
    const user = new TestUser(uniqueEmail(), oldPassword);
    const { session, grant } = await user.signUp(server.api);
    const box = grant.keyset.accountKeyForDevices;
    expect(box).not.toBeNull();
    expect(bytesOf(box!)).toHaveLength(BOX_BYTES);
    expect((await server.storage.getAccountById(user.accountId))?.keyset.accountKeyForDevices).toBe(box);

    const login = (await user.logIn(server.api))!;
    expect(login.grant.keyset.accountKeyForDevices).toBe(box);
    expect((await session.call('account')).keyset.accountKeyForDevices).toBe(box);
    const pre = await server.api.call('prelogin', { body: { email: user.email } });
    expect(pre.accountKeyForDevices).toBe(box);
    // It is the Account Key, for whoever has the password AND the device secret.
    expect(await user.openDeviceBox(box!, oldPassword, 1)).toEqual(user.accountKey);
  });

  it('after a password change on one device, another gets the Account Key from the new password via pre-login', async () => {
    const user = new TestUser(uniqueEmail(), oldPassword);
    const laptop = await user.signUp(server.api, 'Laptop');
    const phone = (await user.logIn(server.api, { deviceName: 'Phone' }))!;
    const oldBox = laptop.grant.keyset.accountKeyForDevices!;

    await user.changePassword(laptop.session, newPassword);
    expect((await apiError(phone.session.call('account'))).code).toBe('password-changed');

    // The phone knows only its device secret and what the user types now.
    const pre = await server.api.call('prelogin', { body: { email: user.email } });
    expect(pre.keyEpoch).toBe(2);
    expect(pre.accountKeyForDevices).not.toBe(oldBox);
    expect(await user.openDeviceBox(pre.accountKeyForDevices, newPassword, pre.keyEpoch)).toEqual(
      user.accountKey,
    );
    // The old password does not open the new box; the old box is bound to epoch 1.
    await expect(user.openDeviceBox(pre.accountKeyForDevices, oldPassword, 2)).rejects.toThrow(
      WrongPasswordError,
    );
    await expect(user.openDeviceBox(oldBox, oldPassword, 2)).rejects.toThrow(WrongPasswordError);
    // Without the device secret (another Account Key's), the right password does not open it either: the
    // box is no password oracle for the server or anyone who fetches it.
    const stranger = new TestUser(user.email, newPassword);
    stranger.accountId = user.accountId;
    await expect(stranger.openDeviceBox(pre.accountKeyForDevices, newPassword, 2)).rejects.toThrow(
      WrongPasswordError,
    );

    // With the Account Key back, the phone logs in with the new password and sees the same box.
    const again = (await user.logIn(server.api, { deviceName: 'Phone' }))!;
    expect(again.grant.keyset.accountKeyForDevices).toBe(pre.accountKeyForDevices);
  });

  it('a password change replaces the box with the rest of the keyset, and a refused change keeps all of it', async () => {
    const user = new TestUser(uniqueEmail(), oldPassword);
    const { session } = await user.signUp(server.api);
    const before = await server.storage.getAccountById(user.accountId);

    expect((await apiError(user.changePassword(session, newPassword, 5))).code).toBe('conflict-epoch');
    expect(await server.storage.getAccountById(user.accountId)).toEqual(before);

    // Two devices change the password at once, to different passwords: one wins, and the stored keyset is
    // entirely the winner's (salt, vault key wrap and Account Key box), never a mix.
    const a = (await user.logIn(server.api))!;
    const twin = new TestUser(user.email, oldPassword);
    Object.assign(twin, { accountId: user.accountId, accountKey: user.accountKey, vaultKey: user.vaultKey });
    const results = await Promise.allSettled([
      user.changePassword(a.session, newPassword, 1),
      twin.changePassword(session, otherPassword, 1),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = results[0].status === 'fulfilled' ? newPassword : otherPassword;
    const loser = winner === newPassword ? otherPassword : newPassword;
    const after = (await server.storage.getAccountById(user.accountId))!;
    expect(after.keyEpoch).toBe(2);
    expect(after.keyset.salt).toBe(Buffer.from(winner.kdf.salt).toString('base64url'));
    expect(after.keyset.accountKeyForDevices).not.toBe(before?.keyset.accountKeyForDevices);
    expect(await user.openDeviceBox(after.keyset.accountKeyForDevices!, winner, 2)).toEqual(user.accountKey);
    await expect(user.openDeviceBox(after.keyset.accountKeyForDevices!, loser, 2)).rejects.toThrow(
      WrongPasswordError,
    );
    user.credentials = winner;
    const login = (await user.logIn(server.api))!;
    expect(login.grant.keyset).toEqual({
      kdf: winner.kdf.params,
      salt: after.keyset.salt,
      wrappedVaultKey: after.keyset.wrappedVaultKey,
      accountKeyForDevices: after.keyset.accountKeyForDevices,
    });
  });

  it('the Recovery Kit grant carries the box, and the password set with it stores a new one', async () => {
    const user = new TestUser(uniqueEmail(), oldPassword);
    const { session, grant } = await user.signUp(server.api);
    await user.registerRecovery(session);
    const recovered = (await user.recoveryLogIn(server.api))!;
    expect(recovered.grant.keyset.accountKeyForDevices).toBe(grant.keyset.accountKeyForDevices);

    const answer = await user.changePassword(recovered.session, newPassword);
    const full = server.api.withToken(answer.newSession!.token);
    const box = (await full.call('account')).keyset.accountKeyForDevices!;
    expect(box).not.toBe(grant.keyset.accountKeyForDevices);
    expect(await user.openDeviceBox(box, newPassword, 2)).toEqual(user.accountKey);
  });

  it('an unknown email gets a stable fake box of the real shape, different per email', async () => {
    const real = await new TestUser(uniqueEmail(), oldPassword).signUp(server.api);
    const realBox = bytesOf(real.grant.keyset.accountKeyForDevices!);
    const email = uniqueEmail('nobody');
    const first = await server.api.call('prelogin', { body: { email } });
    const second = await server.api.call('prelogin', { body: { email: ` ${email.toUpperCase()} ` } });
    expect(second.accountKeyForDevices).toBe(first.accountKeyForDevices);
    const fake = bytesOf(first.accountKeyForDevices);
    expect(first.accountKeyForDevices).toHaveLength(real.grant.keyset.accountKeyForDevices!.length);
    expect(fake).toHaveLength(realBox.length);
    // The same algorithm byte as a real AEAD box (lib/crypto/aead.ts), random-looking after it.
    expect(fake[0]).toBe(realBox[0]);
    expect(new Set(fake.subarray(1)).size).toBeGreaterThan(24);

    const other = await server.api.call('prelogin', { body: { email: uniqueEmail('nobody') } });
    expect(other.accountKeyForDevices).not.toBe(first.accountKeyForDevices);
    expect(bytesOf(other.accountKeyForDevices)).toHaveLength(BOX_BYTES);
  });

  it('an account from before the box existed: grants say null, pre-login a fake at its epoch, a password change stores a real one', async () => {
    const user = new TestUser(uniqueEmail(), oldPassword);
    const { session } = await user.signUp(server.api);
    await makeLegacy(user.accountId);

    expect((await session.call('account')).keyset.accountKeyForDevices).toBeNull();
    expect((await user.logIn(server.api))!.grant.keyset.accountKeyForDevices).toBeNull();
    // null in pre-login would tell such an account apart from an unknown email (whose fakes always have a box).
    const pre = await server.api.call('prelogin', { body: { email: user.email } });
    expect(pre.accountKeyForDevices).toBe(fakeAccountKeyForDevices(user.email, 1, server.secrets));
    expect(bytesOf(pre.accountKeyForDevices)).toHaveLength(BOX_BYTES);

    await user.changePassword(session, newPassword);
    const box = (await session.call('account')).keyset.accountKeyForDevices;
    expect(box).not.toBeNull();
    expect((await server.api.call('prelogin', { body: { email: user.email } })).accountKeyForDevices).toBe(
      box,
    );
    expect(await user.openDeviceBox(box!, newPassword, 2)).toEqual(user.accountKey);
  });
});
