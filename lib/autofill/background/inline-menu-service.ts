import type { FillCandidate, Result, TrustedSender } from '../../messaging/protocol';
import { failure, ok } from '../../session/result';
import type { RecordOverview } from '../../vault/record-types';
import { AUTOFILL_MESSAGES, type AutofillDeps } from './autofill-deps';
import type { FillTokens } from './fill-tokens';
import { loginsForFrame, type FrameLocation } from './frame-logins';
import type { MenuSession, MenuSessions } from './menu-sessions';
import { pushToTab } from './push-to-tab';
import { liveTopOrigin, senderFrame, type SenderFrame } from './sender-frame';

type InlineList = { state: 'unlocked' | 'locked'; site: string; candidates: FillCandidate[] };

/**
 * The inline menu's side in the background (lib/autofill/DESIGN.md): a session opened for the frame whose field
 * has the focus (menu-sessions.ts), the menu's list of that frame's logins, and the user's choice, which becomes
 * a fill token bound to that frame and document and pushed there. The framed menu is trusted for nothing but
 * its tab (the browser's sender.tab): the session says which frame and site it serves, and the tab's top page
 * must still have the origin it had when the session was made.
 */
export class InlineMenuService {
  constructor(
    private readonly deps: AutofillDeps,
    private readonly tokens: FillTokens,
    private readonly menus: MenuSessions,
  ) {}

  /** A new session for the frame (replacing the tab's previous one); answers its menuId. */
  open(frame: SenderFrame, topOrigin: string, locked: boolean): Promise<string> {
    return this.menus.open({
      tabId: frame.tabId,
      frameId: frame.frameId,
      ...(frame.documentId === undefined ? {} : { documentId: frame.documentId }),
      frameUrl: frame.url,
      ...(frame.tabUrl === undefined ? {} : { tabUrl: frame.tabUrl }),
      topOrigin,
      locked,
    });
  }

  /** `inline.list`: the session frame's logins now (titles and usernames), or locked. */
  async list(menuId: string, sender: TrustedSender): Promise<Result<InlineList>> {
    const menu = await this.#menuFor(menuId, sender);
    if ('error' in menu) return menu.error;
    const site = new URL(menu.session.frameUrl).hostname;
    const found = await this.deps.vault.withOpen(async (open) =>
      loginsForFrame(open.list().items, menuFrame(menu.session)),
    );
    if (!found.ok) {
      const closed = found.error.code === 'locked' || found.error.code === 'not-signed-in';
      return closed ? ok({ state: 'locked', site, candidates: [] }) : found;
    }
    return ok({ state: 'unlocked', site, candidates: found.value.map(toCandidate) });
  }

  /** `inline.choose`: a token bound to the menu's frame and document, pushed to that frame only. */
  async choose(
    menuId: string,
    recordId: string,
    sender: TrustedSender,
  ): Promise<Result<Record<string, never>>> {
    const menu = await this.#menuFor(menuId, sender);
    if ('error' in menu) return menu.error;
    const { session } = menu;
    const allowed = await this.deps.vault.withOpen(async (open) =>
      loginsForFrame(open.list().items, menuFrame(session)).some((item) => item.id === recordId),
    );
    if (!allowed.ok) return allowed;
    if (!allowed.value) return failure('not-allowed-here', AUTOFILL_MESSAGES.notAllowedHere);
    const bound = {
      frameId: session.frameId,
      ...(session.documentId === undefined ? {} : { documentId: session.documentId }),
    };
    const token = this.tokens.issue({
      tabId: session.tabId,
      ...bound,
      recordId,
      mode: 'menu',
      topOrigin: session.topOrigin,
    });
    pushToTab(this.deps.tabs, session.tabId, { latchkey: 'fill', token, mode: 'menu' }, bound);
    return ok({});
  }

  /** The session, if the framed menu asking is in its tab and the tab's top page has not changed origin. */
  async #menuFor(
    menuId: string,
    sender: TrustedSender,
  ): Promise<{ session: MenuSession } | { error: Result<never> }> {
    const session = await this.menus.get(menuId);
    if (session === null) return { error: failure('expired', AUTOFILL_MESSAGES.menuExpired) };
    const frame = senderFrame(sender);
    if (frame === null || frame.tabId !== session.tabId || liveTopOrigin(frame) !== session.topOrigin) {
      return { error: failure('not-allowed-here', AUTOFILL_MESSAGES.notAllowedHere) };
    }
    return { session };
  }
}

/** What a content script or the menu may see of a login: never a secret. */
export function toCandidate(item: RecordOverview): FillCandidate {
  return { id: item.id, title: item.title, username: item.subtitle };
}

function menuFrame(session: MenuSession): FrameLocation {
  return {
    url: session.frameUrl,
    frameId: session.frameId,
    ...(session.tabUrl === undefined ? {} : { tabUrl: session.tabUrl }),
  };
}
