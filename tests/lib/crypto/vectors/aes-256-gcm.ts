/**
 * Published AES-256-GCM test vectors with a 96-bit IV and a 128-bit tag (what lib/crypto/aead.ts uses),
 * copied verbatim, hex. Nothing here was computed by us.
 */

export interface GcmVector {
  /** Where it comes from: "wycheproof tcId N" or "GCM spec test case N". */
  id: string;
  key: string;
  iv: string;
  aad: string;
  msg: string;
  ct: string;
  tag: string;
}

/**
 * McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", revised spec submitted to NIST,
 * Appendix B, Test Cases 13–16 (the AES-256 ones):
 * https://csrc.nist.gov/groups/ST/toolkit/BCM/documents/proposedmodes/gcm/gcm-revised-spec.pdf
 */
export const GCM_SPEC_AES256: readonly GcmVector[] = [
  {
    id: 'GCM spec test case 13',
    key: '0000000000000000000000000000000000000000000000000000000000000000',
    iv: '000000000000000000000000',
    aad: '',
    msg: '',
    ct: '',
    tag: '530f8afbc74536b9a963b4f1c4cb738b',
  },
  {
    id: 'GCM spec test case 14',
    key: '0000000000000000000000000000000000000000000000000000000000000000',
    iv: '000000000000000000000000',
    aad: '',
    msg: '00000000000000000000000000000000',
    ct: 'cea7403d4d606b6e074ec5d3baf39d18',
    tag: 'd0d1c8a799996bf0265b98b5d48ab919',
  },
  {
    id: 'GCM spec test case 15',
    key: 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308',
    iv: 'cafebabefacedbaddecaf888',
    aad: '',
    msg:
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
      '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255',
    ct:
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
      '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad',
    tag: 'b094dac5d93471bdec1a502270e3cc6c',
  },
  {
    id: 'GCM spec test case 16',
    key: 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308',
    iv: 'cafebabefacedbaddecaf888',
    aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
    msg:
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
      '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    ct:
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
      '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
    tag: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
];

/**
 * Project Wycheproof, C2SP/wycheproof testvectors_v1/aes_gcm_test.json (commit 6fc4a87a4c4e2264b2f0d6862bbd900b5b25717e),
 * test group {ivSize: 96, keySize: 256, tagSize: 128}: a selection of its "valid" tests (Ktv, Pseudorandom with
 * and without aad, SpecialCase). No npm package publishes these vectors, so the few used are copied here.
 */
export const WYCHEPROOF_AES256_GCM_VALID: readonly GcmVector[] = [
  {
    id: 'wycheproof tcId 91',
    key: '92ace3e348cd821092cd921aa3546374299ab46209691bc28b8752d17f123c20',
    iv: '00112233445566778899aabb',
    aad: '00000000ffffffff',
    msg: '00010203040506070809',
    ct: 'e27abdd2d2a53d2f136b',
    tag: '9a4a2579529301bcfb71c78d4060f52c',
  },
  {
    id: 'wycheproof tcId 92',
    key: '29d3a44f8723dc640239100c365423a312934ac80239212ac3df3421a2098123',
    iv: '00112233445566778899aabb',
    aad: 'aabbccddeeff',
    msg: '',
    ct: '',
    tag: '2a7d77fa526b8250cb296078926b5020',
  },
  {
    id: 'wycheproof tcId 93',
    key: '80ba3192c803ce965ea371d5ff073cf0f43b6a2ab576b208426e11409c09b9b0',
    iv: '4da5bf8dfd5852c1ea12379d',
    aad: '',
    msg: '',
    ct: '',
    tag: '4771a7c404a472966cea8f73c8bfe17a',
  },
  {
    id: 'wycheproof tcId 94',
    key: 'cc56b680552eb75008f5484b4cb803fa5063ebd6eab91f6ab6aef4916a766273',
    iv: '99e23ec48985bccdeeab60f1',
    aad: '',
    msg: '2a',
    ct: '06',
    tag: '633c1e9703ef744ffffb40edf9d14355',
  },
  {
    id: 'wycheproof tcId 95',
    key: '51e4bf2bad92b7aff1a4bc05550ba81df4b96fabf41c12c7b00e60e48db7e152',
    iv: '4f07afedfdc3b6c2361823d3',
    aad: '',
    msg: 'be3308f72a2c6aed',
    ct: 'cf332a12fdee800b',
    tag: '602e8d7c4799d62c140c9bb834876b09',
  },
  {
    id: 'wycheproof tcId 96',
    key: '67119627bd988eda906219e08c0d0d779a07d208ce8a4fe0709af755eeec6dcb',
    iv: '68ab7fdbf61901dad461d23c',
    aad: '',
    msg: '51f8c1f731ea14acdb210a6d973e07',
    ct: '43fc101bff4b32bfadd3daf57a590e',
    tag: 'ec04aacb7148a8b8be44cb7eaf4efa69',
  },
  {
    id: 'wycheproof tcId 97',
    key: '59d4eafb4de0cfc7d3db99a8f54b15d7b39f0acc8da69763b019c1699f87674a',
    iv: '2fcb1b38a99e71b84740ad9b',
    aad: '',
    msg: '549b365af913f3b081131ccb6b825588',
    ct: 'f58c16690122d75356907fd96b570fca',
    tag: '28752c20153092818faba2a334640d6e',
  },
  {
    id: 'wycheproof tcId 98',
    key: '3b2458d8176e1621c0cc24c0c0e24c1e80d72f7ee9149a4b166176629616d011',
    iv: '45aaa3e5d16d2d42dc03445d',
    aad: '',
    msg: '3ff1514b1c503915918f0c0c31094a6e1f',
    ct: '73a6b6f45f6ccc5131e07f2caa1f2e2f56',
    tag: '2d7379ec1db5952d4e95d30c340b1b1d',
  },
  {
    id: 'wycheproof tcId 99',
    key: '0212a8de5007ed87b33f1a7090b6114f9e08cefd9607f2c276bdcfdbc5ce9cd7',
    iv: 'e6b1adf2fd58a8762c65f31b',
    aad: '',
    msg: '10f1ecf9c60584665d9ae5efe279e7f7377eea6916d2b111',
    ct: '0843fff52d934fc7a071ea62c0bd351ce85678cde3ea2c9e',
    tag: '7355fde599006715053813ce696237a8',
  },
  {
    id: 'wycheproof tcId 100',
    key: 'b279f57e19c8f53f2f963f5f2519fdb7c1779be2ca2b3ae8e1128b7d6c627fc4',
    iv: '98bc2c7438d5cd7665d76f6e',
    aad: 'c0',
    msg: 'fcc515b294408c8645c9183e3f4ecee5127846d1',
    ct: 'eb5500e3825952866d911253f8de860c00831c81',
    tag: 'ecb660e1fb0541ec41e8d68a64141b3a',
  },
  {
    id: 'wycheproof tcId 101',
    key: 'cdccfe3f46d782ef47df4e72f0c02d9c7f774def970d23486f11a57f54247f17',
    iv: '376187894605a8d45e30de51',
    aad: '956846a209e087ed',
    msg: 'e28e0e9f9d22463ac0e42639b530f42102fded75',
    ct: 'feca44952447015b5df1f456df8ca4bb4eee2ce2',
    tag: '082e91924deeb77880e1b1c84f9b8d30',
  },
  {
    id: 'wycheproof tcId 102',
    key: 'f32364b1d339d82e4f132d8f4a0ec1ff7e746517fa07ef1a7f422f4e25a48194',
    iv: '5a86a50a0e8a179c734b996d',
    aad: 'ab2ac7c44c60bdf8228c7884adb20184',
    msg: '43891bccb522b1e72a6b53cf31c074e9d6c2df8e',
    ct: '43dda832e942e286da314daa99bef5071d9d2c78',
    tag: 'c3922583476ced575404ddb85dd8cd44',
  },
  {
    id: 'wycheproof tcId 103',
    key: 'ff0089ee870a4a39f645b0a5da774f7a5911e9696fc9cad646452c2aa8595a12',
    iv: 'bc2a7757d0ce2d8b1f14ccd9',
    aad: '972ab4e06390caae8f99dd6e2187be6c7ff2c08a24be16ef',
    msg: '748b28031621d95ee61812b4b4f47d04c6fc2ff3',
    ct: 'a929ee7e67c7a2f91bbcec6389a3caf43ab49305',
    tag: 'ebec6774b955e789591c822dab739e12',
  },
  {
    id: 'wycheproof tcId 104',
    key: '6efca98126918ab564d88c6bec02e8998b2be50e3f906ff9adfdd185f373e756',
    iv: '4abd6cfc83bd06b11efaa2a7',
    aad: '',
    msg:
      'bbec79c086d41e602d090f7e40494d6bf3faa1dc6df0ab8a88ea5d35d426b248' +
      'c2ad880351e223f6170d37cc9655e10459e59cbd6d1c092ed31d72ccc7af20',
    ct:
      '97b4c73a4d8b5b21bc4b50dbb70dfa77b1a7bf0bbe7cf16ecf5bb60ba8070acc' +
      '5740780435ed145a62a613dd9881b721168fbb3f5af385ee5d4f856cf93cba',
    tag: '27ac8c4010d8e81b7051ceb06b30fe2d',
  },
  {
    id: 'wycheproof tcId 116',
    key: '0f112e59cdccd851c3b8e76c9f05a3b7c2e4feca5846afeb351c1cbcace82f04',
    iv: '7147973339d86789a2c9a958',
    aad:
      '37128be45f0a7f329546e1492c3c9c2d2534d5b1f5147e49ab91221e7c3edea2' +
      '1bbe47bfe3619437ce3c61e6e946c504f348296918219e51bf2c5598589cff',
    msg: '102e5804dda1fb5d656077edb15cadb5d0bdee8c',
    ct: '618ac626ae0e8d06c2fd2fb66be253dc26ed6e38',
    tag: 'd8d93ff975cb988f09174dcd439cb6a4',
  },
  {
    id: 'wycheproof tcId 128 (special case: tag all ones)',
    key: '00112233445566778899aabbccddeeff102132435465768798a9bacbdcedfe0f',
    iv: '000000000000000000000000',
    aad: '',
    msg: '561008fa07a68f5c61285cd013464eaf',
    ct: '23293e9b07ca7d1b0cae7cc489a973b3',
    tag: 'ffffffffffffffffffffffffffffffff',
  },
  {
    id: 'wycheproof tcId 129 (special case: tag all zeros)',
    key: '00112233445566778899aabbccddeeff102132435465768798a9bacbdcedfe0f',
    iv: 'ffffffffffffffffffffffff',
    aad: '',
    msg: 'c6152244cea1978d3e0bc274cf8c0b3b',
    ct: '7cb6fc7c6abc009efe9551a99f36a421',
    tag: '00000000000000000000000000000000',
  },
];

/**
 * The same Wycheproof file and group: every "invalid" test (tcId 130–156, flag ModifiedTag). They share one
 * key, iv, msg and ct and differ only in the (modified) tag; decryption must fail for each.
 */
export const WYCHEPROOF_AES256_GCM_MODIFIED_TAG = {
  key: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
  iv: '505152535455565758595a5b',
  aad: '',
  msg: '202122232425262728292a2b2c2d2e2f',
  ct: 'b2061457c0759fc1749f174ee1ccadfa',
  tests: [
    { tcId: 130, comment: 'Flipped bit 0 in tag', tag: '9de8fef6d8ab1bf1bf887232eab590dd' },
    { tcId: 131, comment: 'Flipped bit 1 in tag', tag: '9ee8fef6d8ab1bf1bf887232eab590dd' },
    { tcId: 132, comment: 'Flipped bit 7 in tag', tag: '1ce8fef6d8ab1bf1bf887232eab590dd' },
    { tcId: 133, comment: 'Flipped bit 8 in tag', tag: '9ce9fef6d8ab1bf1bf887232eab590dd' },
    { tcId: 134, comment: 'Flipped bit 31 in tag', tag: '9ce8fe76d8ab1bf1bf887232eab590dd' },
    { tcId: 135, comment: 'Flipped bit 32 in tag', tag: '9ce8fef6d9ab1bf1bf887232eab590dd' },
    { tcId: 136, comment: 'Flipped bit 33 in tag', tag: '9ce8fef6daab1bf1bf887232eab590dd' },
    { tcId: 137, comment: 'Flipped bit 63 in tag', tag: '9ce8fef6d8ab1b71bf887232eab590dd' },
    { tcId: 138, comment: 'Flipped bit 64 in tag', tag: '9ce8fef6d8ab1bf1be887232eab590dd' },
    { tcId: 139, comment: 'Flipped bit 71 in tag', tag: '9ce8fef6d8ab1bf13f887232eab590dd' },
    { tcId: 140, comment: 'Flipped bit 77 in tag', tag: '9ce8fef6d8ab1bf1bfa87232eab590dd' },
    { tcId: 141, comment: 'Flipped bit 80 in tag', tag: '9ce8fef6d8ab1bf1bf887332eab590dd' },
    { tcId: 142, comment: 'Flipped bit 96 in tag', tag: '9ce8fef6d8ab1bf1bf887232ebb590dd' },
    { tcId: 143, comment: 'Flipped bit 97 in tag', tag: '9ce8fef6d8ab1bf1bf887232e8b590dd' },
    { tcId: 144, comment: 'Flipped bit 103 in tag', tag: '9ce8fef6d8ab1bf1bf8872326ab590dd' },
    { tcId: 145, comment: 'Flipped bit 120 in tag', tag: '9ce8fef6d8ab1bf1bf887232eab590dc' },
    { tcId: 146, comment: 'Flipped bit 121 in tag', tag: '9ce8fef6d8ab1bf1bf887232eab590df' },
    { tcId: 147, comment: 'Flipped bit 126 in tag', tag: '9ce8fef6d8ab1bf1bf887232eab5909d' },
    { tcId: 148, comment: 'Flipped bit 127 in tag', tag: '9ce8fef6d8ab1bf1bf887232eab5905d' },
    { tcId: 149, comment: 'Flipped bits 0 and 64 in tag', tag: '9de8fef6d8ab1bf1be887232eab590dd' },
    { tcId: 150, comment: 'Flipped bits 31 and 63 in tag', tag: '9ce8fe76d8ab1b71bf887232eab590dd' },
    { tcId: 151, comment: 'Flipped bits 63 and 127 in tag', tag: '9ce8fef6d8ab1b71bf887232eab5905d' },
    { tcId: 152, comment: 'all bits of tag flipped', tag: '631701092754e40e40778dcd154a6f22' },
    { tcId: 153, comment: 'Tag changed to all zero', tag: '00000000000000000000000000000000' },
    { tcId: 154, comment: 'tag changed to all 1', tag: 'ffffffffffffffffffffffffffffffff' },
    { tcId: 155, comment: 'msbs changed in tag', tag: '1c687e76582b9b713f08f2b26a35105d' },
    { tcId: 156, comment: 'lsbs changed in tag', tag: '9de9fff7d9aa1af0be897333ebb491dc' },
  ],
} as const;
