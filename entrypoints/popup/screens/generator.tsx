import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { GeneratorPanel } from '../components/generator-panel';
import { GeneratedResult } from '../components/generated-result';
import { Notice } from '../components/notice';
import { Screen } from '../components/screen';
import { clipboardFor } from '../models/clipboard-model';
import { GeneratorModel } from '../models/generator-model';
import type { PopupDeps } from '../models/popup-deps';

/** The password generator on its own: make a password or passphrase and copy it. */
export function Generator({ deps }: { deps: PopupDeps }) {
  const model = useModel(() => new GeneratorModel(deps));
  const clipboard = clipboardFor(deps);
  useEffect(() => clipboard.forget(), [clipboard]);
  return (
    <Screen title="Password generator">
      <GeneratedResult model={model} onCopy={() => void model.copy()} />
      <Notice text={clipboard.message.value} tone={clipboard.failed.value ? 'warning' : 'success'} />
      <GeneratorPanel model={model} idPrefix="generator" />
      <div class="actions">
        <button type="button" class="button link" onClick={model.back}>
          Back
        </button>
      </div>
    </Screen>
  );
}
