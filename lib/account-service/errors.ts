import { AccountError } from '../account/errors';

/**
 * Failures of the account operations that are not about a kit or a password (those are lib/account's). Each
 * has a code of the popup protocol (lib/messaging/protocol.ts ErrorCode) and a message for the user.
 */

/**
 * The password was changed on another device, but the server has no devices' box of the Account Key to open
 * with the new password (an account created before the box existed and not re-keyed since): this device can
 * only sign in again, with the new password and the newest Authentication QR Code.
 */
export class SignInAgainError extends AccountError {
  override readonly name = 'SignInAgainError';
  readonly code = 'not-signed-in';
  constructor() {
    super(
      'Your password was changed on another device. Sign in again on this browser with your new password and the newest Authentication QR Code.',
    );
  }
}

/**
 * The kit opened with the password, so both are right for each other, yet the server refused the login: the
 * account the kit was made for is not the one the server now has under this email (it was reset, or this is
 * another server). Reported instead of a bare "invalid credentials", which would suggest a typo.
 */
export class AccountChangedError extends AccountError {
  override readonly name = 'AccountChangedError';
  readonly code = 'invalid-credentials';
  constructor() {
    super(
      'This QR code and password match each other, but not the account this server has for this email: the account was reset or replaced since the code was made. Use the QR code you received after that, or check the server address.',
    );
  }
}

/**
 * The login succeeded (so password and Account Key are right) but the keys the server sent do not open with
 * them: damaged or inconsistent data on the server. Nothing is changed on this device.
 */
export class KeysetMismatchError extends AccountError {
  override readonly name = 'KeysetMismatchError';
  readonly code = 'invalid-response';
  constructor() {
    super(
      "The keys this server holds for your account do not open with your password and Account Key. Nothing was changed; try again later, or ask the server's administrator.",
    );
  }
}

/** A Recovery Kit shown where the Authentication QR Code or key file is expected. */
export class RecoveryKitGivenError extends AccountError {
  override readonly name = 'RecoveryKitGivenError';
  readonly code = 'not-latchkey';
  constructor() {
    super(
      'This is a Recovery Kit, not an Authentication QR Code. To sign in, use the Authentication QR Code or the key file; the Recovery Kit is for "Forgot password".',
    );
  }
}
