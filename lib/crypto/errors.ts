/**
 * Raised when an AEAD box does not authenticate: wrong key, wrong associated data, or tampered bytes.
 * The three cannot be told apart (by design of AEADs); callers map it to a domain error such as
 * "Incorrect password" or "damaged record" when they know which input was in doubt.
 */
export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
  constructor(message = 'Decryption failed: wrong key, wrong associated data, or damaged ciphertext') {
    super(message);
  }
}

/** Raised when KDF parameters are below the floor the client accepts, or above what it will run. */
export class KdfParamsError extends Error {
  override readonly name = 'KdfParamsError';
}
