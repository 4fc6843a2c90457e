/**
 * Download names for the kits, dated by the kit's creation day in UTC (as lib/account/errors.ts `formatDate`
 * and the key file name are), so the same kit gets the same name on every device and sorts by date.
 */
export interface KitFileNames {
  /** The printable Authentication Kit: latchkey-kit-2026-11-21.pdf */
  kitPdf: string;
  /** The Authentication QR Code as an image: latchkey-kit-2026-11-21.png */
  kitPng: string;
  /** The printable Recovery Kit: latchkey-recovery-kit-2026-11-21.pdf */
  recoveryKitPdf: string;
}

export function kitFileNames(createdAt: Date): KitFileNames {
  if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime())) {
    throw new TypeError('createdAt must be a valid Date');
  }
  const day = createdAt.toISOString().slice(0, 10);
  return {
    kitPdf: `latchkey-kit-${day}.pdf`,
    kitPng: `latchkey-kit-${day}.png`,
    recoveryKitPdf: `latchkey-recovery-kit-${day}.pdf`,
  };
}
