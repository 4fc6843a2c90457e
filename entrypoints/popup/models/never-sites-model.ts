import { computed, createModel, signal } from '@preact/signals';
import type { PopupDeps } from './popup-deps';
import { createTask } from './task';

/** Shown when the list is empty: where entries come from, so the section is not a riddle. */
export const NO_NEVER_SITES =
  'No sites yet. When you choose “Never” in the bar that offers to save a login, the site is listed here.';

/**
 * Settings, "Never offer to save on these sites" (issue 6): the sites the user answered "never" in the save
 * bar, from the background (`autofill.neverSites`), each with Remove (`autofill.removeNeverSite`), which
 * answers the list as it is afterwards.
 */
export const NeverSitesModel = createModel((deps: PopupDeps) => {
  const { app, send } = deps;
  const task = createTask();
  /** null until the background answered (or when it could not: the error is in `task`). */
  const sites = signal<readonly string[] | null>(null);
  /** What the last Remove did, for a role="status" line. */
  const removed = signal<string | null>(null);

  return {
    task,
    sites: computed(() => sites.value),
    removed: computed(() => removed.value),
    async load() {
      const answer = await task.run('Loading…', () => send('autofill.neverSites', {}), {
        onFailure: app.followFailure,
      });
      if (answer !== null) sites.value = answer;
    },
    async remove(site: string) {
      removed.value = null;
      const answer = await task.run('Removing…', () => send('autofill.removeNeverSite', { site }), {
        onFailure: app.followFailure,
      });
      if (answer === null) return;
      sites.value = answer;
      removed.value = `Latchkey offers to save logins on ${site} again.`;
    },
  };
});

export type NeverSitesModel = InstanceType<typeof NeverSitesModel>;
