import { finishReset, startReset } from '../../account-service/reset';
import { useRecoveryKit } from '../../account-service/use-recovery-kit';
import type { Handlers } from '../../messaging/protocol';
import type { AccountSession } from '../account-session';
import { failure, ok } from '../result';
import { serverUrlOf } from './sign-in';

/** DESIGN §1 "Forgot password": with the Recovery Kit (no data lost), or the emailed-code account reset. */
export function forgotPasswordHandlers(
  session: AccountSession,
): Pick<Handlers, 'recovery.use' | 'reset.start' | 'reset.finish'> {
  return {
    'recovery.use': (request) =>
      session.run(async () => {
        const serverUrl = serverUrlOf(request.serverUrl);
        if (typeof serverUrl !== 'string') return serverUrl;
        // From the unlock screen ("Forgot password?") of this same account, or from a signed-out browser.
        const device = await session.device();
        if (device !== null && (device.email !== request.email || device.serverUrl !== serverUrl)) {
          return failure(
            'already-signed-in',
            `This browser is signed in to ${device.email}. Sign out first to recover another account.`,
          );
        }
        const weak = await session.refuseWeak(request.newPassword, request.email);
        if (weak) return weak;
        const kit =
          request.kit.kind === 'payload'
            ? { payloadText: request.kit.payloadText }
            : { accountKey: request.kit.accountKey, recoveryCode: request.kit.recoveryCode };
        const recovered = await session.call(serverUrl, () =>
          useRecoveryKit(
            {
              serverUrl,
              email: request.email,
              kit,
              newPassword: request.newPassword,
              emailKit: request.emailKit,
            },
            session.service(),
          ),
        );
        if (!recovered.ok) return recovered;
        await session.becomeUnlocked(recovered.value.state, recovered.value.keys);
        return ok(recovered.value.kit);
      }),

    'reset.start': ({ serverUrl: typed, email }) =>
      session.run(async () => {
        const serverUrl = serverUrlOf(typed);
        if (typeof serverUrl !== 'string') return serverUrl;
        const sent = await session.call(serverUrl, () => startReset(serverUrl, email, session.service()));
        return sent.ok ? ok({}) : sent;
      }),

    'reset.finish': ({ serverUrl: typed, email, code }) =>
      session.run(async () => {
        const serverUrl = serverUrlOf(typed);
        if (typeof serverUrl !== 'string') return serverUrl;
        const reset = await session.call(serverUrl, () =>
          finishReset(serverUrl, email, code, session.service()),
        );
        if (!reset.ok) return reset;
        // The account this browser was signed in to no longer exists: its keys and token are useless.
        const device = await session.device();
        if (device !== null && device.email === email && device.serverUrl === serverUrl) {
          await session.forgetDevice({
            kind: 'account-reset',
            message: `The account ${email} was reset and its data deleted. Sign up again to start over.`,
          });
        }
        const pending = session.deps.pending.get();
        if (pending?.email === email) session.deps.pending.clear();
        return session.answerStatus();
      }),
  };
}
