import { describe, expect, test } from 'vitest';
import { utf8Encode } from '../../../lib/encoding/bytes';
import {
  decodeTotpSecret,
  hotp,
  parseTotp,
  totpCode,
  TotpFormatError,
  type TotpParams,
} from '../../../lib/vault/totp';

/** RFC 6238 Appendix B seeds (ASCII), and the same as base32 (RFC 4648) for the parser. */
const SEEDS = {
  SHA1: '12345678901234567890',
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
} as const;
const SEEDS_BASE32 = {
  SHA1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  SHA256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====',
  SHA512:
    'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA=',
} as const;

/** RFC 6238 Appendix B table: time (s) → 8-digit codes for SHA1, SHA256, SHA512. */
const RFC6238: Array<[number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

/** RFC 4226 Appendix D: HOTP values for counts 0..9 with the SHA1 seed, 6 digits. */
const RFC4226 = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

describe('HOTP (RFC 4226)', () => {
  test('Appendix D vectors', () => {
    const secret = utf8Encode(SEEDS.SHA1);
    expect(RFC4226.map((_, count) => hotp(secret, count, 6))).toEqual(RFC4226);
  });

  test('rejects bad counters and digit counts', () => {
    const secret = utf8Encode(SEEDS.SHA1);
    expect(() => hotp(secret, -1, 6)).toThrow(RangeError);
    expect(() => hotp(secret, 1.5, 6)).toThrow(RangeError);
    expect(() => hotp(secret, 0, 5)).toThrow(RangeError);
    expect(() => hotp(secret, 0, 9)).toThrow(RangeError);
  });
});

describe('TOTP (RFC 6238)', () => {
  test.each(['SHA1', 'SHA256', 'SHA512'] as const)(
    'Appendix B vectors, %s, via an otpauth URI',
    (algorithm) => {
      const column = { SHA1: 1, SHA256: 2, SHA512: 3 }[algorithm] as 1 | 2 | 3;
      const params = parseTotp(
        `otpauth://totp/RFC:test?secret=${SEEDS_BASE32[algorithm]}&algorithm=${algorithm}&digits=8&period=30`,
      );
      expect(params.secret).toEqual(utf8Encode(SEEDS[algorithm]));
      for (const row of RFC6238) {
        expect(totpCode(params, row[0] * 1000).code, `${algorithm} at ${row[0]}`).toBe(row[column]);
      }
    },
  );

  test('remaining seconds count down within the period', () => {
    const params: TotpParams = { ...parseTotp(SEEDS_BASE32.SHA1), period: 30 };
    expect(totpCode(params, 59_000)).toMatchObject({ remainingSeconds: 1, period: 30 });
    expect(totpCode(params, 60_000)).toMatchObject({ remainingSeconds: 30 });
    expect(totpCode(params, 60_999)).toMatchObject({ remainingSeconds: 30 });
    expect(totpCode(params, 89_500)).toMatchObject({ remainingSeconds: 1 });
    // Same step, same code; next step, another.
    expect(totpCode(params, 60_000).code).toBe(totpCode(params, 89_999).code);
    expect(totpCode(params, 60_000).code).not.toBe(totpCode(params, 90_000).code);
  });
});

describe('parseTotp', () => {
  test('a bare base32 secret gets the defaults; spaces, hyphens, lowercase and padding are tolerated', () => {
    const expected = Uint8Array.of(0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef);
    for (const text of [
      'JBSWY3DPEHPK3PXP',
      ' jbsw y3dp ehpk 3pxp ',
      'JBSW-Y3DP-EHPK-3PXP',
      'JBSWY3DPEHPK3PXP======',
    ]) {
      expect(parseTotp(text), text).toEqual({
        secret: expected,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        issuer: '',
        account: '',
      });
    }
  });

  test('reads the label, issuer, digits and period of a Key Uri Format URI', () => {
    const params = parseTotp(
      'otpauth://totp/ACME%20Co:jane@example.org?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=sha256&digits=7&period=60',
    );
    expect(params).toMatchObject({
      issuer: 'ACME Co',
      account: 'jane@example.org',
      algorithm: 'SHA256',
      digits: 7,
      period: 60,
    });
    expect(parseTotp('OTPAUTH://TOTP/jane?secret=JBSWY3DPEHPK3PXP')).toMatchObject({
      issuer: '',
      account: 'jane',
    });
    expect(parseTotp('otpauth://totp/Old:jane?secret=JBSWY3DPEHPK3PXP')).toMatchObject({ issuer: 'Old' });
  });

  test.each([
    ['', 'The one-time code secret is empty'],
    ['JBSWY3DP', 'The one-time code secret is too short'],
    ['JBSWY3DPEHPK3PX0', 'The one-time code secret may only contain the letters A–Z and digits 2–7'],
    ['JBSWY3DPEHPK3PXPA', 'The one-time code secret is not valid base32 (wrong length)'],
    ['A'.repeat(257), 'The one-time code secret is too long'],
    [
      'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1',
      'Counter-based (HOTP) one-time codes are not supported, only time-based ones',
    ],
    ['otpauth://totp/x?issuer=ACME', 'The one-time code link has no secret'],
    [
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5',
      'The one-time code link asks for an unknown algorithm (SHA1, SHA256 or SHA512)',
    ],
    [
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5',
      'The one-time code link asks for an unsupported number of digits (6 to 8)',
    ],
    [
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=six',
      'The one-time code link asks for an unsupported number of digits (6 to 8)',
    ],
    [
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0',
      'The one-time code link asks for an unsupported period (1 to 300 s)',
    ],
    ['otpauth:garbage', 'The one-time code link is not an otpauth:// address'],
    ['otpauth://steam/x?secret=JBSWY3DPEHPK3PXP', 'The one-time code link is not an otpauth://totp/ link'],
  ])('refuses %j', (text, message) => {
    expect(() => parseTotp(text)).toThrow(TotpFormatError);
    expect(() => parseTotp(text)).toThrow(message);
  });

  test('decodeTotpSecret decodes every length class (RFC 4648 §6), padded or not', () => {
    const vectors: Array<[string, string]> = [
      ['MZXW6YTBOJRGC6TR', 'foobarbazq'],
      ['MZXW6YTBOJRGC6TROU======', 'foobarbazqu'],
      ['MZXW6YTBOJRGC6TROV4A====', 'foobarbazqux'],
      ['MZXW6YTBOJRGC6TROV4HS===', 'foobarbazquxy'],
      ['MZXW6YTBOJRGC6TROV4HS6Q=', 'foobarbazquxyz'],
    ];
    for (const [encoded, plain] of vectors) {
      expect(decodeTotpSecret(encoded), encoded).toEqual(utf8Encode(plain));
      expect(decodeTotpSecret(encoded.replace(/=+$/, '').toLowerCase()), encoded).toEqual(utf8Encode(plain));
    }
  });
});
