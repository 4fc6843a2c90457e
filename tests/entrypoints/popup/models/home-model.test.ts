import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Result, SyncStatus, VaultListing } from '../../../../lib/messaging/protocol';
import { UNREADABLE_TITLE } from '../../../../entrypoints/popup/models/damaged-model';
import { FIRST_SCREEN_ROWS, HomeModel } from '../../../../entrypoints/popup/models/home-model';
import { fail, ok, settle, type Script } from '../support/scripted-background';
import { LOCKED, startPopup, UNLOCKED, type Harness } from '../support/popup-harness';
import { damagedItem, listing, listItem, login, recordId, SYNCED } from '../support/vault-fixtures';

const NOW = Date.parse('2026-11-21T10:05:00.000Z');

const GITHUB = login('GitHub', 'octocat', 'https://github.com/login', { favorite: true });
const GITLAB = login('Work GitLab', 'jdoe', 'https://gitlab.com', { pending: true });
const GIST = login('Gist', 'octocat', 'https://gist.github.com', { tags: ['code'] });
const VISA = listItem({ title: 'Visa', type: 'card', subtitle: '•••• 4242' });
const NOTE = listItem({ title: 'alarm code', type: 'note' });
const ITEMS = [VISA, GITLAB, NOTE, GITHUB, GIST];

const models: HomeModel[] = [];
afterEach(() => {
  for (const model of models.splice(0)) model[Symbol.dispose]();
  vi.useRealTimers();
});

/** The popup opened on the home screen over `tabUrl`, the model started. */
async function home(
  answer: VaultListing | (() => ReturnType<NonNullable<Script['vault.list']>>),
  options: { tabUrl?: string; script?: Script; shortcut?: string } = {},
): Promise<{ model: HomeModel; harness: Harness }> {
  const harness = await startPopup(
    UNLOCKED,
    { 'vault.list': typeof answer === 'function' ? answer : () => ok(answer), ...options.script },
    () => NOW,
  );
  harness.tabUrl = options.tabUrl ?? null;
  if (options.shortcut !== undefined) harness.shortcut = options.shortcut;
  const model = new HomeModel(harness.deps);
  models.push(model);
  await model.start();
  await settle();
  return { model, harness };
}

/** As main.tsx does: the listing asked for at start-up, handed out once. */
function giveEarlyListing(harness: Harness, answer: Result<VaultListing>): void {
  let early: Promise<Result<VaultListing>> | null = Promise.resolve(answer);
  harness.deps.takeEarlyListing = () => {
    const taken = early;
    early = null;
    return taken;
  };
}

const titles = (model: HomeModel) => model.results.value.map((row) => row.title);

describe('HomeModel: the list', () => {
  test('loads the listing on open: sorted by title, the sync words, the shortcut', async () => {
    const { model, harness } = await home(listing(ITEMS, { sync: { pending: 1 } }));
    expect(harness.background.callsOf('vault.list')).toHaveLength(1);
    expect(model.view.value).toBe('list');
    expect(titles(model)).toEqual(['alarm code', 'Gist', 'GitHub', 'Visa', 'Work GitLab']);
    expect(model.syncView.value).toMatchObject({ headline: 'Synced 5 min ago', pending: '1 change waiting' });
    expect(model.shortcut.value).toBe('Alt+Shift+Y');
    expect(model.counts.value).toMatchObject({ all: 5, login: 3, card: 1, note: 1, favorites: 1 });
    expect(model.tags.value).toEqual(['code']);
  });

  test('uses the listing asked for at start-up (one round trip), once; a failed early answer is asked again', async () => {
    const harness = await startPopup(UNLOCKED, { 'vault.list': () => ok(listing([NOTE])) }, () => NOW);
    giveEarlyListing(harness, ok(listing(ITEMS)));
    const model = new HomeModel(harness.deps);
    models.push(model);
    await model.start();
    await settle();
    expect(harness.background.callsOf('vault.list')).toHaveLength(0);
    expect(titles(model)).toHaveLength(ITEMS.length);
    await model.reload();
    expect(harness.background.callsOf('vault.list')).toHaveLength(1);
    expect(titles(model)).toEqual(['alarm code']);

    // Opened while locked: the early answer was 'locked'; after the unlock the home screen asks again.
    const again = await startPopup(UNLOCKED, { 'vault.list': () => ok(listing(ITEMS)) }, () => NOW);
    again.deps.takeEarlyListing = () =>
      Promise.resolve(fail('locked', 'Latchkey is locked. Unlock it first.'));
    const second = new HomeModel(again.deps);
    models.push(second);
    await second.start();
    await settle();
    expect(again.background.callsOf('vault.list')).toHaveLength(1);
    expect(titles(second)).toHaveLength(ITEMS.length);
  });

  test('a first screenful, with the matches for the tab from the background, paints; then the rest comes', async () => {
    let release!: () => void;
    const rest = new Promise<void>((resolve) => (release = resolve));
    const harness = await startPopup(
      UNLOCKED,
      { 'vault.list': async () => (await rest, ok(listing(ITEMS))) },
      () => NOW,
    );
    harness.tabUrl = 'https://github.com/login';
    const first = { ...listing([NOTE, GIST]), total: ITEMS.length, matches: [GITHUB] };
    giveEarlyListing(harness, ok(first));
    const model = new HomeModel(harness.deps);
    models.push(model);
    await model.start();
    await settle();
    // Painted from the first screen: its rows, and the background's matches (GitHub is not among the rows).
    expect(model.view.value).toBe('list');
    expect(titles(model)).toEqual(['alarm code', 'Gist']);
    expect(model.matches.value.map((row) => row.title)).toEqual(['GitHub']);
    expect(harness.background.callsOf('vault.list')).toHaveLength(1);
    // The rest arrives: the whole list, and the same rule computed here over it.
    release();
    await settle();
    expect(titles(model)).toHaveLength(ITEMS.length);
    expect(model.matches.value.map((row) => row.title)).toEqual(['Gist', 'GitHub']);
  });

  test('searches as the user types, ranked; Escape clears, and only once', async () => {
    const { model } = await home(listing(ITEMS));
    model.search('git');
    // Title prefix › title word › anywhere (Gist's URL, gist.github.com).
    expect(titles(model)).toEqual(['GitHub', 'Work GitLab', 'Gist']);
    model.search('octocat');
    expect(titles(model)).toEqual(['Gist', 'GitHub']);
    model.search('zzz');
    expect(model.view.value).toBe('no-results');
    expect(model.clearSearch()).toBe(true);
    expect(model.query.value).toBe('');
    expect(model.clearSearch()).toBe(false);
    expect(model.view.value).toBe('list');
  });

  test('categories filter the list, and a search within one', async () => {
    const { model } = await home(listing(ITEMS));
    model.choose('favorites');
    expect(titles(model)).toEqual(['GitHub']);
    model.choose('card');
    expect(titles(model)).toEqual(['Visa']);
    model.choose('tag:code');
    expect(titles(model)).toEqual(['Gist']);
    model.choose('identity');
    expect(model.view.value).toBe('no-results');
    model.choose('login');
    model.search('work');
    expect(titles(model)).toEqual(['Work GitLab']);
  });

  test('an empty vault says so', async () => {
    const { model } = await home(listing([]));
    expect(model.view.value).toBe('empty-vault');
    expect(model.results.value).toEqual([]);
  });

  test('a tag chip whose tag went away falls back to All on reload', async () => {
    let answer = listing(ITEMS);
    const { model } = await home(() => ok(answer));
    model.choose('tag:code');
    answer = listing([VISA, GITHUB]);
    await model.reload();
    expect(model.category.value).toBe('all');
    expect(titles(model)).toEqual(['GitHub', 'Visa']);
  });
});

describe('HomeModel: matches for this site', () => {
  test('the tab’s logins first, only while nothing is typed and among All or Logins', async () => {
    const { model } = await home(listing(ITEMS), { tabUrl: 'https://github.com/settings' });
    // gist.github.com shares github.com's registrable domain (base-domain matching, DESIGN §5).
    expect(model.matches.value.map((row) => row.title)).toEqual(['Gist', 'GitHub']);
    model.search('gi');
    expect(model.matches.value).toEqual([]);
    model.clearSearch();
    model.choose('card');
    expect(model.matches.value).toEqual([]);
    model.choose('login');
    expect(model.matches.value).toHaveLength(2);
  });

  test('the list waits for the tab’s URL, so the section is in the first paint, not popped in above it', async () => {
    const harness = await startPopup(UNLOCKED, { 'vault.list': () => ok(listing(ITEMS)) }, () => NOW);
    let answerTab: (url: string) => void = () => undefined;
    harness.deps.activeTab = () => new Promise((resolve) => (answerTab = (url) => resolve({ id: 7, url })));
    const model = new HomeModel(harness.deps);
    models.push(model);
    const started = model.start();
    await settle();
    // The first screenful is asked with the tab's URL (its matches come with it), so it waits for the tab.
    expect(harness.background.callsOf('vault.list')).toHaveLength(0);
    expect(model.view.value).toBe('loading');
    const firstShown: string[][] = [];
    model.listing.subscribe((value) => {
      if (value !== null && firstShown.length === 0)
        firstShown.push(model.matches.value.map((row) => row.title));
    });
    answerTab('https://github.com/');
    await started;
    expect(harness.background.callsOf('vault.list')[0]).toEqual({
      first: FIRST_SCREEN_ROWS,
      pageUrl: 'https://github.com/',
    });
    expect(firstShown).toEqual([['Gist', 'GitHub']]);
  });

  test('a tab the popup cannot read does not hold the list back', async () => {
    const harness = await startPopup(UNLOCKED, { 'vault.list': () => ok(listing(ITEMS)) }, () => NOW);
    harness.deps.activeTab = () => Promise.reject(new Error('no activeTab permission'));
    const model = new HomeModel(harness.deps);
    models.push(model);
    await model.start();
    expect(model.view.value).toBe('list');
    expect(model.matches.value).toEqual([]);
  });

  test('no tab, or a page nothing matches: no section', async () => {
    expect((await home(listing(ITEMS))).model.matches.value).toEqual([]);
    const other = await home(listing(ITEMS), { tabUrl: 'https://example.org/' });
    expect(other.model.matches.value).toEqual([]);
  });
});

describe('HomeModel: sync', () => {
  test('"Sync now" shows the new status and reloads the list', async () => {
    // The background as it is: the listing reports the sync status the last sync left.
    let items = ITEMS;
    let sync = SYNCED;
    const { model, harness } = await home(() => ok(listing(items, { sync })), {
      script: {
        'sync.now': () => {
          items = [...ITEMS, login('Added elsewhere', 'me', 'https://example.net')];
          sync = { ...SYNCED, lastSuccessAt: new Date(NOW).toISOString() };
          return ok(sync);
        },
      },
    });
    expect(model.syncView.value?.headline).toBe('Synced 5 min ago');
    await model.syncNow();
    expect(harness.background.callsOf('sync.now')).toEqual([{}]);
    expect(harness.background.callsOf('vault.list')).toHaveLength(2);
    expect(model.syncView.value?.headline).toBe('Synced just now');
    expect(titles(model)).toContain('Added elsewhere');
    expect(model.freshSyncError.value).toBe(false);
  });

  test('a sync that fails says why and when it retries, announced as new', async () => {
    const failed: SyncStatus = {
      ...SYNCED,
      pending: 2,
      lastError: {
        code: 'network',
        message: 'The server cannot be reached.',
        at: new Date(NOW).toISOString(),
      },
      nextRetryAt: new Date(NOW + 120_000).toISOString(),
    };
    let sync = SYNCED;
    const { model, harness } = await home(() => ok(listing(ITEMS, { sync })), {
      script: {
        'sync.now': () => {
          sync = failed;
          return ok(failed);
        },
      },
    });
    await model.syncNow();
    expect(model.syncView.value).toMatchObject({
      error: 'The server cannot be reached.',
      retry: 'Retrying in 2 min',
      tone: 'error',
    });
    expect(model.freshSyncError.value).toBe(true);
    // A network error is no reason to leave the screen.
    expect(harness.background.callsOf('status.get')).toHaveLength(1);
  });

  test('a revoked session reported by the sync re-routes the popup', async () => {
    const revoked: SyncStatus = {
      ...SYNCED,
      lastError: {
        code: 'session-revoked',
        message: 'This device was signed out.',
        at: new Date(NOW).toISOString(),
      },
    };
    const { model, harness } = await home(listing(ITEMS), { script: { 'sync.now': () => ok(revoked) } });
    harness.background.script['status.get'] = () => ok(LOCKED);
    await model.syncNow();
    await settle();
    expect(harness.background.callsOf('status.get')).toHaveLength(2);
    expect(harness.deps.app.route.value).toEqual({ screen: 'unlock' });
  });

  test('"Sync now" refused (locked meanwhile): the error shows and the popup follows to unlock', async () => {
    const { model, harness } = await home(listing(ITEMS), {
      script: { 'sync.now': () => fail('locked', 'Latchkey is locked.') },
    });
    harness.background.script['status.get'] = () => ok(LOCKED);
    await model.syncNow();
    await settle();
    expect(model.syncTask.error.value?.message).toBe('Latchkey is locked.');
    expect(harness.deps.app.route.value).toEqual({ screen: 'unlock' });
  });

  test('a sync already running when the popup opens: asks until it ends, then reloads', async () => {
    let syncing = true;
    const { model, harness } = await home(() => ok(listing(ITEMS, { sync: { syncing } })), {
      script: {
        'sync.status': () => {
          syncing = false;
          return ok({ ...SYNCED, syncing: false });
        },
      },
    });
    expect(model.syncing.value).toBe(true);
    expect(model.syncView.value?.headline).toBe('Syncing…');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await settle();
    expect(harness.background.callsOf('sync.status')).toHaveLength(1);
    expect(harness.background.callsOf('vault.list')).toHaveLength(2);
    expect(model.syncing.value).toBe(false);
  });

  test('"Synced 5 min ago" moves on while the popup stays open', async () => {
    vi.useFakeTimers({ toFake: ['setInterval'] });
    let now = NOW;
    const harness = await startPopup(UNLOCKED, { 'vault.list': () => ok(listing(ITEMS)) }, () => now);
    const model = new HomeModel(harness.deps);
    models.push(model);
    await model.start();
    expect(model.syncView.value?.headline).toBe('Synced 5 min ago');
    now += 4 * 60_000;
    vi.advanceTimersByTime(30_000);
    expect(model.syncView.value?.headline).toBe('Synced 9 min ago');
  });

  test('a removed shortcut is shown as none', async () => {
    const { model } = await home(listing(ITEMS), { shortcut: '' });
    expect(model.shortcut.value).toBe('');
  });
});

describe('HomeModel: damaged records', () => {
  const broken = recordId(9001);

  test('names a damaged record by this device’s good copy, or says it cannot be read', async () => {
    const { model } = await home(
      listing(ITEMS, {
        damaged: [damagedItem(GITHUB.id, { hasGoodCopy: true }), damagedItem(broken)],
      }),
    );
    expect(model.damaged.count.value).toBe(2);
    expect(model.damaged.rows.value.map((row) => row.title)).toEqual(['GitHub', UNREADABLE_TITLE]);
    expect(model.damaged.expanded.value).toBe(false);
    model.damaged.toggle();
    expect(model.damaged.expanded.value).toBe(true);
  });

  test('"Put this device’s copy back" sends the repair and reloads', async () => {
    let damaged = [damagedItem(GITHUB.id, { hasGoodCopy: true })];
    const { model, harness } = await home(() => ok(listing(ITEMS, { damaged })), {
      script: {
        'vault.repair': () => {
          damaged = [];
          return ok({});
        },
      },
    });
    await model.damaged.keepThisDeviceCopy(GITHUB.id);
    expect(harness.background.callsOf('vault.repair')).toEqual([
      { id: GITHUB.id, action: 'keep-this-device-copy' },
    ]);
    expect(harness.background.callsOf('vault.list')).toHaveLength(2);
    expect(model.damaged.count.value).toBe(0);
    expect(model.damaged.done.value).toMatch(/copy of “GitHub” back/);
  });

  test('"Delete it everywhere" asks first; cancelling sends nothing', async () => {
    const { model, harness } = await home(listing(ITEMS, { damaged: [damagedItem(broken)] }), {
      script: { 'vault.repair': () => ok({}) },
    });
    model.damaged.askDelete(broken);
    expect(model.damaged.confirmingDelete.value).toBe(broken);
    model.damaged.cancelDelete();
    await model.damaged.confirmDelete();
    expect(harness.background.callsOf('vault.repair')).toEqual([]);
    model.damaged.askDelete(broken);
    await model.damaged.confirmDelete();
    expect(harness.background.callsOf('vault.repair')).toEqual([{ id: broken, action: 'delete' }]);
    expect(model.damaged.confirmingDelete.value).toBeNull();
    expect(model.damaged.done.value).toBe(`Deleted “${UNREADABLE_TITLE}” everywhere.`);
  });

  test('a refused repair shows the background’s words and keeps the list', async () => {
    const { model } = await home(listing(ITEMS, { damaged: [damagedItem(broken)] }), {
      script: { 'vault.repair': () => fail('network', 'The server cannot be reached.') },
    });
    model.damaged.askDelete(broken);
    await model.damaged.confirmDelete();
    expect(model.task.error.value?.message).toBe('The server cannot be reached.');
    expect(model.damaged.done.value).toBeNull();
    expect(model.damaged.count.value).toBe(1);
  });
});

describe('HomeModel: failures and navigation', () => {
  test('a listing refused because the vault locked meanwhile: the popup goes to unlock', async () => {
    const harness = await startPopup(UNLOCKED, { 'vault.list': () => fail('locked', 'Latchkey is locked.') });
    harness.background.script['status.get'] = () => ok(LOCKED);
    const model = new HomeModel(harness.deps);
    models.push(model);
    await model.start();
    await settle();
    expect(model.view.value).toBe('failed');
    expect(model.listError.value?.message).toBe('Latchkey is locked.');
    expect(harness.deps.app.route.value).toEqual({ screen: 'unlock' });
  });

  test('overlapping loads: the newest answer wins, whatever order they arrive in', async () => {
    const answers: Array<(value: VaultListing) => void> = [];
    const { model, harness } = await home(listing(ITEMS));
    harness.background.script['vault.list'] = () =>
      new Promise((resolve) => answers.push((value) => resolve(ok(value))));
    const first = model.reload();
    const second = model.reload();
    answers[1]?.(listing([VISA]));
    answers[0]?.(listing(ITEMS));
    await Promise.all([first, second]);
    expect(titles(model)).toEqual(['Visa']);
  });

  test('rows, "New item", Generator, Settings and Lock go where they say', async () => {
    const { model, harness } = await home(listing(ITEMS), { script: { lock: () => ok(LOCKED) } });
    model.open(GITHUB.id);
    expect(harness.deps.app.route.value).toEqual({ screen: 'item', id: GITHUB.id });
    model.newItem('card');
    expect(harness.deps.app.route.value).toEqual({ screen: 'item-new', type: 'card' });
    model.generator();
    expect(harness.deps.app.route.value).toEqual({ screen: 'generator' });
    model.settings();
    expect(harness.deps.app.route.value).toEqual({ screen: 'settings' });
    await model.lock();
    expect(harness.background.callsOf('lock')).toEqual([{}]);
    expect(harness.deps.app.route.value).toEqual({ screen: 'unlock' });
  });
});
