import { newSessionToken } from './session-token';

/**
 * Fill tokens (lib/autofill/DESIGN.md "A fill needs a user action and a token"): the background makes one for
 * each user action (popup click, shortcut, inline-menu choice) and pushes it to the tab; a content script must
 * present it in `autofill.fill`. A page cannot make one, and one that leaked is useless elsewhere: it is bound to
 * the tab, to the frame and document where the background knows them, and to the tab's top origin at trigger
 * time, lives 10 seconds, and each frame may use it once.
 *
 * Kept in memory: a worker restart within 10 s of a user action only costs that action (the user tries again).
 */

/** Long enough for a content script to wake, detect and ask; short enough that a stale one is useless. */
export const FILL_TOKEN_TTL_MS = 10_000;

export type FillMode = 'shortcut' | 'popup' | 'menu';

export interface FillGrant {
  tabId: number;
  /** Bound for the menu: only that frame (and, in Chrome, that document) may use the token. */
  frameId?: number;
  documentId?: string;
  /** The chosen login (popup, menu); none for the shortcut (the background picks the match). */
  recordId?: string;
  mode: FillMode;
  /** The tab's top origin when the user acted. */
  topOrigin: string;
}

/** Who presents a token, from the browser's MessageSender. */
export interface TokenPresenter {
  tabId: number;
  frameId: number;
  documentId?: string;
  /** The tab's live top origin now (null when unknown). */
  topOrigin: string | null;
}

export type TokenCheck = { ok: true; grant: FillGrant } | { ok: false; code: 'expired' | 'not-allowed-here' };

interface Issued {
  grant: FillGrant;
  expiresAt: number;
  /** Frames (frameId + document) that presented it already. */
  usedBy: Set<string>;
}

export class FillTokens {
  readonly #issued = new Map<string, Issued>();

  constructor(private readonly deps: { now(): number; random(length: number): Uint8Array }) {}

  issue(grant: FillGrant): string {
    this.#sweep();
    const token = newSessionToken(this.deps.random);
    this.#issued.set(token, {
      grant: { ...grant },
      expiresAt: this.deps.now() + FILL_TOKEN_TTL_MS,
      usedBy: new Set(),
    });
    return token;
  }

  /**
   * Checks a presented token and marks it used by this frame. Unknown or expired → 'expired'; another tab,
   * frame or document, a top page that changed origin, or a second use by the same frame → 'not-allowed-here'.
   */
  consume(token: string, by: TokenPresenter): TokenCheck {
    this.#sweep();
    const issued = this.#issued.get(token);
    if (issued === undefined) return { ok: false, code: 'expired' };
    const { grant } = issued;
    if (grant.tabId !== by.tabId) return { ok: false, code: 'not-allowed-here' };
    if (grant.frameId !== undefined && grant.frameId !== by.frameId)
      return { ok: false, code: 'not-allowed-here' };
    if (grant.documentId !== undefined && grant.documentId !== by.documentId)
      return { ok: false, code: 'not-allowed-here' };
    const frameKey = `${by.frameId}/${by.documentId ?? ''}`;
    if (issued.usedBy.has(frameKey)) return { ok: false, code: 'not-allowed-here' };
    issued.usedBy.add(frameKey);
    // After marking: a frame whose top page navigated away does not get a second try with the same token.
    if (by.topOrigin === null || by.topOrigin !== grant.topOrigin)
      return { ok: false, code: 'not-allowed-here' };
    return { ok: true, grant: { ...grant } };
  }

  /** Forgets every token of a closed tab. */
  dropTab(tabId: number): void {
    for (const [token, issued] of this.#issued) if (issued.grant.tabId === tabId) this.#issued.delete(token);
  }

  #sweep(): void {
    const now = this.deps.now();
    for (const [token, issued] of this.#issued) if (issued.expiresAt <= now) this.#issued.delete(token);
  }
}
