/**
 * Published Argon2id (version 0x13) test vectors, copied verbatim. Nothing here was computed by us.
 */

/**
 * RFC 9106 §5.3 "Argon2id Test Vectors" (https://www.rfc-editor.org/rfc/rfc9106.txt):
 *   Memory: 32 KiB, Passes: 3, Parallelism: 4 lanes, Tag length: 32 bytes
 *   Password[32]: 01 × 32, Salt[16]: 02 × 16, Secret[8]: 03 × 8, Associated data[12]: 04 × 12
 *   Tag[32]: 0d 64 0d f5 8d 78 76 6c 08 c0 37 a3 4a 8b 53 c9 d0 1e f0 45 2d 75 b6 5e b5 25 20 e9 6b 01 e6 59
 * It uses a secret K and associated data X: hash-wasm takes no X, so only @noble/hashes is checked against it.
 */
export const RFC9106_ARGON2ID = {
  password: new Uint8Array(32).fill(0x01),
  salt: new Uint8Array(16).fill(0x02),
  secret: new Uint8Array(8).fill(0x03),
  associatedData: new Uint8Array(12).fill(0x04),
  memoryKiB: 32,
  iterations: 3,
  parallelism: 4,
  tag: '0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659',
} as const;

export interface ReferenceVector {
  /** t */
  iterations: number;
  /** The reference test passes m as a power of two: memory = 1 << log2MemoryKiB KiB. */
  log2MemoryKiB: number;
  /** p */
  parallelism: number;
  password: string;
  salt: string;
  /** 32-byte tag, hex (the `hexref` argument). */
  hex: string;
  /** The PHC string the reference implementation prints for the same input (the `mcfref` argument). */
  encoded: string;
}

/**
 * The Argon2 reference implementation's own argon2id tests: P-H-C/phc-winner-argon2, src/test.c, the block
 * after `printf("Test Argon2id version number: %02x\n", version)` with version = ARGON2_VERSION_NUMBER (0x13).
 * hashtest(version, t, m, p, pwd, salt, hexref, mcfref, Argon2_id) runs
 * argon2_hash(t, 1 << m, p, pwd, strlen(pwd), salt, strlen(salt), out, 32, …): salt is the 8 ASCII bytes
 * given, with no secret and no associated data. The m=18 (256 MiB) case is left out to keep the suite fast.
 */
export const REFERENCE_ARGON2ID: readonly ReferenceVector[] = [
  {
    iterations: 2,
    log2MemoryKiB: 16,
    parallelism: 1,
    password: 'password',
    salt: 'somesalt',
    hex: '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7',
    encoded: '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
  },
  {
    iterations: 2,
    log2MemoryKiB: 8,
    parallelism: 1,
    password: 'password',
    salt: 'somesalt',
    hex: '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe',
    encoded: '$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4',
  },
  {
    iterations: 2,
    log2MemoryKiB: 8,
    parallelism: 2,
    password: 'password',
    salt: 'somesalt',
    hex: '6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037',
    encoded: '$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc',
  },
  {
    iterations: 1,
    log2MemoryKiB: 16,
    parallelism: 1,
    password: 'password',
    salt: 'somesalt',
    hex: 'f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98',
    encoded: '$argon2id$v=19$m=65536,t=1,p=1$c29tZXNhbHQ$9qWtwbpyPd3vm1rB1GThgPzZ3/ydHL92zKL+15XZypg',
  },
  {
    iterations: 4,
    log2MemoryKiB: 16,
    parallelism: 1,
    password: 'password',
    salt: 'somesalt',
    hex: '9025d48e68ef7395cca9079da4c4ec3affb3c8911fe4f86d1a2520856f63172c',
    encoded: '$argon2id$v=19$m=65536,t=4,p=1$c29tZXNhbHQ$kCXUjmjvc5XMqQedpMTsOv+zyJEf5PhtGiUghW9jFyw',
  },
  {
    iterations: 2,
    log2MemoryKiB: 16,
    parallelism: 1,
    password: 'differentpassword',
    salt: 'somesalt',
    hex: '0b84d652cf6b0c4beaef0dfe278ba6a80df6696281d7e0d2891b817d8c458fde',
    encoded: '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$C4TWUs9rDEvq7w3+J4umqA32aWKB1+DSiRuBfYxFj94',
  },
  {
    iterations: 2,
    log2MemoryKiB: 16,
    parallelism: 1,
    password: 'password',
    salt: 'diffsalt',
    hex: 'bdf32b05ccc42eb15d58fd19b1f856b113da1e9a5874fdcc544308565aa8141c',
    encoded: '$argon2id$v=19$m=65536,t=2,p=1$ZGlmZnNhbHQ$vfMrBczELrFdWP0ZsfhWsRPaHppYdP3MVEMIVlqoFBw',
  },
];
