import type { Handlers } from '../../messaging/protocol';
import type { AccountSession } from '../account-session';
import { accountSettingsHandlers } from './account-settings';
import { forgotPasswordHandlers } from './forgot-password';
import { signInHandlers } from './sign-in';
import { signOutHandlers } from './sign-out';
import { unlockHandlers } from './unlock';

/**
 * The background's handler table: one handler per protocol message (typed `Handlers`, so a missing or extra
 * one fails to compile), grouped by what the user is doing.
 */
export function createHandlers(
  session: AccountSession,
  options: { unlockCheckTimeLimitMs?: number } = {},
): Handlers {
  return {
    ...signInHandlers(session),
    ...unlockHandlers(session, { checkTimeLimitMs: options.unlockCheckTimeLimitMs }),
    ...accountSettingsHandlers(session),
    ...forgotPasswordHandlers(session),
    ...signOutHandlers(session),
  };
}
