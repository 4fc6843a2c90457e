import { describe, expect, test } from 'vitest';
import {
  damageMessage,
  RecordDamagedError,
  RecordInvalidError,
  RecordNewerVersionError,
  RecordTooLargeError,
  RecordUndecryptableError,
} from '../../../lib/vault/record-errors';

describe('record errors', () => {
  test('each damage error carries its reason and is a RecordDamagedError', () => {
    const errors = [
      new RecordUndecryptableError(),
      new RecordInvalidError('bad'),
      new RecordNewerVersionError(2),
    ];
    expect(errors.map((e) => e instanceof RecordDamagedError && e.reason)).toEqual([
      'undecryptable',
      'invalid',
      'newer-version',
    ]);
    expect(errors.map((e) => e.name)).toEqual([
      'RecordUndecryptableError',
      'RecordInvalidError',
      'RecordNewerVersionError',
    ]);
    expect(new RecordTooLargeError(70_000)).not.toBeInstanceOf(RecordDamagedError);
    expect(new RecordTooLargeError(70_000).message).toBe('This item is too large (max 64 KiB)');
  });

  test('damageMessage says what happened and what to do', () => {
    expect(damageMessage('undecryptable', true)).toBe(
      'This item could not be decrypted: it was damaged or changed on the server. This browser still has a good copy: put it back on the server.',
    );
    expect(damageMessage('undecryptable', false)).toBe(
      'This item could not be decrypted: it was damaged or changed on the server. Open Latchkey on another device where it is intact, or restore it from a backup.',
    );
    expect(damageMessage('invalid', false)).toMatch(
      /^This item could not be read: .* restore it from a backup\.$/,
    );
    expect(damageMessage('newer-version', false)).toBe(
      'This item was saved by a newer version of Latchkey. Update the extension to see it.',
    );
  });
});
