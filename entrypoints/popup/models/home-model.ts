import { batch, computed, createModel, effect, signal } from '@preact/signals';
import type { Result, SyncStatus, VaultListing, VaultListItem } from '../../../lib/messaging/protocol';
import type { RecordType } from '../../../lib/vault/record-types';
import { createDamagedModel } from './damaged-model';
import { createPageFill } from './page-fill';
import type { PopupDeps } from './popup-deps';
import { describeSync } from './sync-status-view';
import { createTask } from './task';
import { changesAccountState, fromProtocolError, type UserError } from './user-error';
import { buildSearchIndex, isKnownCategory, type Category } from './vault-search';

/** "Synced 5 min ago" must move on while the popup stays open; half a minute keeps it honest. */
const CLOCK_TICK_MS = 30_000;
/** While the background syncs on its own (after unlock, a change, the alarm), how often to ask if it is done. */
const SYNC_POLL_MS = 1_000;

/** Rows asked for before the rest (main.tsx asks the same at start-up): a screen, with room to scroll. */
export const FIRST_SCREEN_ROWS = 50;
/** vault.list's bound on `pageUrl` (lib/messaging/protocol.ts). */
export const MAX_PAGE_URL_CHARS = 4096;

/** What the list area shows. */
export type HomeView = 'loading' | 'failed' | 'empty-vault' | 'no-results' | 'list';

/**
 * The unlocked home screen: the vault list (issue 5 "Popup vault UI"). The listing comes from the background
 * in one message; the search index is built once per listing and every keystroke is one pass over it
 * (vault-search.ts). Matches for the current tab come first while nothing is typed. The sync bar's words come
 * from sync-status-view.ts; damaged records from damaged-model.ts.
 */
export const HomeModel = createModel((deps: PopupDeps) => {
  const { app, send } = deps;
  const task = createTask();
  const syncTask = createTask();
  const listing = signal<VaultListing | null>(null);
  const listError = signal<UserError | null>(null);
  const sync = signal<SyncStatus | null>(null);
  /** A failure the user's own "Sync now" just produced: announced (role="alert"), unlike an old one. */
  const freshSyncError = signal(false);
  const query = signal('');
  const category = signal<Category>('all');
  const tabUrl = signal<string | null>(null);
  /** null until the browser answers; '' when the user removed the binding. */
  const shortcut = signal<string | null>(null);
  const clock = signal(deps.now());

  const index = computed(() => (listing.value === null ? null : buildSearchIndex(listing.value.items)));
  const results = computed<VaultListItem[]>(() => index.value?.search(query.value, category.value) ?? []);
  /** Per listing and tab, not per keystroke: URL matching parses URLs. */
  const siteMatches = computed<VaultListItem[]>(() => {
    // A first screenful carries the background's matches for the tab (the same rule, over the whole vault).
    const fromBackground = listing.value?.matches;
    if (fromBackground !== undefined) return fromBackground;
    const url = tabUrl.value;
    return url === null ? [] : (index.value?.forPage(url) ?? []);
  });
  const searching = computed(() => query.value.trim() !== '');

  let loadSeq = 0;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  effect(() => {
    const tick = setInterval(() => {
      clock.value = deps.now();
    }, CLOCK_TICK_MS);
    return () => {
      disposed = true;
      clearInterval(tick);
      clearTimeout(pollTimer);
    };
  });

  /**
   * Reads the listing; the newest call wins when several overlap (open, "Sync now", a repair). `first` is
   * awaited before the listing is shown (on open: the tab's URL, so the matches section is there in the first
   * paint rather than popping in above a list the user is already reading).
   */
  async function load(first?: Promise<unknown>, early?: Promise<Result<VaultListing>> | null): Promise<void> {
    const seq = ++loadSeq;
    // The listing main.tsx asked for as the popup started (in parallel with status.get), if it answered;
    // a failure there (the vault was locked then: this is the screen after the unlock) is asked again, as a
    // first screenful too, with the tab's matches.
    const prefetched = early ? await early : null;
    let answer: Result<VaultListing>;
    if (prefetched?.ok) answer = prefetched;
    else if (first) {
      await first;
      const pageUrl = tabUrl.value;
      answer = await send('vault.list', {
        first: FIRST_SCREEN_ROWS,
        ...(pageUrl !== null && pageUrl.length <= MAX_PAGE_URL_CHARS ? { pageUrl } : {}),
      });
    } else answer = await send('vault.list', {});
    await first;
    if (seq !== loadSeq || disposed) return;
    if (!answer.ok) {
      const failure = fromProtocolError(answer.error);
      listError.value = failure;
      app.followFailure(failure);
      return;
    }
    batch(() => {
      listing.value = answer.value;
      listError.value = null;
      const current = category.value;
      const nextIndex = index.value;
      if (nextIndex !== null && !isKnownCategory(current, nextIndex)) category.value = 'all';
    });
    showSync(answer.value.sync);
    // A first screenful (main.tsx): the rest now, for scrolling, search and the counts.
    if (answer.value.items.length < answer.value.total) void load();
  }

  /** Shows a sync status; while the background is syncing, asks again until it is done, then reloads. */
  function showSync(status: SyncStatus): void {
    clock.value = deps.now();
    sync.value = status;
    clearTimeout(pollTimer);
    if (!status.syncing || disposed) return;
    pollTimer = setTimeout(() => {
      void send('sync.status', {}).then((answer) => {
        if (disposed || !answer.ok) return;
        showSync(answer.value);
        if (!answer.value.syncing) void load();
      });
    }, SYNC_POLL_MS);
  }

  const damaged = createDamagedModel({ deps, listing, task, reload: load });
  /** "Fill" on a match, and the autofill shortcut's hint beside them. */
  const fill = createPageFill(deps);

  return {
    task,
    syncTask,
    listing,
    listError,
    query,
    category,
    results,
    searching,
    damaged,
    fill,
    freshSyncError,
    shortcut,
    counts: computed(() => index.value?.counts ?? null),
    tags: computed(() => index.value?.tags ?? []),
    /** "Matches for this site": only while nothing is typed, and only among everything or the logins. */
    matches: computed<VaultListItem[]>(() =>
      searching.value || (category.value !== 'all' && category.value !== 'login') ? [] : siteMatches.value,
    ),
    view: computed<HomeView>(() => {
      if (listing.value === null) return listError.value === null ? 'loading' : 'failed';
      if (listing.value.items.length === 0) return 'empty-vault';
      return results.value.length === 0 ? 'no-results' : 'list';
    }),
    syncView: computed(() => (sync.value === null ? null : describeSync(sync.value, clock.value))),
    syncing: computed(() => syncTask.busy.value || sync.value?.syncing === true),
    email: computed(() => {
      const status = app.status.value;
      return status !== null && 'email' in status ? status.email : '';
    }),
    neverLocks: computed(() => {
      const status = app.status.value;
      return status?.phase === 'unlocked' && status.lockTimeout === 'never';
    }),
    /** On open: the listing, the tab (for its matches and fills) and the shortcuts, asked for together. */
    async start() {
      const tab = fill.start().then((url) => {
        tabUrl.value = url;
      });
      deps.syncShortcut().then(
        (keys) => {
          shortcut.value = keys;
        },
        () => {
          shortcut.value = '';
        },
      );
      await load(tab, deps.takeEarlyListing?.());
    },
    reload: () => load(),
    /** Readies search after the list is painted, so the first keystroke is as quick as the next. */
    prepareSearch() {
      index.value?.prepare();
    },
    search(text: string) {
      query.value = text;
    },
    /** Escape in the search field: answers whether there was anything to clear (else the popup may close). */
    clearSearch(): boolean {
      if (query.value === '') return false;
      query.value = '';
      return true;
    },
    choose(next: Category) {
      category.value = next;
    },
    async syncNow() {
      freshSyncError.value = false;
      const status = await syncTask.run('Syncing…', () => send('sync.now', {}), {
        onFailure: app.followFailure,
      });
      if (status === null) return;
      showSync(status);
      freshSyncError.value = status.lastError !== null;
      // A revoked session or a password changed elsewhere comes back as the sync's error: follow it at once.
      if (status.lastError !== null) {
        const failure = fromProtocolError({ code: status.lastError.code, message: status.lastError.message });
        if (changesAccountState(failure)) app.followFailure(failure);
      }
      await load();
    },
    open(id: string) {
      app.go({ screen: 'item', id });
    },
    newItem(type: RecordType) {
      app.go({ screen: 'item-new', type });
    },
    generator() {
      app.go({ screen: 'generator' });
    },
    async lock() {
      const status = await task.run('Locking…', () => send('lock', {}), { onFailure: app.followFailure });
      if (status !== null) app.show(status);
    },
    settings() {
      app.go({ screen: 'settings' });
    },
  };
});

export type HomeModel = InstanceType<typeof HomeModel>;
