import {
  beginKitPage,
  bulletSection,
  checkKitPageInput,
  accountLines,
  qrBlock,
  section,
  STYLES,
  type KitPageInput,
} from './kit-page';
import { CM } from './page-layout';

/**
 * The QR code's printed side with its quiet zone: 7 cm. DESIGN asks for at least 6 cm; the extra centimetre
 * survives a print dialog's "fit to page" (A4 on Letter shrinks by 6 %). A 57-module code (version 10, the
 * largest our payloads need) then has ~1.1 mm modules, which a phone reads from 30 cm away.
 */
export const KIT_QR_SIDE = 7 * CM;

/**
 * The printable Authentication Kit (DESIGN §1): the Authentication QR Code as vectors, the account's email, the
 * creation date, and what the page is for and how to keep it. One page, A4 or Letter.
 */
export function makeKitPdf(input: KitPageInput): Uint8Array {
  checkKitPageInput(input);
  const { document, content, layout } = beginKitPage('Latchkey Authentication Kit', input);
  layout.paragraph('Latchkey Authentication Kit', STYLES.title);
  layout.paragraph('Keep this page private. Print it, or store it offline.', STYLES.subtitle);
  layout.space(12);
  accountLines(layout, input.email, input.createdAt);
  layout.space(14);
  qrBlock(layout, content, input.payloadText, KIT_QR_SIDE, 'Authentication QR Code');
  section(layout, 'What this is', [
    'Your Authentication QR Code. Together with your password, it signs in to your Latchkey account on a ' +
      'new browser or device. Browsers where you already use Latchkey only need your password.',
  ]);
  section(layout, 'How to sign in on a new browser', [
    'Open Latchkey, choose Sign in and enter your email and password. When Latchkey asks you to ' +
      'authenticate the device, scan this QR code with the camera, or upload this PDF or a photo of the code.',
  ]);
  bulletSection(layout, 'Keep it private', [
    'Treat this page like your password: do not share it, and do not keep it in your inbox or a shared folder.',
    'Print it, or store it offline, for example on a USB drive kept somewhere safe.',
    'It is useless without your password, but whoever has it can try to guess your password.',
  ]);
  section(layout, 'When you change your password', [
    'Latchkey gives you a new kit, and this one becomes outdated: it stops working. Print or save the new ' +
      'kit, then destroy this page.',
  ]);
  return document.toBytes();
}
