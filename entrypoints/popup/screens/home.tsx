import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { VaultListItem } from '../../../lib/messaging/protocol';
import { CategoryChips } from '../components/category-chips';
import { DamagedItems } from '../components/damaged-items';
import { MessageArea } from '../components/message-area';
import { Notice } from '../components/notice';
import { Screen } from '../components/screen';
import { SyncBar } from '../components/sync-bar';
import { VaultList } from '../components/vault-list';
import { VaultToolbar } from '../components/vault-toolbar';
import { HomeModel } from '../models/home-model';
import { AUTOFILL_HINT_WORDS } from '../models/page-fill';
import type { PopupDeps } from '../models/popup-deps';
import { NEVER_LOCKS_WARNING } from '../models/settings-model';

const SEARCH_ID = 'vault-search';
const LIST_ID = 'vault-list';

const focusSearch = () => document.getElementById(SEARCH_ID)?.focus();

/** Unlocked: the vault (issue 5). Search is focused on open; typing filters at once; Escape clears. */
export function Home({ deps }: { deps: PopupDeps }) {
  const model = useModel(() => new HomeModel(deps));
  useEffect(() => {
    void model.start();
    // The popup (or a Firefox sidebar) shown again: the vault may have changed meanwhile.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void model.reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [model]);
  const listing = model.listing.value;
  useEffect(() => {
    // Effects run after the browser paints: the list is on screen, now fold the search text (~20 ms at 10k).
    const timer = setTimeout(model.prepareSearch, 0);
    return () => clearTimeout(timer);
  }, [model, listing]);

  const view = model.view.value;
  const matches = model.matches.value;
  const first = matches[0] ?? model.results.value[0];
  const resetKey = `${model.query.value}\n${model.category.value}`;
  return (
    <Screen title="Latchkey" focus="field">
      <div class="vault-home">
        <p class="vault-account" title={model.email.value}>
          <span class="dot" aria-hidden="true" />
          <span class="visually-hidden">Unlocked · </span>
          {model.email.value}
        </p>
        <VaultToolbar model={model} />
        <input
          id={SEARCH_ID}
          type="search"
          class="vault-search"
          aria-label="Search vault"
          placeholder="Search vault"
          aria-controls={LIST_ID}
          autoComplete="off"
          spellcheck={false}
          data-autofocus=""
          value={model.query.value}
          onInput={(event) => model.search(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && model.clearSearch()) event.preventDefault();
            else if (event.key === 'ArrowDown') {
              event.preventDefault();
              document.getElementById(matches.length > 0 ? 'site-matches' : LIST_ID)?.focus();
            } else if (event.key === 'Enter' && !event.isComposing && first !== undefined)
              model.open(first.id);
          }}
        />
        <CategoryChips model={model} />
        <Notice text={deps.app.notice.value} />
        <Notice text={model.damaged.done.value} tone="success" />
        {model.neverLocks.value ? <p class="caution">{NEVER_LOCKS_WARNING}</p> : null}
        {model.task.error.value !== null || model.task.busy.value ? (
          <MessageArea error={model.task.error} progress={model.task.progress} />
        ) : null}
        <DamagedItems model={model.damaged} task={model.task} />
        {matches.length > 0 ? <SiteMatches model={model} matches={matches} /> : null}
        {matches.length > 0 ? <h2 class="list-heading">All items</h2> : null}
        {view === 'list' ? (
          <VaultList
            id={LIST_ID}
            label="Vault items"
            items={model.results.value}
            onOpen={model.open}
            resetKey={resetKey}
            onExitTop={focusSearch}
          />
        ) : (
          <EmptyState model={model} />
        )}
        <SyncBar
          view={model.syncView}
          syncing={model.syncing}
          fresh={model.freshSyncError}
          shortcut={model.shortcut}
          task={model.syncTask}
          onSyncNow={() => void model.syncNow()}
        />
      </div>
    </Screen>
  );
}

const FILL_KEYS_ID = 'site-matches-keys';

/** The logins for the tab, each with "Fill"; the autofill shortcut's hint; what a fill that failed said. */
function SiteMatches({ model, matches }: { model: HomeModel; matches: readonly VaultListItem[] }) {
  const { fill } = model;
  const keys = fill.shortcut.value;
  const busy = fill.task.busy.value;
  const onFill = (id: string) => {
    if (!busy) void fill.fill(id);
  };
  return (
    <section class="site-matches" aria-labelledby="site-matches-title" aria-busy={busy ? 'true' : undefined}>
      <h2 id="site-matches-title">Matches for this site</h2>
      <VaultList
        id="site-matches"
        label="Matches for this site"
        items={matches}
        onOpen={model.open}
        onFill={onFill}
        describedBy={FILL_KEYS_ID}
        maxRows={3}
        onExitTop={focusSearch}
      />
      <p id={FILL_KEYS_ID} class="fill-hint">
        <span class="visually-hidden">Control+Enter fills the selected login. </span>
        {keys !== null && keys !== '' ? (
          <span class="shortcut">
            <kbd>{keys}</kbd> {AUTOFILL_HINT_WORDS}
          </span>
        ) : null}
      </p>
      {fill.task.error.value !== null || busy ? (
        <MessageArea error={fill.task.error} progress={fill.task.progress} />
      ) : null}
    </section>
  );
}

function EmptyState({ model }: { model: HomeModel }) {
  switch (model.view.value) {
    case 'loading':
      return (
        <p class="vault-empty" role="status">
          Loading your vault…
        </p>
      );
    case 'failed':
      return (
        <div class="vault-empty error" role="alert">
          <p>{model.listError.value?.message}</p>
          <button type="button" class="button secondary small" onClick={() => void model.reload()}>
            Try again
          </button>
        </div>
      );
    case 'empty-vault':
      return (
        <div class="vault-empty">
          <p>Your vault is empty. Add your first login.</p>
          <button type="button" class="button primary small" onClick={() => model.newItem('login')}>
            Add a login
          </button>
        </div>
      );
    case 'no-results':
      return (
        <p class="vault-empty" role="status">
          {model.searching.value
            ? `No items match “${model.query.value.trim()}”`
            : 'No items in this category'}
        </p>
      );
    case 'list':
      return null;
  }
}
