import { describe, expect, test } from 'vitest';
import {
  DEFAULT_GENERATOR_OPTIONS,
  generatorOptionsFor,
  GeneratorModel,
} from '../../../../entrypoints/popup/models/generator-model';
import { startPopup, UNLOCKED } from '../support/popup-harness';

async function generator() {
  const harness = await startPopup(UNLOCKED);
  return { harness, model: new GeneratorModel(harness.deps) };
}

describe('GeneratorModel', () => {
  test('starts with 20 characters from all four sets, and a new result on Regenerate', async () => {
    const { model } = await generator();
    expect(model.options.value).toEqual(DEFAULT_GENERATOR_OPTIONS);
    const first = model.result.value;
    expect(first).toHaveLength(20);
    // 20 characters over ~90 symbols: about 130 bits (log2(90) × 20 ≈ 129.8).
    expect(model.entropy.value).toBeGreaterThan(110);
    expect(model.entropy.value).toBeLessThan(135);
    model.regenerate();
    expect(model.result.value).not.toBe(first);
  });

  test('length is kept within 8–128; junk is ignored', async () => {
    const { model } = await generator();
    model.setLength(4);
    expect(model.result.value).toHaveLength(8);
    model.setLength(500);
    expect(model.result.value).toHaveLength(128);
    model.setLength(Number('abc'));
    expect(model.options.value.password.length).toBe(128);
    const bits128 = model.entropy.value;
    model.setLength(64);
    expect(model.entropy.value).toBeLessThan(bits128);
  });

  test('character sets decide what comes out; the last set cannot be turned off', async () => {
    const { model } = await generator();
    model.setLength(128);
    model.setCharacterSet('upper', false);
    model.setCharacterSet('symbols', false);
    expect(model.result.value).toMatch(/^[a-z0-9]{128}$/);
    model.setCharacterSet('lower', false);
    expect(model.result.value).toMatch(/^[0-9]{128}$/);
    const digitsBits = model.entropy.value;
    // log2(10) × 128 ≈ 425 bits.
    expect(digitsBits).toBe(425);
    model.setCharacterSet('digits', false);
    expect(model.options.value.password.digits).toBe(true);
    expect(model.result.value).toMatch(/^[0-9]{128}$/);
  });

  test('"Avoid ambiguous characters" leaves out look-alikes', async () => {
    const { model } = await generator();
    model.setLength(128);
    const before = model.entropy.value;
    model.setAvoidAmbiguous(true);
    for (let i = 0; i < 20; i++) {
      expect(model.result.value).not.toMatch(/[l1IO0]/);
      model.regenerate();
    }
    expect(model.entropy.value).toBeLessThan(before);
  });

  test('passphrase mode: words, separator, capitals, a number', async () => {
    const { model } = await generator();
    model.setMode('passphrase');
    model.setWords(6);
    model.setSeparator('.');
    const words = model.result.value.split('.');
    expect(words).toHaveLength(6);
    expect(words.every((word) => /^[a-z-]+$/.test(word))).toBe(true);
    const plain = model.entropy.value;
    model.setCapitalize(true);
    expect(model.result.value.split('.').every((word) => /^[A-Z]/.test(word))).toBe(true);
    model.setIncludeNumber(true);
    expect(model.result.value).toMatch(/\d/);
    expect(model.entropy.value).toBeGreaterThan(plain);
    model.setWords(2);
    expect(model.options.value.passphrase.words).toBe(3);
    model.setWords(40);
    expect(model.options.value.passphrase.words).toBe(12);
    model.setSeparator('----');
    expect(model.options.value.passphrase.separator).toBe('---');
  });

  test('the last options are remembered for the popup’s life (a new generator starts from them)', async () => {
    const { harness, model } = await generator();
    model.setMode('passphrase');
    model.setWords(7);
    const next = new GeneratorModel(harness.deps);
    expect(next.options.value.mode).toBe('passphrase');
    expect(next.options.value.passphrase.words).toBe(7);
    const fresh = await startPopup(UNLOCKED);
    expect(generatorOptionsFor(fresh.deps).value).toEqual(DEFAULT_GENERATOR_OPTIONS);
  });

  test('Copy goes through the popup’s clipboard (and its clear timer)', async () => {
    const { harness, model } = await generator();
    await model.copy();
    expect(harness.clipboard).toEqual([model.result.value]);
  });
});
