import type { GeneratorModel } from '../models/generator-model';

interface GeneratedResultProps {
  model: GeneratorModel;
  /** "Copy" on the generator screen; the editor's inline panel puts the result in the field instead. */
  onCopy?: () => void;
}

/** The current result in monospace, its strength in bits, "Regenerate" and (on its own screen) "Copy". */
export function GeneratedResult({ model, onCopy }: GeneratedResultProps) {
  const kind = model.options.value.mode === 'password' ? 'password' : 'passphrase';
  return (
    <div class="generated">
      <output class="generated-value mono" aria-label={`Generated ${kind}`}>
        {model.result.value}
      </output>
      <p class="generated-strength">≈ {model.entropy.value} bits</p>
      <div class="actions">
        <button type="button" class="button small secondary" onClick={model.regenerate}>
          Regenerate
        </button>
        {onCopy ? (
          <button type="button" class="button small primary" onClick={onCopy}>
            Copy
          </button>
        ) : null}
      </div>
    </div>
  );
}
