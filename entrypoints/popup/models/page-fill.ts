import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { LoginUrl, RecordType } from '../../../lib/vault/record-types';
import { loginsForPage } from '../../../lib/vault/site-matches';
import type { ActiveTab, PopupDeps } from './popup-deps';
import { createTask, type Task } from './task';

/** `filled: false`: no frame of the tab had a visible login form the login belongs to (DESIGN §5). */
export const NO_FORM_MESSAGE = 'Latchkey found no login form to fill on this page.';

/** The hint beside the matches, after the live binding (a user who rebound it reads their own keys). */
export const AUTOFILL_HINT_WORDS = 'fills the login on this page';

export function autofillShortcutHint(keys: string): string {
  return `${keys} ${AUTOFILL_HINT_WORDS}`;
}

export interface PageFill {
  /** The tab the popup is over, null until the browser answers or when there is none. */
  tab: ReadonlySignal<ActiveTab | null>;
  /** The autofill shortcut as bound now: null until the browser answers, '' when the user unset it. */
  shortcut: ReadonlySignal<string | null>;
  /** The fill in flight and its failure (the background's message, or NO_FORM_MESSAGE). */
  task: Task;
  /** Asks the browser for the tab and the shortcut; answers the tab's URL (null when unknown). */
  start(): Promise<string | null>;
  /** Whether a record's URLs offer it on the tab's page (lib/vault/site-matches.ts, as the list does). */
  offersOnTab(record: { type: RecordType; urls: readonly LoginUrl[] }): boolean;
  /** "Fill": the background fills the login in the tab; the popup closes once a frame filled it. */
  fill(id: string): Promise<void>;
}

/**
 * Filling the page from the popup (issue 6): one `autofill.fillFromPopup` per click, for the home screen's
 * matches and the item view. The background picks the frames and re-checks the live page (DESIGN §5); the
 * popup only names the record and the tab it was opened over.
 */
export function createPageFill(deps: PopupDeps): PageFill {
  const { app, send } = deps;
  const task = createTask();
  const tab = signal<ActiveTab | null>(null);
  const shortcut = signal<string | null>(null);
  let started: Promise<string | null> | null = null;

  return {
    tab: computed(() => tab.value),
    shortcut: computed(() => shortcut.value),
    task,
    start() {
      started ??= (async () => {
        void deps.autofillShortcut().then(
          (keys) => {
            shortcut.value = keys;
          },
          () => {
            shortcut.value = '';
          },
        );
        // No tab (a browser page, or the permission missing): no matches and nothing to fill, not an error.
        tab.value = await deps.activeTab().catch(() => null);
        return tab.value?.url ?? null;
      })();
      return started;
    },
    offersOnTab(record) {
      const url = tab.value?.url;
      return url !== undefined && loginsForPage([record], url).length > 0;
    },
    async fill(id) {
      const target = tab.value;
      if (target === null) {
        task.setError({ code: 'not-allowed-here', message: NO_FORM_MESSAGE });
        return;
      }
      const answer = await task.run(
        'Filling…',
        async () => {
          const sent = await send('autofill.fillFromPopup', { id, tabId: target.id });
          if (!sent.ok || sent.value.filled) return sent;
          return { ok: false, userError: { code: 'not-found', message: NO_FORM_MESSAGE } } as const;
        },
        { onFailure: app.followFailure },
      );
      if (answer?.filled === true) deps.closePopup();
    },
  };
}
