import { describe, expect, test } from 'vitest';
import { decideSave, type KnownLogin } from '../../../../lib/autofill/background/save-decision';

const ALICE: KnownLogin = { id: 'a', title: 'Example', username: 'alice@example.com', password: 'old-pass' };
const BOB: KnownLogin = { id: 'b', title: 'Example (Bob)', username: 'bob', password: 'bob-pass' };

describe('decideSave', () => {
  test('an unknown username: save', () => {
    expect(decideSave({ kind: 'login', username: ' carol ', password: 'p' }, [ALICE])).toEqual({
      kind: 'save',
      username: 'carol',
      password: 'p',
    });
  });

  test('a known username (any case) with the same password: nothing', () => {
    expect(
      decideSave({ kind: 'login', username: 'Alice@Example.com', password: 'old-pass' }, [ALICE]),
    ).toBeNull();
  });

  test('a known username with another password: update that login', () => {
    expect(decideSave({ kind: 'login', username: 'bob', password: 'new' }, [ALICE, BOB])).toEqual({
      kind: 'update',
      recordId: 'b',
      title: 'Example (Bob)',
      username: 'bob',
      password: 'new',
    });
  });

  test('a sign-up of a known username is an update, of a new one a save', () => {
    expect(decideSave({ kind: 'signup', username: 'bob', password: 'n' }, [BOB])?.kind).toBe('update');
    expect(decideSave({ kind: 'signup', username: 'dan', password: 'n' }, [BOB])?.kind).toBe('save');
  });

  test('a password-only step: the site’s only login is updated; a known password or several logins: nothing', () => {
    expect(decideSave({ kind: 'login', username: '', password: 'x' }, [ALICE])).toMatchObject({
      kind: 'update',
      recordId: 'a',
    });
    expect(decideSave({ kind: 'login', username: '', password: 'old-pass' }, [ALICE, BOB])).toBeNull();
    expect(decideSave({ kind: 'login', username: '', password: 'x' }, [ALICE, BOB])).toBeNull();
    expect(decideSave({ kind: 'login', username: '', password: 'x' }, [])).toEqual({
      kind: 'save',
      username: '',
      password: 'x',
    });
  });

  test('a change-password form updates the login it belongs to, with the new password', () => {
    const change = {
      kind: 'change-password' as const,
      username: '',
      password: 'bob-pass',
      newPassword: 'next',
    };
    expect(decideSave(change, [ALICE, BOB])).toMatchObject({
      kind: 'update',
      recordId: 'b',
      password: 'next',
    });
    expect(
      decideSave({ ...change, username: 'alice@example.com', password: '?' }, [ALICE, BOB]),
    ).toMatchObject({
      recordId: 'a',
    });
    expect(decideSave({ ...change, password: '?' }, [ALICE])).toMatchObject({ recordId: 'a' });
    expect(decideSave({ ...change, password: '?' }, [ALICE, BOB])).toBeNull();
    expect(decideSave({ ...change, newPassword: 'bob-pass' }, [BOB])).toBeNull();
    expect(decideSave({ ...change, newPassword: undefined }, [BOB])).toBeNull();
    // No current-password field: the new password stands in for it; the site's only login is still found.
    expect(decideSave({ ...change, password: 'next' }, [ALICE])).toMatchObject({
      recordId: 'a',
      password: 'next',
    });
    expect(decideSave({ ...change, username: 'erin' }, [])).toEqual({
      kind: 'save',
      username: 'erin',
      password: 'next',
    });
  });
});
