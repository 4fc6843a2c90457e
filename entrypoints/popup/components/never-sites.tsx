import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { NeverSitesModel, NO_NEVER_SITES } from '../models/never-sites-model';
import type { PopupDeps } from '../models/popup-deps';
import { BusyButton } from './busy-button';
import { MessageArea } from './message-area';
import { Notice } from './notice';

/**
 * The settings section listing the sites where the save bar stays quiet, each with "Remove <site>". After a
 * removal focus goes to the section's heading, since the button the user pressed is gone.
 */
export function NeverSites({ deps }: { deps: PopupDeps }) {
  const model = useModel(() => new NeverSitesModel(deps));
  useEffect(() => void model.load(), [model]);
  const sites = model.sites.value;
  const busy = model.task.busy.value;
  const remove = async (site: string) => {
    await model.remove(site);
    document.getElementById('never-sites-title')?.focus();
  };
  return (
    <section class="never-sites" aria-labelledby="never-sites-title" aria-busy={busy ? 'true' : undefined}>
      <h2 id="never-sites-title" tabIndex={-1}>
        Never offer to save on these sites
      </h2>
      {sites === null ? null : sites.length === 0 ? (
        <p class="description">{NO_NEVER_SITES}</p>
      ) : (
        <ul class="never-sites-list">
          {sites.map((site) => (
            <li key={site}>
              <span class="never-site">{site}</span>
              <BusyButton onClick={() => void remove(site)} blocked={busy}>
                <span aria-hidden="true">Remove</span>
                <span class="visually-hidden">Remove {site}</span>
              </BusyButton>
            </li>
          ))}
        </ul>
      )}
      <Notice text={model.removed.value} tone="success" />
      {/* Only on a failure: the settings' own area above is reserved already; two empty ones leave a gap. */}
      {model.task.error.value !== null ? <MessageArea error={model.task.error} /> : null}
    </section>
  );
}
