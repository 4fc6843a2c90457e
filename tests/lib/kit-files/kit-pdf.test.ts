import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../lib/account/errors';
import { KIT_QR_SIDE, makeKitPdf } from '../../../lib/kit-files/kit-pdf';
import { CM } from '../../../lib/kit-files/page-layout';
import { makeRecoveryKitPdf, RECOVERY_QR_SIDE } from '../../../lib/kit-files/recovery-kit-pdf';
import { DEFAULT_MARGIN, qrModules } from '../../../lib/qr/make';
import { filledRects, firstPageContent, inspectPdf, shownStrings } from './pdf-inspect';

const PAYLOAD = 'LATCHKEY:' + '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.repeat(7).slice(0, 205);
const CREATED_AT = new Date('2026-11-21T23:30:00Z');
const ACCOUNT_KEY = 'LK1-ABCDEF-GHJKMN-PQRSTV-WXYZ01-234567-89ABCD';
const RECOVERY_CODE = 'LKR1-ABCDEF-GHJKMN-PQRSTV-WXYZ01-234567-89ABCD-EFGHJK-MNPQRS-TV12';

function recoveryKit(overrides: Partial<Parameters<typeof makeRecoveryKitPdf>[0]> = {}) {
  return makeRecoveryKitPdf({
    payloadText: PAYLOAD,
    email: 'jane.doe@example.com',
    createdAt: CREATED_AT,
    accountKey: ACCOUNT_KEY,
    recoveryCode: RECOVERY_CODE,
    ...overrides,
  });
}

function page(bytes: Uint8Array) {
  const { content } = firstPageContent(inspectPdf(bytes));
  return { content, text: shownStrings(content).join('\n') };
}

/**
 * Rebuilds the QR module grid from the black rectangles in the content stream, using the white quiet-zone
 * square (the only white fill) as the symbol's frame.
 */
function drawnModules(content: string, size: number) {
  const [frame] = filledRects(content, '1 g');
  if (!frame) throw new Error('no white quiet-zone square');
  const module = frame.width / (size + 2 * DEFAULT_MARGIN);
  const dark = new Set<string>();
  const inside = (r: { x: number; y: number }) =>
    r.x >= frame.x && r.x < frame.x + frame.width && r.y >= frame.y && r.y < frame.y + frame.height;
  for (const rect of filledRects(content, '0 g').filter(inside)) {
    const row = Math.round((frame.y + frame.height - rect.y - rect.height) / module) - DEFAULT_MARGIN;
    const first = Math.round((rect.x - frame.x) / module) - DEFAULT_MARGIN;
    expect(rect.height).toBeCloseTo(module, 2);
    for (let col = first; col < first + Math.round(rect.width / module); col++) dark.add(`${col},${row}`);
  }
  return { side: frame.width, module, dark };
}

function expectQrOf(content: string, text: string, minSide: number) {
  const { size, dark } = qrModules(text);
  const drawn = drawnModules(content, size);
  expect(drawn.side).toBeGreaterThanOrEqual(minSide);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      expect(drawn.dark.has(`${col},${row}`), `module ${col},${row}`).toBe(dark(col, row));
    }
  }
  expect(drawn.dark.size).toBe(
    [...Array(size * size).keys()].filter((i) => dark(i % size, Math.floor(i / size))).length,
  );
}

describe('makeKitPdf', () => {
  it('draws exactly the QR code of the payload, as vectors, at least 6 cm wide with its quiet zone', () => {
    const { content } = page(
      makeKitPdf({ payloadText: PAYLOAD, email: 'jane.doe@example.com', createdAt: CREATED_AT }),
    );
    expect(KIT_QR_SIDE).toBeGreaterThanOrEqual(6 * CM);
    expectQrOf(content, PAYLOAD, 6 * CM);
  });

  it('prints the title, the email, the UTC creation date and the instructions', () => {
    const { text } = page(
      makeKitPdf({ payloadText: PAYLOAD, email: 'jane.doe@example.com', createdAt: CREATED_AT }),
    );
    expect(text).toContain('Latchkey Authentication Kit');
    expect(text).toContain('jane.doe@example.com');
    expect(text).toContain(formatDate(CREATED_AT)); // November 21, 2026 in every time zone
    const prose = text.replace(/\n/g, ' ');
    for (const phrase of [
      'signs in to your Latchkey account on a new browser',
      'email and password',
      'store it offline',
      'useless without your password',
      'change your password',
      'outdated',
    ]) {
      expect(prose).toContain(phrase);
    }
    expect(prose).not.toContain(PAYLOAD); // the payload is in the QR code only
  });

  it('prints an email with Latin accents as it is', () => {
    const { text } = page(
      makeKitPdf({ payloadText: PAYLOAD, email: 'josé.müller@exämple.de', createdAt: CREATED_AT }),
    );
    expect(text).toContain('josé.müller@exämple.de');
    expect(text).not.toContain('U+');
  });

  it('prints a non-Latin email readably: code points for the local part, the ASCII form of the domain', () => {
    const { text } = page(
      makeKitPdf({ payloadText: PAYLOAD, email: '用户@例子.中国', createdAt: CREATED_AT }),
    );
    expect(text).toContain('<U+7528><U+6237>@xn--fsqu00a.xn--fiqs8s');
    expect(text.replace(/\n/g, ' ')).toContain('written as Unicode code points');
    const { text: cyrillic } = page(
      makeKitPdf({ payloadText: PAYLOAD, email: 'иван@пример.рф', createdAt: CREATED_AT }),
    );
    expect(cyrillic).toContain('<U+0438><U+0432><U+0430><U+043D>@xn--e1afmkfd.xn--p1ai');
  });

  it('fits the longest possible email on A4 and on Letter', () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`; // 254 characters
    for (const paper of ['a4', 'letter'] as const) {
      const { text } = page(makeKitPdf({ payloadText: PAYLOAD, email, createdAt: CREATED_AT, paper }));
      expect(text.replace(/\n/g, '')).toContain(email);
      const { text: recovery } = page(recoveryKit({ email, paper }));
      expect(recovery.replace(/\n/g, '')).toContain(email);
    }
  });

  it('refuses malformed input with TypeError or RangeError', () => {
    const good = { payloadText: PAYLOAD, email: 'a@example.com', createdAt: CREATED_AT };
    expect(() => makeKitPdf({ ...good, payloadText: '' })).toThrow(TypeError);
    expect(() => makeKitPdf({ ...good, payloadText: 'X'.repeat(2001) })).toThrow(RangeError);
    expect(() => makeKitPdf({ ...good, email: '' })).toThrow(TypeError);
    expect(() => makeKitPdf({ ...good, email: `${'a'.repeat(250)}@b.cd` })).toThrow(RangeError);
    expect(() => makeKitPdf({ ...good, createdAt: new Date('nope') })).toThrow(TypeError);
    expect(() => makeKitPdf({ ...good, paper: 'a3' as 'a4' })).toThrow(RangeError);
  });
});

describe('makeRecoveryKitPdf', () => {
  it('draws its own QR code at least 6 cm wide', () => {
    expect(RECOVERY_QR_SIDE).toBeGreaterThanOrEqual(6 * CM);
    expectQrOf(page(recoveryKit()).content, PAYLOAD, 6 * CM);
  });

  it('prints the warning first, then the Account Key and recovery code in large Courier, and how to use it', () => {
    const { content, text } = page(recoveryKit());
    const prose = text.replace(/\n/g, ' ');
    expect(prose).toContain('Latchkey Recovery Kit');
    expect(prose).toContain(
      'Anyone who has this page and access to your email can take over your Latchkey account',
    );
    expect(prose).toContain('locked away');
    expect(prose).toContain('Forgot password?');
    expect(text).toContain(ACCOUNT_KEY);
    // The recovery code wraps after a hyphen: all of it is there, in order.
    expect(text.replace(/-\n/g, '-')).toContain(RECOVERY_CODE);
    const courier = [...content.matchAll(/\/F-Courier-Bold (\S+) Tf\n1 0 0 1 \S+ \S+ Tm\n\((.*)\) Tj/g)];
    expect(courier.map((m) => m[2]).join('')).toBe(ACCOUNT_KEY + RECOVERY_CODE);
    for (const m of courier) expect(Number(m[1])).toBeGreaterThanOrEqual(14);
    expect(prose.indexOf('take over')).toBeLessThan(prose.indexOf(ACCOUNT_KEY));
  });

  it('refuses codes it could not print exactly', () => {
    expect(() => recoveryKit({ accountKey: '' })).toThrow(TypeError);
    expect(() => recoveryKit({ recoveryCode: 'LKR1-АБВ' })).toThrow(RangeError); // Cyrillic look-alikes
    expect(() => recoveryKit({ recoveryCode: 'A'.repeat(201) })).toThrow(RangeError);
  });
});
