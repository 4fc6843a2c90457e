import type { CandidatesAnswer, FillAnswer, Result, TrustedSender } from '../../messaging/protocol';
import { failure, ok } from '../../session/result';
import { AUTOFILL_MESSAGES, type AutofillDeps, type AutofillOpenVault } from './autofill-deps';
import type { FillGrant, FillTokens } from './fill-tokens';
import { loginsForFrame } from './frame-logins';
import { toCandidate, type InlineMenuService } from './inline-menu-service';
import { liveTopOrigin, senderFrame, type SenderFrame } from './sender-frame';
import { pushToTab } from './push-to-tab';
import { webOrigin } from './web-origin';

/** How long "Fill" in the popup waits for a frame of the tab to fill before it answers filled: false. */
export const POPUP_FILL_WAIT_MS = 1_000;

/**
 * The fill paths (lib/autofill/DESIGN.md): candidates for a frame, the popup's "Fill", the shortcut, and
 * `autofill.fill` itself, which every path ends in (the inline menu's are in inline-menu-service.ts). Every
 * check is made on every path, at fill time, from the browser's sender: the token (tab, frame, document,
 * unexpired, once per frame), the tab's live top origin against the one at trigger time, the vault unlocked,
 * and the record matching the requesting frame (frame-logins.ts).
 */
export class FillService {
  /** `fillFromPopup` calls waiting for their token's first successful fill. */
  readonly #popupWaits = new Map<string, (filled: boolean) => void>();

  constructor(
    private readonly deps: AutofillDeps,
    private readonly tokens: FillTokens,
    private readonly menu: InlineMenuService,
  ) {}

  async candidates(sender: TrustedSender): Promise<Result<CandidatesAnswer>> {
    const frame = senderFrame(sender);
    const topOrigin = frame && liveTopOrigin(frame);
    if (frame === null || topOrigin === null || webOrigin(frame.url) === null) {
      // Not a web page, or a sub-frame whose top page the browser did not tell: nothing is offered there.
      return ok({ state: await this.deps.vault.state(), candidates: [], menuId: null });
    }
    const found = await this.deps.vault.withOpen(async (open) => loginsForFrame(open.list().items, frame));
    if (!found.ok) {
      if (found.error.code === 'not-signed-in')
        return ok({ state: 'signed-out', candidates: [], menuId: null });
      if (found.error.code !== 'locked') return found;
      // Locked: the menu offers to open Latchkey (it never learns what the vault holds for the site).
      return ok({ state: 'locked', candidates: [], menuId: await this.menu.open(frame, topOrigin, true) });
    }
    const candidates = found.value.map(toCandidate);
    const menuId = candidates.length === 0 ? null : await this.menu.open(frame, topOrigin, false);
    return ok({ state: 'unlocked', candidates, menuId });
  }

  /** "Fill" in the popup: every frame of the tab gets the token; answers once one of them filled, or not. */
  async fillFromPopup(recordId: string, tabId: number): Promise<Result<{ filled: boolean }>> {
    const known = await this.deps.vault.withOpen(async (open) =>
      open.list().items.some((item) => item.id === recordId && item.type === 'login'),
    );
    if (!known.ok) return known;
    if (!known.value) return failure('not-found', 'This item is no longer in the vault.');
    // activeTab (granted while the popup is open over the tab) lets tabs.get tell the URL; without it, no fill.
    const tab = await this.deps.tabs.get(tabId).catch(() => null);
    const topOrigin = webOrigin(tab?.url);
    if (topOrigin === null) return ok({ filled: false });
    const token = this.tokens.issue({ tabId, recordId, mode: 'popup', topOrigin });
    const filled = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.deps.popupFillWaitMs ?? POPUP_FILL_WAIT_MS);
      this.#popupWaits.set(token, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
    pushToTab(this.deps.tabs, tabId, { latchkey: 'fill', token, mode: 'popup' });
    try {
      return ok({ filled: await filled });
    } finally {
      this.#popupWaits.delete(token);
    }
  }

  /** The fill shortcut (activeTab is granted by the command, so `tab.url` is there). */
  async onCommand(tab: { id?: number; url?: string } | undefined): Promise<void> {
    if (tab?.id === undefined) return;
    if ((await this.deps.vault.state()) !== 'unlocked') {
      await this.deps.openPopup();
      return;
    }
    const topOrigin = webOrigin(tab.url);
    if (topOrigin === null) return;
    const token = this.tokens.issue({ tabId: tab.id, mode: 'shortcut', topOrigin });
    pushToTab(this.deps.tabs, tab.id, { latchkey: 'fill', token, mode: 'shortcut' });
  }

  /** `autofill.fill`: the credentials for the requesting frame, after every check. */
  async fill(token: string, sender: TrustedSender): Promise<Result<FillAnswer>> {
    const frame = senderFrame(sender);
    if (frame === null) return failure('not-allowed-here', AUTOFILL_MESSAGES.notAllowedHere);
    const check = this.tokens.consume(token, { ...frame, topOrigin: liveTopOrigin(frame) });
    if (!check.ok) {
      return check.code === 'expired'
        ? failure('expired', AUTOFILL_MESSAGES.expired)
        : failure('not-allowed-here', AUTOFILL_MESSAGES.notAllowedHere);
    }
    const answer = await this.deps.vault.withOpen((open) => this.#answer(open, check.grant, frame));
    if (!answer.ok) return answer;
    if (answer.value === null) return failure('not-allowed-here', AUTOFILL_MESSAGES.notAllowedHere);
    if (answer.value.action === 'fill') this.#popupWaits.get(token)?.(true);
    return ok(answer.value);
  }

  async #answer(open: AutofillOpenVault, grant: FillGrant, frame: SenderFrame): Promise<FillAnswer | null> {
    const matches = loginsForFrame(open.list().items, frame);
    let id = grant.recordId;
    if (id === undefined) {
      // The shortcut: the only match fills; several open the inline menu at the focused field.
      if (matches.length === 0) return { action: 'none' };
      if (matches.length > 1) {
        const topOrigin = liveTopOrigin(frame);
        return topOrigin === null
          ? null
          : { action: 'choose', menuId: await this.menu.open(frame, topOrigin, false) };
      }
      id = matches[0]?.id;
    }
    if (id === undefined || !matches.some((item) => item.id === id)) return null;
    // The full record, checked again: its URLs are what the list showed, but this is the copy whose secret goes.
    const record = await open.get(id);
    if (record.type !== 'login') return null;
    if (loginsForFrame([{ type: record.type, urls: record.fields.urls }], frame).length === 0) return null;
    return { action: 'fill', username: record.fields.username, password: record.fields.password };
  }
}
