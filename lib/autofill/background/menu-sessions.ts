import * as v from 'valibot';
import type { StorageArea } from '../../session/storage-area';
import { ExpiringEntries } from './expiring-entries';
import { newSessionToken } from './session-token';

/**
 * Inline-menu sessions (lib/autofill/DESIGN.md): when a content script's `autofill.candidates` (or the
 * shortcut with several matches) has something to show, the background remembers which frame the menu belongs
 * to, under a random `menuId` the content script hands to the menu's iframe. The menu's own messages
 * (`inline.list`, `inline.choose`) carry only that id; everything else (tab, frame, document, URLs) is what the
 * browser said when the session was made. One session per tab: the next replaces it. 10 minutes: a menu left
 * open while the user looks for something else still works; dropped when the tab closes.
 */
export const MENU_SESSION_TTL_MS = 10 * 60_000;
const STORAGE_KEY = 'latchkey.autofill.menus';

const MenuSessionSchema = v.object({
  id: v.string(),
  expiresAt: v.number(),
  tabId: v.number(),
  frameId: v.number(),
  documentId: v.optional(v.string()),
  /** The owning frame's URL (sender.url) and the tab's top URL then (sender.tab.url), for frame-logins. */
  frameUrl: v.string(),
  tabUrl: v.optional(v.string()),
  topOrigin: v.string(),
  locked: v.boolean(),
});
export type MenuSession = v.InferOutput<typeof MenuSessionSchema>;
export type NewMenuSession = Omit<MenuSession, 'id' | 'expiresAt'>;

export class MenuSessions {
  readonly #entries: ExpiringEntries<typeof MenuSessionSchema>;

  constructor(
    private readonly deps: { area: StorageArea; now(): number; random(length: number): Uint8Array },
  ) {
    this.#entries = new ExpiringEntries(deps.area, STORAGE_KEY, MenuSessionSchema, deps.now);
  }

  /** A new session for the tab (replacing its previous one); answers its menuId. */
  async open(session: NewMenuSession): Promise<string> {
    const id = newSessionToken(this.deps.random);
    await this.#entries.put(
      { ...session, id, expiresAt: this.deps.now() + MENU_SESSION_TTL_MS },
      (old) => old.tabId === session.tabId,
    );
    return id;
  }

  get(menuId: string): Promise<MenuSession | null> {
    return this.#entries.find(menuId);
  }

  dropTab(tabId: number): Promise<void> {
    return this.#entries.remove((entry) => entry.tabId === tabId);
  }
}
