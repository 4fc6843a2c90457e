import { WrongPasswordError } from '../../account/errors';
import { prelogin } from '../../account-service/prelogin';
import { signInWithKit } from '../../account-service/sign-in-with-kit';
import { signUp } from '../../account-service/sign-up';
import type { Handlers } from '../../messaging/protocol';
import type { AccountSession } from '../account-session';
import { failure, ok } from '../result';
import { BadServerUrlError, parseServerUrl } from '../server-url';

/** Sign up, and sign in on a new device in two steps (email + password, then the kit). */
export function signInHandlers(
  session: AccountSession,
): Pick<Handlers, 'account.signUp' | 'signIn.begin' | 'signIn.authenticate' | 'signIn.cancel'> {
  return {
    'account.signUp': (request) =>
      session.run(async () => {
        const taken = await alreadySignedIn(session);
        if (taken) return taken;
        const serverUrl = serverUrlOf(request.serverUrl);
        if (typeof serverUrl !== 'string') return serverUrl;
        const weak = await session.refuseWeak(request.password, request.email);
        if (weak) return weak;
        const created = await session.call(serverUrl, () =>
          signUp({ ...request, serverUrl }, session.service()),
        );
        if (!created.ok) return created;
        await session.becomeUnlocked(created.value.state, created.value.keys);
        return ok(created.value.kit);
      }),

    'signIn.begin': (request) =>
      session.run(async () => {
        const taken = await alreadySignedIn(session);
        if (taken) return taken;
        const serverUrl = serverUrlOf(request.serverUrl);
        if (typeof serverUrl !== 'string') return serverUrl;
        // Proves early that the address is a Latchkey server, before the user goes looking for the kit. The
        // answer itself says nothing (unknown emails get stable fakes), so the kit step asks again.
        const reached = await session.call(serverUrl, () =>
          prelogin(serverUrl, request.email, session.service()),
        );
        if (!reached.ok) return reached;
        session.deps.pending.begin({ serverUrl, email: request.email, password: request.password });
        await session.deps.notices.clear();
        return session.answerStatus();
      }),

    'signIn.authenticate': (request) =>
      session.run(async () => {
        const taken = await alreadySignedIn(session);
        if (taken) return taken;
        const pending = session.deps.pending.get();
        if (pending === null) {
          return failure(
            'no-sign-in-in-progress',
            'The sign-in was cancelled or took longer than 10 minutes. Enter your email and password again.',
          );
        }
        try {
          const { state, keys } = await signInWithKit(
            { ...pending, kitText: request.kitText, source: request.source },
            session.service(),
          );
          await session.becomeUnlocked(state, keys);
          return session.answerStatus();
        } catch (error) {
          // The password typed at step one is wrong: back to step one. Any other failure (no QR, another
          // account's, outdated) keeps it, so the user can try another image or the key file.
          if (error instanceof WrongPasswordError) session.deps.pending.clear();
          return session.toFailure(error, pending.serverUrl);
        }
      }),

    'signIn.cancel': () =>
      session.run(() => {
        session.deps.pending.clear();
        return session.answerStatus();
      }),
  };
}

/** Sign-up and sign-in need a signed-out browser: one account per browser profile. */
async function alreadySignedIn(session: AccountSession) {
  const device = await session.device();
  if (device === null) return null;
  return failure(
    'already-signed-in',
    `This browser is already signed in to ${device.email}. Sign out first in Settings.`,
  );
}

export function serverUrlOf(text: string) {
  try {
    return parseServerUrl(text);
  } catch (error) {
    if (error instanceof BadServerUrlError) return failure('bad-server-url', error.message);
    throw error;
  }
}
