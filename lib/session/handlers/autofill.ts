import type { AutofillOpenVault, AutofillVault } from '../../autofill/background/autofill-deps';
import type { AutofillService } from '../../autofill/background/autofill-service';
import type { Handlers, Result } from '../../messaging/protocol';
import type { AccountSession } from '../account-session';
import type { BackgroundVault } from '../background-vault';
import { failure, ok } from '../result';
import { withOpenVault } from './vault';

type AutofillMessage =
  | 'autofill.candidates'
  | 'autofill.fill'
  | 'autofill.submitted'
  | 'inline.list'
  | 'inline.choose'
  | 'savePrompt.get'
  | 'savePrompt.answer'
  | 'autofill.fillFromPopup'
  | 'autofill.neverSites'
  | 'autofill.removeNeverSite';

/**
 * The autofill messages (issue 6; lib/autofill/DESIGN.md), mapped onto lib/autofill/background. The router has
 * already checked who sent each (content script, framed page or extension page) and filled in the sender from
 * the browser; the service decides everything else from that sender. Without a service (a test of something
 * else) every message answers 'unavailable'.
 */
export function autofillHandlers(autofill: AutofillService | undefined): Pick<Handlers, AutofillMessage> {
  if (autofill === undefined) {
    const none = (): Promise<Result<never>> =>
      Promise.resolve(failure('unavailable', 'Autofill is not available in this browser.'));
    return {
      'autofill.candidates': none,
      'autofill.fill': none,
      'autofill.submitted': none,
      'inline.list': none,
      'inline.choose': none,
      'savePrompt.get': none,
      'savePrompt.answer': none,
      'autofill.fillFromPopup': none,
      'autofill.neverSites': none,
      'autofill.removeNeverSite': none,
    };
  }
  const { fill, menu, save } = autofill;
  return {
    'autofill.candidates': (_request, sender) => fill.candidates(sender),
    'autofill.fill': ({ token }, sender) => fill.fill(token, sender),
    'autofill.submitted': (request, sender) => save.submitted(request, sender),
    'inline.list': ({ menuId }, sender) => menu.list(menuId, sender),
    'inline.choose': ({ menuId, id }, sender) => menu.choose(menuId, id, sender),
    'savePrompt.get': ({ promptId }, sender) => save.get(promptId, sender),
    'savePrompt.answer': ({ promptId, action }, sender) => save.answer(promptId, action, sender),
    'autofill.fillFromPopup': ({ id, tabId }) => fill.fillFromPopup(id, tabId),
    'autofill.neverSites': async () => ok(await save.never.list()),
    'autofill.removeNeverSite': async ({ site }) => ok(await save.never.remove(site)),
  };
}

/**
 * The vault as autofill reaches it: in the session's queue, only while unlocked, through the same VaultSession
 * (and so the same save path, and the sync after a change) as the popup's vault messages.
 */
export function autofillVaultAccess(session: AccountSession<BackgroundVault>): AutofillVault {
  const vault = session.deps.vault;
  return {
    // The popup's path to the vault (./vault.ts): same queue, same refusals, same save (and sync after it).
    withOpen: <T>(body: (open: AutofillOpenVault) => Promise<T>): Promise<Result<T>> =>
      withOpenVault(session, (open) =>
        body({
          list: () => open.list(),
          get: (id) => open.get(id),
          save: async (draft) => {
            const saved = await open.save(draft);
            vault.sync.afterLocalChange();
            return saved;
          },
        }),
      ),
    state: async () => {
      await session.ready();
      const unlocked = await session.unlocked();
      if (!('failure' in unlocked)) return 'unlocked';
      return unlocked.failure.ok === false && unlocked.failure.error.code === 'not-signed-in'
        ? 'signed-out'
        : 'locked';
    },
  };
}
