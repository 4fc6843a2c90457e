import {
  CHARACTER_SETS,
  LENGTH_RANGE,
  SEPARATOR_MAX,
  WORDS_RANGE,
  type GeneratorModel,
} from '../models/generator-model';

interface GeneratorPanelProps {
  model: GeneratorModel;
  /** Ids must be unique on the page: the generator screen and the editor's inline panel use different ones. */
  idPrefix: string;
}

/**
 * The generator's options: Password (length 8–128, character sets, avoid ambiguous characters) or Passphrase
 * (3–12 words, separator, capitals, a number). Every change makes a new result at once.
 */
export function GeneratorPanel({ model, idPrefix }: GeneratorPanelProps) {
  const options = model.options.value;
  const id = (name: string) => `${idPrefix}-${name}`;
  const password = options.password;
  const passphrase = options.passphrase;
  return (
    <div class="generator-options">
      <fieldset class="segmented">
        <legend class="visually-hidden">Kind</legend>
        {(['password', 'passphrase'] as const).map((mode) => (
          <label key={mode} class={options.mode === mode ? 'on' : ''}>
            <input
              type="radio"
              name={id('mode')}
              value={mode}
              checked={options.mode === mode}
              onChange={() => model.setMode(mode)}
            />
            {mode === 'password' ? 'Password' : 'Passphrase'}
          </label>
        ))}
      </fieldset>
      {options.mode === 'password' ? (
        <>
          <NumberSlider
            id={id('length')}
            label="Length"
            value={password.length}
            range={LENGTH_RANGE}
            onValue={model.setLength}
          />
          <div class="generator-sets">
            {CHARACTER_SETS.map((set) => (
              <Toggle
                key={set.key}
                id={id(set.key)}
                label={set.label}
                checked={password[set.key]}
                onChange={(on) => model.setCharacterSet(set.key, on)}
              />
            ))}
          </div>
          <Toggle
            id={id('ambiguous')}
            label="Avoid ambiguous characters"
            description="Leaves out look-alikes such as l, 1, I, O and 0."
            checked={password.avoidAmbiguous}
            onChange={model.setAvoidAmbiguous}
          />
        </>
      ) : (
        <>
          <NumberSlider
            id={id('words')}
            label="Words"
            value={passphrase.words}
            range={WORDS_RANGE}
            onValue={model.setWords}
          />
          <div class="field">
            <label for={id('separator')}>Separator</label>
            <input
              id={id('separator')}
              type="text"
              class="mono short"
              value={passphrase.separator}
              maxLength={SEPARATOR_MAX}
              spellcheck={false}
              autoComplete="off"
              onInput={(event) => model.setSeparator(event.currentTarget.value)}
            />
          </div>
          <Toggle
            id={id('capitalize')}
            label="Capitalize"
            checked={passphrase.capitalize}
            onChange={model.setCapitalize}
          />
          <Toggle
            id={id('number')}
            label="Include a number"
            checked={passphrase.includeNumber}
            onChange={model.setIncludeNumber}
          />
        </>
      )}
    </div>
  );
}

interface NumberSliderProps {
  id: string;
  label: string;
  value: number;
  range: { min: number; max: number };
  onValue: (value: number) => void;
}

/** A slider and a number box for the same value: quick to drag, exact to type (applied on change/Enter). */
function NumberSlider({ id, label, value, range, onValue }: NumberSliderProps) {
  return (
    <div class="field number-slider">
      <label for={id}>{label}</label>
      <div class="number-slider-row">
        <input
          type="range"
          aria-label={`${label} slider`}
          min={range.min}
          max={range.max}
          value={value}
          onInput={(event) => onValue(Number(event.currentTarget.value))}
        />
        <input
          id={id}
          type="number"
          min={range.min}
          max={range.max}
          value={value}
          onChange={(event) => {
            onValue(Number(event.currentTarget.value));
            // Junk or out of range: show the value actually in force.
            event.currentTarget.value = String(value);
          }}
        />
      </div>
    </div>
  );
}

interface ToggleProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  description?: string;
}

function Toggle({ id, label, checked, onChange, description }: ToggleProps) {
  const descriptionId = description === undefined ? undefined : `${id}-description`;
  return (
    <div class="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={descriptionId}
        onChange={(event) => {
          onChange(event.currentTarget.checked);
          // A refused change (the last character set) leaves the box as the model says.
          event.currentTarget.checked = checked;
        }}
      />
      <label for={id}>{label}</label>
      {description !== undefined ? (
        <p id={descriptionId} class="description">
          {description}
        </p>
      ) : null}
    </div>
  );
}
