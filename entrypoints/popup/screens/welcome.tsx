import { Screen } from '../components/screen';
import { Notice } from '../components/notice';
import type { PopupDeps } from '../models/popup-deps';

export function Welcome({ deps }: { deps: PopupDeps }) {
  const { app } = deps;
  return (
    <Screen title="Latchkey">
      <Notice text={app.notice.value} />
      <p class="lead">
        Your passwords, encrypted on this device before they go anywhere. Only you hold the keys.
      </p>
      <div class="actions stacked">
        <button type="button" class="button primary" onClick={() => app.go({ screen: 'sign-up' })}>
          Create account
        </button>
        <button type="button" class="button secondary" onClick={() => app.go({ screen: 'sign-in' })}>
          Sign in
        </button>
      </div>
    </Screen>
  );
}
