import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { ACCOUNT_KEY_BYTES, formatAccountKey, generateAccountKey } from '../../../lib/account/account-key';
import { AccountKeyFormatError } from '../../../lib/account/errors';
import { createKit } from '../../../lib/account/kit-payload';
import { generateRecoverySecret, RECOVERY_SECRET_BYTES } from '../../../lib/account/recovery-key';
import {
  DamagedRecoveryKitError,
  formatRecoveryCode,
  isRecoveryKitPayload,
  makeRecoveryKit,
  NotRecoveryKitError,
  parseRecoveryCode,
  parseRecoveryKit,
  RECOVERY_KIT_PREFIX,
  RecoveryCodeFormatError,
  UnsupportedRecoveryKitVersionError,
} from '../../../lib/account/recovery-kit';
import { ARGON2ID_MIN } from '../../../lib/crypto/argon2id';
import { CROCKFORD_ALPHABET, decodeBase32, encodeBase32 } from '../../../lib/encoding/base32';
import { concatBytes } from '../../../lib/encoding/bytes';

const ACCOUNT_ID = '0b9c2f6e-8a51-4c1e-9d7a-3f2b1c0d4e5f';
const SECRETS = {
  accountId: ACCOUNT_ID,
  accountKey: Uint8Array.from({ length: ACCOUNT_KEY_BYTES }, (_, i) => (i * 37 + 11) & 0xff),
  recoverySecret: Uint8Array.from({ length: RECOVERY_SECRET_BYTES }, (_, i) => (i * 53 + 7) & 0xff),
};
const KIT = makeRecoveryKit(SECRETS);

/** The payload's bytes after `edit`, with a valid checksum (a forged or future payload, not a misread). */
function reforge(edit: (body: Uint8Array) => Uint8Array): string {
  const bytes = decodeBase32(KIT.payloadText.slice(RECOVERY_KIT_PREFIX.length));
  const body = edit(bytes.slice(0, -4));
  return RECOVERY_KIT_PREFIX + encodeBase32(concatBytes(body, sha256(body).subarray(0, 4)));
}

describe('Recovery Kit', () => {
  test('the QR payload round trips, carrying the account id', () => {
    expect(KIT.payloadText.startsWith('LATCHKEY-RECOVERY:')).toBe(true);
    // Uppercase digits and letters after the prefix: the QR stays in alphanumeric mode.
    expect(KIT.payloadText.slice(RECOVERY_KIT_PREFIX.length)).toMatch(/^[0-9A-Z]+$/);
    expect(parseRecoveryKit({ payloadText: KIT.payloadText })).toEqual({
      accountId: ACCOUNT_ID,
      accountKey: SECRETS.accountKey,
      recoverySecret: SECRETS.recoverySecret,
    });
    expect(isRecoveryKitPayload(` ${KIT.payloadText.toLowerCase()}\n`)).toBe(true);
    expect(parseRecoveryKit({ payloadText: ` ${KIT.payloadText.toLowerCase()}\n` }).accountId).toBe(
      ACCOUNT_ID,
    );
  });

  test('the typed form round trips (no account id: the email names the account)', () => {
    expect(KIT.accountKey).toBe(formatAccountKey(SECRETS.accountKey));
    expect(KIT.recoveryCode).toMatch(/^LKR1(-[0-9A-HJKMNP-TV-Z]{6}){9}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKit({ accountKey: KIT.accountKey, recoveryCode: KIT.recoveryCode })).toEqual({
      accountId: null,
      accountKey: SECRETS.accountKey,
      recoverySecret: SECRETS.recoverySecret,
    });
  });

  test('both forms round trip for any secrets (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: ACCOUNT_KEY_BYTES, maxLength: ACCOUNT_KEY_BYTES }),
        fc.uint8Array({ minLength: RECOVERY_SECRET_BYTES, maxLength: RECOVERY_SECRET_BYTES }),
        fc.uuid({ version: 4 }),
        (accountKey, recoverySecret, accountId) => {
          const kit = makeRecoveryKit({ accountId, accountKey, recoverySecret });
          const fromQr = parseRecoveryKit({ payloadText: kit.payloadText });
          expect(fromQr).toEqual({ accountId, accountKey, recoverySecret });
          expect(parseRecoveryCode(kit.recoveryCode)).toEqual(recoverySecret);
        },
      ),
    );
  });

  test('a fresh kit differs every time', () => {
    const a = makeRecoveryKit({ ...SECRETS, recoverySecret: generateRecoverySecret() });
    const b = makeRecoveryKit({ ...SECRETS, recoverySecret: generateRecoverySecret() });
    expect(a.recoveryCode).not.toBe(b.recoveryCode);
    expect(a.payloadText).not.toBe(b.payloadText);
  });

  describe('the recovery code', () => {
    const body = KIT.recoveryCode.replace(/-/g, '').slice(4);

    test('parsing tolerates case, spacing and look-alike letters', () => {
      const sloppy = ` lkr1 ${KIT.recoveryCode.slice(5).toLowerCase().replace(/-/g, ' ').replace(/1/g, 'l').replace(/0/g, 'o')} `;
      expect(sloppy).toMatch(/[lo]/); // the fixed secret does contain look-alikes to exercise
      expect(parseRecoveryCode(sloppy)).toEqual(SECRETS.recoverySecret);
      expect(parseRecoveryCode(KIT.recoveryCode.replace(/-/g, ''))).toEqual(SECRETS.recoverySecret);
    });

    test('every single-character substitution is caught as a typo, for any secret (property)', () => {
      // The BCH checksum guarantees it (not a 2^-k chance): check it exhaustively on random secrets.
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: RECOVERY_SECRET_BYTES, maxLength: RECOVERY_SECRET_BYTES }),
          (secret) => {
            const code = formatRecoveryCode(secret).replace(/-/g, '').slice(4);
            for (let i = 0; i < code.length; i++) {
              for (const ch of CROCKFORD_ALPHABET) {
                if (ch === code[i]) continue;
                const typo = 'LKR1' + code.slice(0, i) + ch + code.slice(i + 1);
                expect(() => parseRecoveryCode(typo), `position ${i} → ${ch}`).toThrow(
                  RecoveryCodeFormatError,
                );
              }
            }
          },
        ),
        { numRuns: 20 },
      );
    });

    test('the typo message says so, in words', () => {
      const i = 10;
      const ch = body[i] === 'A' ? 'B' : 'A';
      const typo = 'LKR1' + body.slice(0, i) + ch + body.slice(i + 1);
      expect(() => parseRecoveryCode(typo)).toThrow(
        'This recovery code has a typo: its check characters do not match. Check each character.',
      );
    });

    test('every adjacent transposition is caught', () => {
      let checked = 0;
      for (let i = 0; i + 1 < body.length; i++) {
        if (body[i] === body[i + 1]) continue;
        const swapped = 'LKR1' + body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
        expect(() => parseRecoveryCode(swapped)).toThrow(/typo/);
        checked++;
      }
      expect(checked).toBeGreaterThan(40);
    });

    test('says what is wrong: prefix, length, character, the Account Key in the wrong box', () => {
      expect(() => parseRecoveryCode(KIT.recoveryCode.slice(5))).toThrow(/starts with "LKR1-"/);
      expect(() => parseRecoveryCode(KIT.recoveryCode.slice(0, -1))).toThrow(/1 character too few/);
      expect(() => parseRecoveryCode(KIT.recoveryCode + 'AB')).toThrow(/2 characters too many/);
      expect(() => parseRecoveryCode(KIT.recoveryCode.slice(0, 6) + 'U' + KIT.recoveryCode.slice(7))).toThrow(
        /character "U"/,
      );
      expect(() => parseRecoveryCode(KIT.accountKey)).toThrow(NotRecoveryKitError);
      expect(() => parseRecoveryCode(KIT.accountKey)).toThrow(/This is the Account Key/);
      expect(() => formatRecoveryCode(new Uint8Array(16))).toThrow(RangeError);
    });

    test('a mistyped Account Key in the typed form is the Account Key error', () => {
      const key = KIT.accountKey;
      const typo = key.slice(0, 5) + (key[5] === 'A' ? 'B' : 'A') + key.slice(6);
      expect(() => parseRecoveryKit({ accountKey: typo, recoveryCode: KIT.recoveryCode })).toThrow(
        AccountKeyFormatError,
      );
    });
  });

  describe('a damaged or foreign QR payload', () => {
    test('every single-character misread of the payload is "damaged"', () => {
      const data = KIT.payloadText.slice(RECOVERY_KIT_PREFIX.length);
      for (let i = 0; i < data.length; i++) {
        const ch = data[i] === 'A' ? 'B' : 'A';
        const misread = RECOVERY_KIT_PREFIX + data.slice(0, i) + ch + data.slice(i + 1);
        expect(() => parseRecoveryKit({ payloadText: misread }), `position ${i}`).toThrow(
          DamagedRecoveryKitError,
        );
      }
    });

    test('every truncation is "damaged"', () => {
      for (let n = RECOVERY_KIT_PREFIX.length; n < KIT.payloadText.length; n++) {
        expect(() => parseRecoveryKit({ payloadText: KIT.payloadText.slice(0, n) })).toThrow(
          DamagedRecoveryKitError,
        );
      }
      expect(() => parseRecoveryKit({ payloadText: KIT.payloadText + '00' })).toThrow(
        DamagedRecoveryKitError,
      );
    });

    test('the message tells the user what to do', () => {
      expect(() => parseRecoveryKit({ payloadText: KIT.payloadText.slice(0, -3) })).toThrow(
        'This Recovery Kit QR code is damaged or incomplete. Scan it again, or type the Account Key and the recovery code printed on the kit.',
      );
    });

    test('a newer format version says "update", an unknown older one is damaged', () => {
      const newer = reforge((body) => Uint8Array.of(2, ...body.subarray(1)));
      expect(() => parseRecoveryKit({ payloadText: newer })).toThrow(UnsupportedRecoveryKitVersionError);
      const zero = reforge((body) => Uint8Array.of(0, ...body.subarray(1)));
      expect(() => parseRecoveryKit({ payloadText: zero })).toThrow(DamagedRecoveryKitError);
      const longer = reforge((body) => concatBytes(body, Uint8Array.of(1)));
      expect(() => parseRecoveryKit({ payloadText: longer })).toThrow(DamagedRecoveryKitError);
    });

    test('an Authentication QR Code given as a Recovery Kit gets a clear error', async () => {
      const authKit = await createKit({
        accountId: ACCOUNT_ID,
        email: 'john@example.com',
        keyEpoch: 1,
        password: 'correct horse battery staple',
        accountKey: generateAccountKey(),
        qrKdf: { params: { ...ARGON2ID_MIN }, salt: new Uint8Array(16) },
      });
      expect(isRecoveryKitPayload(authKit)).toBe(false);
      const failure = () => parseRecoveryKit({ payloadText: authKit });
      expect(failure).toThrow(NotRecoveryKitError);
      expect(failure).toThrow(
        'This is an Authentication QR Code, not a Recovery Kit. Setting a new password needs the Recovery Kit you printed; without it, reset the account.',
      );
    });

    test('anything else is "not a Latchkey Recovery Kit"', () => {
      for (const text of ['https://example.com/', '', 'LATCHKEY-RECOVERYX', 'WIFI:S:home;;']) {
        expect(() => parseRecoveryKit({ payloadText: text })).toThrow('This is not a Latchkey Recovery Kit.');
      }
    });

    test('its error codes map onto the protocol (stable codes)', () => {
      expect(new NotRecoveryKitError().code).toBe('not-latchkey');
      expect(new DamagedRecoveryKitError('x').code).toBe('damaged');
      expect(new UnsupportedRecoveryKitVersionError(2).code).toBe('newer-version');
      expect(new RecoveryCodeFormatError('x').code).toBe('account-key-format');
    });
  });
});
