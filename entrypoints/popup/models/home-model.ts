import { computed, createModel } from '@preact/signals';
import type { PopupDeps } from './popup-deps';
import { createTask } from './task';

/** The unlocked home screen; the vault list arrives with issue 5, so for now it shows the account. */
export const HomeModel = createModel((deps: PopupDeps) => {
  const { app, send } = deps;
  const task = createTask();
  return {
    task,
    neverLocks: computed(() => {
      const status = app.status.value;
      return status?.phase === 'unlocked' && status.lockTimeout === 'never';
    }),
    email: computed(() => {
      const status = app.status.value;
      return status !== null && 'email' in status ? status.email : '';
    }),
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
