import { computed, createModel, signal } from '@preact/signals';
import type { AccountStatus, KitArtifacts } from '../../../lib/messaging/protocol';
import type { SendMessage } from '../../../lib/messaging/send-message';
import { createActivityThrottle } from './activity-throttle';
import { routeAfterKit, routeForStatus, type KitReason, type Route } from './route';
import { createTask } from './task';
import { changesAccountState, type UserError } from './user-error';

/** The server a first-time user talks to: the one `npm start` runs on this machine (README). */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

/**
 * The popup's spine: where the account stands (from the background, the only source of truth), which screen
 * is shown, and the notice to show once ("This device was signed out from another device."). Screens ask it
 * to move on; it never decides anything the background should.
 */
export const AppModel = createModel((send: SendMessage, now: () => number = Date.now) => {
  const status = signal<AccountStatus | null>(null);
  const route = signal<Route>({ screen: 'loading' });
  /** A notice the popup itself raised (e.g. after an account reset the device was not signed in to). */
  const localNotice = signal<string | null>(null);
  const loading = createTask();

  const notice = computed<string | null>(() => {
    if (localNotice.value !== null) return localNotice.value;
    const current = status.value;
    return current !== null && 'notice' in current && current.notice !== null ? current.notice.message : null;
  });

  /** What the Server and Email fields start with: the account's, or the last ones used on this device. */
  const defaults = computed(() => {
    const current = status.value;
    if (current === null) return { serverUrl: DEFAULT_SERVER_URL, email: '' };
    if (current.phase === 'signed-out') {
      return { serverUrl: current.lastServerUrl ?? DEFAULT_SERVER_URL, email: current.lastEmail ?? '' };
    }
    return { serverUrl: current.serverUrl, email: current.email };
  });

  const touch = createActivityThrottle(() => {
    void send('activity.touch', {});
  }, now);

  function show(next: AccountStatus): void {
    status.value = next;
    route.value = routeForStatus(next);
  }

  async function refresh(): Promise<void> {
    const next = await loading.run('Checking your account…', () => send('status.get', {}));
    if (next !== null) show(next);
  }

  return {
    status,
    route,
    notice,
    defaults,
    /** Failure to read the status at all (background gone): the loading screen shows it with a retry. */
    loading,
    /** Reads the status and shows its screen: on open, and whenever the account may have moved. */
    start: refresh,
    refresh,
    /** Shows the screen for a status a message just answered. */
    show,
    /** Keeps a newer status without leaving the current screen (e.g. after sign-up, before the kit). */
    remember(next: AccountStatus) {
      status.value = next;
    },
    go(next: Route) {
      localNotice.value = null;
      route.value = next;
    },
    /** Moves to the welcome screen with a notice of the popup's own. */
    welcome(message: string) {
      route.value = { screen: 'welcome' };
      localNotice.value = message;
    },
    showKit(kit: KitArtifacts, reason: KitReason) {
      route.value = { screen: 'kit', kit, reason };
    },
    afterKit(reason: KitReason) {
      route.value = routeAfterKit(reason);
    },
    /** Every failure from the background passes here: state changes (revoked, locked…) re-route the popup. */
    followFailure(error: UserError) {
      if (changesAccountState(error)) void refresh();
    },
    /** User input in the popup: keeps an unlocked vault from locking while it is in use. */
    activity() {
      if (status.value?.phase === 'unlocked') touch();
    },
  };
});

export type AppModel = InstanceType<typeof AppModel>;
