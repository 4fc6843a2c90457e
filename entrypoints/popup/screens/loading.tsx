import { MessageArea } from '../components/message-area';
import type { PopupDeps } from '../models/popup-deps';

/** Until the background answers status.get; if it does not, the error and a way to try again. */
export function Loading({ deps }: { deps: PopupDeps }) {
  const { loading } = deps.app;
  return (
    <section class="screen loading" aria-label="Latchkey">
      <MessageArea error={loading.error} progress={loading.progress} />
      {loading.error.value !== null ? (
        <div class="actions">
          <button type="button" class="button primary" onClick={deps.app.refresh}>
            Try again
          </button>
        </div>
      ) : null}
    </section>
  );
}
