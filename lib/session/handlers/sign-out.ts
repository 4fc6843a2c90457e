import { signOut } from '../../account-service/sign-out';
import type { Handlers } from '../../messaging/protocol';
import type { AccountSession } from '../account-session';
import { failure, ok } from '../result';

/** Sign-out, which refuses to lose local changes the server does not have unless the user says so. */
export function signOutHandlers(
  session: AccountSession,
): Pick<Handlers, 'account.signOut' | 'account.unsyncedChanges'> {
  return {
    'account.signOut': ({ discardUnsynced }) =>
      session.run(async () => {
        const device = await session.device();
        if (device === null) {
          session.deps.pending.clear();
          return session.answerStatus();
        }
        const unsynced = await session.deps.unsynced.list();
        if (unsynced.length > 0 && !discardUnsynced) {
          const count = unsynced.length === 1 ? '1 change' : `${unsynced.length} changes`;
          return failure(
            'unsynced-changes',
            `${count} on this browser ${unsynced.length === 1 ? 'is' : 'are'} not on the server yet and would be lost. Sync first, or sign out anyway.`,
            { unsynced },
          );
        }
        // Best effort: the server forgetting the session is good hygiene, but this browser forgets it anyway.
        await signOut(device, session.service());
        await session.forgetDevice(null);
        return session.answerStatus();
      }),

    'account.unsyncedChanges': () => session.run(async () => ok(await session.deps.unsynced.list())),
  };
}
