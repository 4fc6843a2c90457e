import type { AutofillService } from '../../autofill/background/autofill-service';
import type { ClipboardClearer } from '../../clipboard/clipboard-clearer';
import type { Handlers } from '../../messaging/protocol';
import type { AccountSession } from '../account-session';
import type { BackgroundVault } from '../background-vault';
import { accountSettingsHandlers } from './account-settings';
import { autofillHandlers } from './autofill';
import { clipboardHandlers } from './clipboard';
import { forgotPasswordHandlers } from './forgot-password';
import { signInHandlers } from './sign-in';
import { signOutHandlers } from './sign-out';
import { unlockHandlers } from './unlock';
import { vaultHandlers } from './vault';

/**
 * The background's handler table: one handler per protocol message (typed `Handlers`, so a missing or extra
 * one fails to compile), grouped by what the user is doing.
 */
export function createHandlers(
  session: AccountSession<BackgroundVault>,
  options: {
    unlockCheckTimeLimitMs?: number;
    /** The background's way to the clipboard (lib/clipboard); none: `clipboard.scheduleClear` answers unavailable. */
    clipboard?: ClipboardClearer;
    /** lib/autofill/background; none: the autofill messages answer unavailable. */
    autofill?: AutofillService;
  } = {},
): Handlers {
  return {
    ...signInHandlers(session),
    ...unlockHandlers(session, { checkTimeLimitMs: options.unlockCheckTimeLimitMs }),
    ...accountSettingsHandlers(session),
    ...forgotPasswordHandlers(session),
    ...signOutHandlers(session),
    ...vaultHandlers(session),
    ...clipboardHandlers(options.clipboard),
    ...autofillHandlers(options.autofill),
  };
}
