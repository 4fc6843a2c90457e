import * as v from 'valibot';
import { URL_MATCH_MODES, type LoginUrl } from './record-types';
import { parseTotp } from './totp';

/**
 * The runtime schemas of each record type's `fields` (record-types.ts), with their limits and the messages the
 * editor shows. Every object is strict (a missing or unknown key fails) and every string and list is bounded,
 * so a draft from the popup or a record from disk cannot grow without limit. Messages name the field and the
 * rule, never the value: a password typed into the wrong box must not come back in an error or a log.
 *
 * The limits keep a full record well inside the 64 KiB box (lib/api/limits.ts): the largest parts are the notes
 * (20,000 characters) and the lists (50 URLs × 2 KiB, 100 custom fields, 50 old passwords).
 */

export const LIMITS = {
  titleChars: 200,
  shortChars: 1000,
  notesChars: 20_000,
  /** Same bound as the master password field (lib/messaging/protocol.ts PasswordField). */
  passwordChars: 1024,
  urls: 50,
  /** Browsers handle far longer URLs, but a login URL is an origin and a path: 2 KiB is ample. */
  urlChars: 2048,
  tags: 50,
  tagChars: 50,
  customFields: 100,
  customFieldNameChars: 200,
  passwordHistory: 50,
} as const;

/** A bounded string; `label` starts the message ("Username must be at most 1000 characters"). */
export function text(label: string, max: number = LIMITS.shortChars) {
  return v.pipe(
    v.string(`${label} must be text`),
    v.maxLength(max, `${label} must be at most ${max} characters`),
  );
}

/** A date as Date.prototype.toISOString() writes it (ISO 8601 in UTC). */
export const IsoDate = v.pipe(v.string('must be a date'), v.isoTimestamp('must be an ISO date'));

/**
 * Turns what a user types into a web address: trimmed, and "example.com" becomes "https://example.com" (people
 * rarely type the scheme, and https is the safe guess). Returns null for anything that is not http(s) with a
 * host, or that carries a user name or password (a "mailto:a@b" would otherwise parse as https://b).
 */
export function normalizeWebUrl(input: string): string | null {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  // WHATWG URL forbids spaces and '%' in a domain; Chromium's parser lets "a b" through as "a%20b".
  if (/[\s%]/.test(url.hostname)) return null;
  return withScheme;
}

const RawLoginUrl = v.strictObject({
  url: v.string('URL must be text'),
  match: v.picklist(URL_MATCH_MODES, 'URL match must be base-domain, host, exact or never'),
});

/** Blank rows are dropped (the editor's empty "add URL" row); the others must be web addresses. */
const Urls = v.pipe(
  v.array(RawLoginUrl, 'URLs must be a list'),
  v.maxLength(LIMITS.urls, `At most ${LIMITS.urls} URLs`),
  v.rawTransform<Array<v.InferOutput<typeof RawLoginUrl>>, LoginUrl[]>(({ dataset, addIssue, NEVER }) => {
    const out: LoginUrl[] = [];
    dataset.value.forEach(({ url, match }, index) => {
      const n = index + 1;
      if (url.trim() === '') return;
      if (url.length > LIMITS.urlChars) {
        addIssue({ message: `URL ${n} is too long (max ${LIMITS.urlChars} characters)` });
        return;
      }
      const normalized = normalizeWebUrl(url);
      if (normalized === null) addIssue({ message: `URL ${n} is not a web address` });
      else out.push({ url: normalized, match });
    });
    return out.length === dataset.value.filter((entry) => entry.url.trim() !== '').length ? out : NEVER;
  }),
);

/** Trimmed, blanks dropped, duplicates (ignoring case) dropped keeping the first spelling. */
const Tags = v.pipe(
  v.array(text('Tags', LIMITS.shortChars), 'Tags must be a list'),
  v.maxLength(LIMITS.tags, `At most ${LIMITS.tags} tags`),
  v.rawTransform<string[], string[]>(({ dataset, addIssue, NEVER }) => {
    const seen = new Set<string>();
    const out: string[] = [];
    let failed = false;
    dataset.value.forEach((raw, index) => {
      const tag = raw.trim();
      if (tag === '') return;
      if (tag.length > LIMITS.tagChars) {
        addIssue({ message: `Tag ${index + 1} is too long (max ${LIMITS.tagChars} characters)` });
        failed = true;
        return;
      }
      const key = tag.toLowerCase();
      if (seen.has(key)) return;
      seen.add(key);
      out.push(tag);
    });
    return failed ? NEVER : out;
  }),
);

const CustomField = v.strictObject({
  /** Random (record-types.ts): crypto.randomUUID() or similar; bounded and URL-safe. */
  id: v.pipe(v.string('must be text'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Custom field id is not valid')),
  name: text('Custom field names', LIMITS.customFieldNameChars),
  value: text('Custom field values'),
  kind: v.picklist(['text', 'hidden'], 'Custom field kind must be text or hidden'),
});

const CustomFields = v.pipe(
  v.array(CustomField, 'Custom fields must be a list'),
  v.maxLength(LIMITS.customFields, `At most ${LIMITS.customFields} custom fields`),
  v.check(
    (fields) => new Set(fields.map((f) => f.id)).size === fields.length,
    'Custom field ids must be unique',
  ),
);

const common = {
  title: v.pipe(
    v.string('Title must be text'),
    v.trim(),
    v.nonEmpty('Title is required'),
    v.maxLength(LIMITS.titleChars, `Title must be at most ${LIMITS.titleChars} characters`),
  ),
  notes: text('Notes', LIMITS.notesChars),
  tags: Tags,
  favorite: v.boolean('Favourite must be true or false'),
  customFields: CustomFields,
};

/** '' or something lib/vault/totp.ts can make codes from; the message is the parser's. */
const Totp = v.pipe(
  text('One-time code secret'),
  v.trim(),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed || dataset.value === '') return;
    try {
      parseTotp(dataset.value);
    } catch (error) {
      addIssue({ message: error instanceof Error ? error.message : 'The one-time code secret is not valid' });
    }
  }),
);

const PasswordHistory = v.pipe(
  v.array(
    v.strictObject({ password: text('Old passwords', LIMITS.passwordChars), replacedAt: IsoDate }),
    'Password history must be a list',
  ),
  v.maxLength(LIMITS.passwordHistory, `At most ${LIMITS.passwordHistory} old passwords`),
);

export const LoginFieldsSchema = v.strictObject({
  ...common,
  username: text('Username'),
  password: text('Password', LIMITS.passwordChars),
  urls: Urls,
  totp: Totp,
  passwordHistory: PasswordHistory,
});

export const NoteFieldsSchema = v.strictObject(common);

export const CardFieldsSchema = v.strictObject({
  ...common,
  cardholderName: text('Cardholder name'),
  number: v.pipe(
    text('Card number'),
    v.transform((value) => value.replace(/[\s-]/g, '')),
    v.regex(/^(?:\d{12,19})?$/, 'Card number must be 12 to 19 digits'),
  ),
  expiryMonth: v.pipe(
    text('Expiry month'),
    v.transform((value) => value.trim().replace(/^(\d)$/, '0$1')),
    v.regex(/^(?:|0[1-9]|1[0-2])$/, 'Expiry month must be 01 to 12'),
  ),
  expiryYear: v.pipe(
    text('Expiry year'),
    v.trim(),
    v.regex(/^(?:\d{4})?$/, 'Expiry year must have four digits'),
  ),
  securityCode: text('Security code'),
  pin: text('PIN'),
});

export const IdentityFieldsSchema = v.strictObject({
  ...common,
  firstName: text('First name'),
  middleName: text('Middle name'),
  lastName: text('Last name'),
  // Loosely checked on purpose: the address is only shown and filled, never sent to.
  email: v.pipe(
    text('Email'),
    v.trim(),
    v.check((value) => value === '' || value.includes('@'), 'Email must be an email address'),
  ),
  phone: text('Phone'),
  company: text('Company'),
  address1: text('Address line 1'),
  address2: text('Address line 2'),
  city: text('City'),
  region: text('Region'),
  postalCode: text('Postal code'),
  country: text('Country'),
});

/**
 * The Luhn checksum (ISO/IEC 7812-1 Annex B) of a card number: a failing number is probably mistyped. The
 * editor warns but still saves (some store cards that fail it, e.g. test or closed-loop cards).
 */
export function luhnValid(number: string): boolean {
  const digits = number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
