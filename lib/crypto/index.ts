export { seal, open, openMany, importAeadKey, AEAD_KEY_BYTES, AEAD_OVERHEAD, type AeadKey } from './aead';
export {
  argon2id,
  assertArgon2idParams,
  ARGON2ID_DEFAULT,
  ARGON2ID_MAX,
  ARGON2ID_MIN,
  ARGON2ID_SALT_BYTES,
  type Argon2idParams,
} from './argon2id';
export { constantTimeEqual } from './constant-time';
export { DecryptionError, KdfParamsError } from './errors';
export { hkdfSha256 } from './hkdf';
export { randomBytes } from './random';
