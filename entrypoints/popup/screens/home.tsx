import { useModel } from '@preact/signals';
import { BusyButton } from '../components/busy-button';
import { MessageArea } from '../components/message-area';
import { Notice } from '../components/notice';
import { Screen } from '../components/screen';
import { HomeModel } from '../models/home-model';
import type { PopupDeps } from '../models/popup-deps';
import { NEVER_LOCKS_WARNING } from '../models/settings-model';

/** Unlocked. The vault's list, search and editor arrive with issue 5; until then this shows the account. */
export function Home({ deps }: { deps: PopupDeps }) {
  const model = useModel(() => new HomeModel(deps));
  const { task } = model;
  return (
    <Screen title="Latchkey">
      <Notice text={deps.app.notice.value} />
      <p class="account unlocked">
        <span class="dot" aria-hidden="true" />
        Unlocked · {model.email.value}
      </p>
      {model.neverLocks.value ? <p class="caution">{NEVER_LOCKS_WARNING}</p> : null}
      <MessageArea error={task.error} progress={task.progress} />
      <div class="actions">
        <BusyButton onClick={model.lock} variant="primary" busy={task.busy.value}>
          Lock
        </BusyButton>
        <button type="button" class="button secondary" onClick={model.settings}>
          Settings
        </button>
      </div>
    </Screen>
  );
}
