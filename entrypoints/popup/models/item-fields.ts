import type { RecordType, VaultRecord } from '../../../lib/vault/record-types';

/**
 * Which fields each record type has, in screen order, with the words the item view and the editor show.
 * One table, so the view, the editor and the copy buttons' accessible names ("Copy username") agree.
 */

/** The string fields a type's editor offers (its lists: URLs, tags, custom fields, are edited apart). */
export type TextFieldKey =
  | 'title'
  | 'notes'
  | 'username'
  | 'password'
  | 'totp'
  | 'cardholderName'
  | 'number'
  | 'expiryMonth'
  | 'expiryYear'
  | 'securityCode'
  | 'pin'
  | 'firstName'
  | 'middleName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'company'
  | 'address1'
  | 'address2'
  | 'city'
  | 'region'
  | 'postalCode'
  | 'country';

export interface FieldSpec {
  key: TextFieldKey;
  /** The label, and what "Copy <label>" / "Show <label>" say in lower case. */
  label: string;
  /** Masked until revealed (password, card number, security code, PIN). */
  secret?: boolean;
  /** A multi-line text area in the editor. */
  multiline?: boolean;
  autoComplete?: string;
  inputMode?: 'numeric' | 'email' | 'tel' | 'text';
}

const TITLE: FieldSpec = { key: 'title', label: 'Title' };
const NOTES: FieldSpec = { key: 'notes', label: 'Notes', multiline: true };

/** Everything but title and notes (which every type has, first and last). */
const SPECIFIC: Record<RecordType, readonly FieldSpec[]> = {
  login: [
    { key: 'username', label: 'Username', autoComplete: 'off' },
    { key: 'password', label: 'Password', secret: true, autoComplete: 'new-password' },
    { key: 'totp', label: 'One-time code secret' },
  ],
  note: [],
  card: [
    { key: 'cardholderName', label: 'Cardholder name' },
    { key: 'number', label: 'Card number', secret: true, inputMode: 'numeric' },
    { key: 'expiryMonth', label: 'Expiry month', inputMode: 'numeric' },
    { key: 'expiryYear', label: 'Expiry year', inputMode: 'numeric' },
    { key: 'securityCode', label: 'Security code', secret: true, inputMode: 'numeric' },
    { key: 'pin', label: 'PIN', secret: true, inputMode: 'numeric' },
  ],
  identity: [
    { key: 'firstName', label: 'First name' },
    { key: 'middleName', label: 'Middle name' },
    { key: 'lastName', label: 'Last name' },
    { key: 'email', label: 'Email', inputMode: 'email' },
    { key: 'phone', label: 'Phone', inputMode: 'tel' },
    { key: 'company', label: 'Company' },
    { key: 'address1', label: 'Address line 1' },
    { key: 'address2', label: 'Address line 2' },
    { key: 'city', label: 'City' },
    { key: 'region', label: 'State or region' },
    { key: 'postalCode', label: 'Postal code' },
    { key: 'country', label: 'Country' },
  ],
};

/** The editor's text fields for a type, in screen order. */
export function editableFields(type: RecordType): readonly FieldSpec[] {
  return [TITLE, ...SPECIFIC[type], NOTES];
}

/** The fields the item view lists with copy buttons (title is the heading; TOTP and notes have their own). */
export function viewFields(type: RecordType): readonly FieldSpec[] {
  return SPECIFIC[type].filter((spec) => spec.key !== 'totp');
}

export const TYPE_LABELS: Record<RecordType, string> = {
  login: 'Login',
  note: 'Secure note',
  card: 'Credit card',
  identity: 'Identity',
};

/** A record's value for one of its text fields ('' when the type has no such field). */
export function fieldValue(record: VaultRecord, key: TextFieldKey): string {
  const value: unknown = (record.fields as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : '';
}

/** "4242 4242 4242 4242": card numbers read in groups of four (ISO/IEC 7812 layouts mostly group by 4). */
export function groupCardNumber(digits: string): string {
  return digits.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * A label inside a sentence ("Copy card number", "Show PIN"): lower-cased at the start, unless it starts with
 * an acronym ("PIN", "API key"), which stays as written.
 */
export function labelInSentence(label: string): string {
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}
