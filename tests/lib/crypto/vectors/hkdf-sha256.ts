/**
 * RFC 5869 Appendix A, the three HKDF-SHA-256 test cases (A.1–A.3), copied verbatim
 * (https://www.rfc-editor.org/rfc/rfc5869.txt). Inputs that the RFC lists as runs of consecutive octets
 * (0x00..0x4f, 0x60..0xaf, 0xb0..0xff) are built with `octets(from, to)`; PRK and OKM are the RFC's text.
 */

export interface HkdfVector {
  name: string;
  ikm: string;
  salt: string;
  info: string;
  length: number;
  prk: string;
  okm: string;
}

/** Hex of the octets from..to inclusive, as the RFC writes 0x000102…4f. */
function octets(from: number, to: number): string {
  let hex = '';
  for (let b = from; b <= to; b++) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export const RFC5869_SHA256: readonly HkdfVector[] = [
  {
    name: 'A.1 basic test case with SHA-256',
    ikm: '0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b',
    salt: '000102030405060708090a0b0c',
    info: 'f0f1f2f3f4f5f6f7f8f9',
    length: 42,
    prk: '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5',
    okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
  },
  {
    name: 'A.2 SHA-256 with longer inputs/outputs',
    ikm: octets(0x00, 0x4f),
    salt: octets(0x60, 0xaf),
    info: octets(0xb0, 0xff),
    length: 82,
    prk: '06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244',
    okm:
      'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c' +
      '59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71' +
      'cc30c58179ec3e87c14c01d5c1f3434f1d87',
  },
  {
    name: 'A.3 SHA-256 with zero-length salt/info',
    ikm: '0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b',
    salt: '',
    info: '',
    length: 42,
    prk: '19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04',
    okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
  },
];
