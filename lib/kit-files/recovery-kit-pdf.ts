import {
  accountLines,
  beginKitPage,
  bulletSection,
  checkKitPageInput,
  qrBlock,
  section,
  STYLES,
  type KitPageInput,
} from './kit-page';
import { CM } from './page-layout';
import type { TextStyle } from './pdf-content';
import { isWinAnsiEncodable } from './win-ansi';

export interface RecoveryKitInput extends KitPageInput {
  /** The recovery secret in its human form, as the user would type it. */
  recoveryCode: string;
  /** The Account Key in its human form (lib/account/account-key.ts `formatAccountKey`). */
  accountKey: string;
}

/** Smaller than the Authentication Kit's 7 cm, to leave room for the two codes; still above DESIGN's 6 cm. */
export const RECOVERY_QR_SIDE = 6.2 * CM;
/** Courier, so every character has the same width and a person copying it can keep their place. */
const CODE_STYLE: TextStyle = { font: 'Courier-Bold', size: 15 };
const WARNING_STYLE: TextStyle = { font: 'Helvetica-Bold', size: 10.5, color: [0.55, 0.05, 0.05] };
const WARNING_BACKGROUND = [1, 0.92, 0.92] as const;
/** Both codes are under 100 characters in any format we would print; more is a caller's mistake. */
const MAX_CODE_CHARS = 200;

/**
 * The printable Recovery Kit (DESIGN §2): its QR code, the Account Key and the recovery code in large
 * monospaced text, and how to use it on the Forgot password screen. Anyone holding it and the account's
 * mailbox can take the account over, and the page says so first.
 */
export function makeRecoveryKitPdf(input: RecoveryKitInput): Uint8Array {
  checkKitPageInput(input);
  checkCode('recoveryCode', input.recoveryCode);
  checkCode('accountKey', input.accountKey);
  const { document, content, layout } = beginKitPage('Latchkey Recovery Kit', input);
  layout.paragraph('Latchkey Recovery Kit', STYLES.title);
  layout.paragraph('Restores your account if you forget your password.', STYLES.subtitle);
  layout.space(10);
  layout.panel(
    'Anyone who has this page and access to your email can take over your Latchkey account. Keep it locked ' +
      'away, on paper or offline: never in your email, a chat or a cloud drive.',
    WARNING_STYLE,
    WARNING_BACKGROUND,
    8,
  );
  layout.space(10);
  accountLines(layout, input.email, input.createdAt);
  layout.space(10);
  qrBlock(layout, content, input.payloadText, RECOVERY_QR_SIDE, 'Recovery QR Code');
  layout.space(8);
  layout.paragraph('Account Key', STYLES.heading);
  layout.paragraph(input.accountKey, CODE_STYLE);
  layout.space(6);
  layout.paragraph('Recovery code', STYLES.heading);
  layout.paragraph(input.recoveryCode, CODE_STYLE);
  section(layout, 'If you forget your password', [
    'On the Latchkey sign-in screen, choose "Forgot password?" and use your Recovery Kit: scan or upload ' +
      'this QR code (or this PDF), or type the Account Key and the recovery code. Then choose a new ' +
      'password. Your vault keeps all its data.',
  ]);
  bulletSection(layout, 'Good to know', [
    'Your password is not on this page, and this kit does not need it.',
    'Changing your password does not change this kit. Making a new Recovery Kit replaces it: then destroy ' +
      'this page.',
    'Without your password or this kit, the only way back in is an account reset, which deletes your data.',
  ]);
  return document.toBytes();
}

function checkCode(name: string, code: unknown): void {
  if (typeof code !== 'string' || code.trim() === '') throw new TypeError(`${name} must be text`);
  if (code.length > MAX_CODE_CHARS)
    throw new RangeError(`${name} is longer than ${MAX_CODE_CHARS} characters`);
  // Codes are made of ASCII letters, digits and separators; anything else is a bug upstream, not a user's name.
  if (!isWinAnsiEncodable(code)) throw new RangeError(`${name} has characters a printed code cannot show`);
}
