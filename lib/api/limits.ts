/**
 * Sizes the server enforces and the client can check before sending. One place, so the schemas, the server's
 * body reader and the tests agree. Every figure says where it comes from.
 */

/** A record's AEAD box, decoded. 64 KiB holds a long secure note; attachments are not records. */
export const ITEM_CIPHERTEXT_MAX_BYTES = 64 * 1024;

/** Changes per push: a first sync of a 10k vault is 20 batches, and one batch stays one short transaction. */
export const PUSH_MAX_CHANGES = 500;

/** Items per pull page (the client asks for less or gets the default). */
export const PULL_MAX_LIMIT = 1000;
export const PULL_DEFAULT_LIMIT = 500;

/**
 * Request bodies. A push of 500 full-size records in base64url is ~44 MB, but real records are ~0.5–2 KB:
 * 8 MiB takes a full batch of realistic records while bounding what one request can make the server buffer.
 * Everything else is a few hundred bytes of JSON; 64 KiB is generous.
 */
export const PUSH_BODY_MAX_BYTES = 8 * 1024 * 1024;
export const DEFAULT_BODY_MAX_BYTES = 64 * 1024;

/** Device names are shown in a list; 64 characters fit "Chrome on Jane's work laptop (Linux)". */
export const DEVICE_NAME_MAX_CHARS = 64;

/** A kit payload is ~200–600 characters (lib/account/README.md); 2000 leaves room without inviting abuse. */
export const KIT_PAYLOAD_MAX_CHARS = 2000;

/** Reset codes are 10 Crockford base32 characters; typed with spaces or hyphens they stay well under 32. */
export const RESET_CODE_MAX_CHARS = 32;

/** Emails: RFC 5321 §4.5.3.1.3 (254 octets); the string limit is checked before normalising. */
export const EMAIL_MAX_CHARS = 320;
