import { Screen } from '../components/screen';
import type { PopupDeps } from '../models/popup-deps';
import { routeForStatus } from '../models/route';

/** Forgot password: no backdoor (DESIGN §1): a Recovery Kit made earlier, or a reset that deletes the data. */
export function ForgotPassword({ deps }: { deps: PopupDeps }) {
  const { app } = deps;
  const back = () => {
    const status = app.status.value;
    app.go(status === null ? { screen: 'welcome' } : routeForStatus(status));
  };
  return (
    <Screen title="Forgot password">
      <p class="lead">
        Latchkey never knows your password, so it cannot tell you what it was or reset it for you. You can:
      </p>
      <div class="choice">
        <button type="button" class="button primary" onClick={() => app.go({ screen: 'recovery-use' })}>
          Use my Recovery Kit
        </button>
        <p class="description">Set a new password with the Recovery Kit you printed. Nothing is lost.</p>
      </div>
      <div class="choice">
        <button
          type="button"
          class="button danger-outline"
          onClick={() => app.go({ screen: 'reset', from: 'forgot-password' })}
        >
          Reset my account
        </button>
        <p class="description">No Recovery Kit? Delete everything in the account and start over.</p>
      </div>
      <div class="actions">
        <button type="button" class="button link" onClick={back}>
          Back
        </button>
      </div>
    </Screen>
  );
}
