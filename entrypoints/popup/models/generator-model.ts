import { computed, createModel, signal, type Signal } from '@preact/signals';
import {
  entropyBits,
  generatePassphrase,
  generatePassword,
  PASSPHRASE_WORD_COUNT,
  PASSWORD_LENGTH,
  type PassphraseOptions,
  type PasswordOptions,
} from '../../../lib/vault/password-generator';
import { clipboardFor } from './clipboard-model';
import type { PopupDeps } from './popup-deps';

/**
 * The password generator (issue 5): random characters from the chosen sets, or a passphrase of random words.
 * The generating itself is lib/vault/password-generator.ts (crypto.getRandomValues, no modulo bias); this
 * model keeps the options, the current result and its strength in bits.
 */

export interface GeneratorOptions {
  mode: 'password' | 'passphrase';
  password: PasswordOptions;
  passphrase: PassphraseOptions;
}

/** Bounds the screen offers (the issue: length 8–128, 3–12 words), as the generator enforces them. */
export const LENGTH_RANGE = PASSWORD_LENGTH;
export const WORDS_RANGE = PASSPHRASE_WORD_COUNT;
/** A separator is a few characters at most (the generator refuses more): longer ones add length, not strength. */
export const SEPARATOR_MAX = 3;

/**
 * 20 characters from all four sets is ~130 bits, beyond any offline attack. 5 words from the 4,096-word list
 * (lib/vault/passphrase-words.ts, 12 bits a word) is 60 bits, in line with the EFF's advice of at least five
 * words (eff.org/dice); the user can raise it to 12.
 */
export const DEFAULT_GENERATOR_OPTIONS: GeneratorOptions = {
  mode: 'password',
  password: { length: 20, lower: true, upper: true, digits: true, symbols: true, avoidAmbiguous: false },
  passphrase: { words: 5, separator: '-', capitalize: false, includeNumber: false },
};

export type CharacterSet = 'lower' | 'upper' | 'digits' | 'symbols';

export const CHARACTER_SETS: readonly { key: CharacterSet; label: string }[] = [
  { key: 'lower', label: 'Lowercase (a–z)' },
  { key: 'upper', label: 'Uppercase (A–Z)' },
  { key: 'digits', label: 'Digits (0–9)' },
  { key: 'symbols', label: 'Symbols (!@#…)' },
];

/**
 * The last options, for the popup's life: the editor's "Generate" starts from what the user chose on the
 * generator screen. Not persisted (PopupPrefs holds only the clipboard delay); see the report on issue 5.
 */
const lastOptions = new WeakMap<object, Signal<GeneratorOptions>>();

export function generatorOptionsFor(deps: PopupDeps): Signal<GeneratorOptions> {
  let options = lastOptions.get(deps);
  if (options === undefined) {
    options = signal(DEFAULT_GENERATOR_OPTIONS);
    lastOptions.set(deps, options);
  }
  return options;
}

function clamp(value: number, range: { min: number; max: number }): number | null {
  if (!Number.isFinite(value)) return null;
  return Math.min(range.max, Math.max(range.min, Math.round(value)));
}

function generate(options: GeneratorOptions): string {
  return options.mode === 'password'
    ? generatePassword(options.password)
    : generatePassphrase(options.passphrase);
}

/** `onResult` is told every new result (the editor writes it into the password field). */
export const GeneratorModel = createModel((deps: PopupDeps, onResult?: (value: string) => void) => {
  const options = generatorOptionsFor(deps);
  const result = signal(generate(options.value));
  onResult?.(result.value);

  function regenerate(): void {
    result.value = generate(options.value);
    onResult?.(result.value);
  }

  function update(next: GeneratorOptions): void {
    options.value = next;
    regenerate();
  }

  function updatePassword(change: Partial<PasswordOptions>): void {
    update({ ...options.value, password: { ...options.value.password, ...change } });
  }

  function updatePassphrase(change: Partial<PassphraseOptions>): void {
    update({ ...options.value, passphrase: { ...options.value.passphrase, ...change } });
  }

  return {
    options,
    result,
    /** "≈ 131 bits": what an attacker who knows these options must search (log2 of the choices). */
    entropy: computed(() => {
      const o = options.value;
      return Math.round(entropyBits(o.mode === 'password' ? o.password : o.passphrase));
    }),
    regenerate,
    setMode(mode: GeneratorOptions['mode']) {
      if (mode !== options.value.mode) update({ ...options.value, mode });
    },
    /** From the slider or the number box; out-of-range values are pulled into range, junk is ignored. */
    setLength(value: number) {
      const length = clamp(value, LENGTH_RANGE);
      if (length !== null && length !== options.value.password.length) updatePassword({ length });
    },
    /** Turning off the last set is refused: a password needs characters to come from somewhere. */
    setCharacterSet(key: CharacterSet, on: boolean) {
      const current = options.value.password;
      if (!on && CHARACTER_SETS.every((set) => set.key === key || !current[set.key])) return;
      updatePassword({ [key]: on });
    },
    setAvoidAmbiguous(avoidAmbiguous: boolean) {
      updatePassword({ avoidAmbiguous });
    },
    setWords(value: number) {
      const words = clamp(value, WORDS_RANGE);
      if (words !== null && words !== options.value.passphrase.words) updatePassphrase({ words });
    },
    setSeparator(separator: string) {
      updatePassphrase({ separator: [...separator].slice(0, SEPARATOR_MAX).join('') });
    },
    setCapitalize(capitalize: boolean) {
      updatePassphrase({ capitalize });
    },
    setIncludeNumber(includeNumber: boolean) {
      updatePassphrase({ includeNumber });
    },
    async copy() {
      await clipboardFor(deps).copy(result.value);
    },
    back() {
      deps.app.go({ screen: 'home' });
    },
  };
});

export type GeneratorModel = InstanceType<typeof GeneratorModel>;
