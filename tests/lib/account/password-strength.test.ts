import { describe, expect, test } from 'vitest';
import * as core from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import {
  assessPassword,
  createPasswordAssessor,
  MIN_PASSWORD_LENGTH,
  PASSWORD_CONTAINS_EMAIL,
  PASSWORD_TOO_SHORT,
} from '../../../lib/account/password-strength';

const EMAIL = 'john.doe@example.com';

describe('assessPassword', () => {
  test.each([
    'correct horse battery staple',
    'xkcd-purple-lantern-47',
    'Vq7!m2#Lp9@zR4',
    'maple orbit tundra violin',
  ])('accepts a strong password: %s', async (password) => {
    const result = await assessPassword(password, { email: EMAIL });
    expect(result.acceptable).toBe(true);
    expect(result.reason).toBeNull();
    expect(result.score).toBeGreaterThanOrEqual(3);
  });

  test('says how long a strong password takes to crack', async () => {
    const result = await assessPassword('correct horse battery staple', {});
    expect(result.score).toBe(4);
    expect(result.crackTimeDisplay).toBe('centuries');
  });

  test.each(['password', 'abc', 'Sh0rt!x', ''])(
    'refuses a password under 10 characters: %j',
    async (password) => {
      const result = await assessPassword(password, { email: EMAIL });
      expect(result.acceptable).toBe(false);
      expect(result.reason).toBe(PASSWORD_TOO_SHORT);
      expect(result.reason).toBe('Too short: use at least 10 characters');
    },
  );

  test('counts characters, not UTF-16 units, for the length rule', async () => {
    // Nine emoji are 18 UTF-16 units but nine characters.
    const result = await assessPassword('🔑'.repeat(MIN_PASSWORD_LENGTH - 1), {});
    expect(result.reason).toBe(PASSWORD_TOO_SHORT);
  });

  test.each([
    ['password1234', 'Too easy to guess: this is similar to a commonly used password'],
    ['1234567890', 'Too easy to guess: this is a frequently used password'],
    ['aaaaaaaaaaaa', 'Too easy to guess: repeated characters like "aaa" are easy to guess'],
    ['qwertyuiop12', 'Too easy to guess: this is similar to a commonly used password'],
  ])('refuses a long but guessable password with zxcvbn’s warning: %s', async (password, reason) => {
    const result = await assessPassword(password, { email: EMAIL });
    expect(result.acceptable).toBe(false);
    expect(result.score).toBeLessThan(3);
    expect(result.reason).toBe(reason);
    expect(result.suggestions.length).toBeGreaterThan(0);
  });

  test('gives a reason even when zxcvbn has no warning for a weak password', async () => {
    // A dictionary word and two digits: zxcvbn scores it 2 without a warning (only suggestions).
    for (const password of ['blueberry12', 'monkeymonkey']) {
      const result = await assessPassword(password, {});
      expect(result.score).toBeLessThan(3);
      expect(result.reason).toBe(
        'Too easy to guess: add more words or characters that are not in a common pattern',
      );
    }
  });

  test('refuses a password containing the email’s local part, in any case', async () => {
    for (const password of ['john.doe-maple-orbit-tundra', 'Maple Orbit JOHN.DOE tundra']) {
      const result = await assessPassword(password, { email: EMAIL });
      expect(result.acceptable).toBe(false);
      expect(result.reason).toBe(PASSWORD_CONTAINS_EMAIL);
      expect(result.reason).toBe("Don't use your email address in your password");
    }
  });

  test('accepts the same password for another email, and without one', async () => {
    const password = 'john.doe-maple-orbit-tundra';
    expect((await assessPassword(password, { email: 'alice@example.com' })).acceptable).toBe(true);
    expect((await assessPassword(password, {})).acceptable).toBe(true);
  });

  test('does not refuse every password containing a one-letter local part', async () => {
    const result = await assessPassword('maple orbit tundra violin', { email: 'j@example.com' });
    expect(result.acceptable).toBe(true);
  });

  test('treats the email as known to an attacker when scoring', async () => {
    // "johndoeexample" is not a dictionary word; once zxcvbn knows the email it is worth almost nothing.
    const password = 'examplejohndoe';
    const without = await assessPassword(password, {});
    const withEmail = await assessPassword(password, { email: 'johndoe@example.com' });
    expect(withEmail.score).toBeLessThan(without.score);
  });

  test('answers concurrent first calls consistently (one shared estimator)', async () => {
    const results = await Promise.all(
      ['password1234', 'correct horse battery staple', 'password1234'].map((p) => assessPassword(p, {})),
    );
    expect(results.map((r) => r.acceptable)).toEqual([false, true, false]);
    expect(results[0]).toEqual(results[2]);
  });

  test('rejects a non-string at the boundary', async () => {
    await expect(assessPassword(42 as unknown as string, {})).rejects.toThrow(TypeError);
  });

  test('an assessor over statically imported modules (the service worker’s way) loads them once', async () => {
    let loads = 0;
    const assess = createPasswordAssessor(async () => {
      loads++;
      return { core, common, en };
    });
    const [weak, strong] = await Promise.all([
      assess('password1234', {}),
      assess('correct horse battery staple', {}),
    ]);
    expect([weak.acceptable, strong.acceptable]).toEqual([false, true]);
    expect(await assess('password1234', {})).toEqual(weak);
    expect(loads).toBe(1);
  });

  test('retries a failed load on the next call instead of failing forever', async () => {
    let loads = 0;
    const assess = createPasswordAssessor(async () => {
      loads++;
      if (loads === 1) throw new Error('chunk did not arrive');
      return { core, common, en };
    });
    await expect(assess('correct horse battery staple', {})).rejects.toThrow('chunk did not arrive');
    expect((await assess('correct horse battery staple', {})).acceptable).toBe(true);
    expect(loads).toBe(2);
  });
});
