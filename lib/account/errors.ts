/**
 * The failures a user must be able to tell apart when authenticating a device (DESIGN §6). Each has a stable
 * `code` (for the protocol and tests) and a message written for the user, exactly as DESIGN §6 words it.
 */
export abstract class AccountError extends Error {
  abstract readonly code: string;
}

/** Input that is not a Latchkey Authentication QR Code / key file at all. */
export class NotLatchkeyCodeError extends AccountError {
  override readonly name = 'NotLatchkeyCodeError';
  readonly code = 'not-latchkey';
  constructor(source: 'qr' | 'key-file' = 'qr') {
    super(
      source === 'qr'
        ? 'This QR code is not a Latchkey Authentication QR Code'
        : 'This file is not a Latchkey key file',
    );
  }
}

/** A Latchkey code whose bytes do not check out: misread, truncated or edited. */
export class DamagedKitError extends AccountError {
  override readonly name = 'DamagedKitError';
  readonly code = 'damaged';
  constructor(readonly detail: string) {
    super(
      'This Authentication QR Code is damaged or incomplete. Scan it again, or use the kit PDF or the key file.',
    );
  }
}

/** A code in a format version this build does not know (made by a newer Latchkey). */
export class UnsupportedKitVersionError extends AccountError {
  override readonly name = 'UnsupportedKitVersionError';
  readonly code = 'newer-version';
  constructor(readonly version: number) {
    super(
      'This Authentication QR Code was made by a newer version of Latchkey. Update Latchkey and try again.',
    );
  }
}

/** A valid code of another account; `maskedEmail` names the code's account without revealing it. */
export class WrongAccountError extends AccountError {
  override readonly name = 'WrongAccountError';
  readonly code = 'wrong-account';
  constructor(
    readonly maskedEmail: string,
    /** 'email': another email. 'reset': same email, but an account that was since reset and replaced. */
    readonly reason: 'email' | 'reset' = 'email',
  ) {
    super(
      reason === 'email'
        ? `This QR code belongs to a different account (${maskedEmail})`
        : `This QR code belongs to an earlier account of ${maskedEmail} that was reset. Use the QR code you received after the reset.`,
    );
  }
}

/** A code made before the password was changed (its key epoch is older than the account's). */
export class OutdatedKitError extends AccountError {
  override readonly name = 'OutdatedKitError';
  readonly code = 'outdated';
  constructor(
    readonly passwordChangedAt: Date,
    readonly kitEpoch: number,
    readonly currentEpoch: number,
  ) {
    super(
      `This QR code is outdated: it was created before your password was changed on ${formatDate(passwordChangedAt)}. Use the newest one.`,
    );
  }
}

/**
 * A code whose key epoch is newer than the account's current one: the account information we compared it with
 * is stale (or the code was forged). Not the user's fault; retrying after a sync is the fix.
 */
export class KitEpochAheadError extends AccountError {
  override readonly name = 'KitEpochAheadError';
  readonly code = 'epoch-ahead';
  constructor() {
    super('This QR code is newer than the account information Latchkey has. Try again in a moment.');
  }
}

/** The password does not open the code or the keys (never reported as "invalid QR code"). */
export class WrongPasswordError extends AccountError {
  override readonly name = 'WrongPasswordError';
  readonly code = 'wrong-password';
  constructor() {
    super('Incorrect password');
  }
}

/** An Account Key typed or pasted with a mistake; the message says which. */
export class AccountKeyFormatError extends AccountError {
  override readonly name = 'AccountKeyFormatError';
  readonly code = 'account-key-format';
}

/** "November 21, 2026": dates in messages are for people, in UTC so every device says the same day. */
export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
