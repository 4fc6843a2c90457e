import { createModel, signal } from '@preact/signals';
import type { UnsyncedChange } from '../../../lib/messaging/protocol';
import type { PopupDeps } from './popup-deps';
import { createTask } from './task';

/**
 * Sign out: first asks the background what has not reached the server, because signing out deletes this
 * device's copy; with unsynced changes the user must confirm losing them ("Sign out and discard").
 */
export const SignOutModel = createModel((deps: PopupDeps) => {
  const { app, send } = deps;
  const unsynced = signal<UnsyncedChange[] | null>(null);
  const task = createTask();

  return {
    unsynced,
    task,
    async load() {
      const changes = await task.run(
        'Checking for unsynced changes…',
        () => send('account.unsyncedChanges', {}),
        {
          onFailure: app.followFailure,
        },
      );
      if (changes !== null) unsynced.value = changes;
    },
    async confirm() {
      const changes = unsynced.value;
      if (changes === null) return;
      const status = await task.run(
        'Signing out…',
        async () => {
          const answer = await send('account.signOut', { discardUnsynced: changes.length > 0 });
          // A change made since the list was shown: the background refuses and lists it; show the new list.
          if (!answer.ok && answer.error.code === 'unsynced-changes' && answer.error.unsynced !== undefined) {
            unsynced.value = answer.error.unsynced;
          }
          return answer;
        },
        { onFailure: app.followFailure },
      );
      if (status !== null) app.show(status);
    },
    cancel() {
      app.go({ screen: 'settings' });
    },
  };
});

export type SignOutModel = InstanceType<typeof SignOutModel>;
