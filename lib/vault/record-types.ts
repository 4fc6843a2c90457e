/**
 * What a user keeps in Latchkey (issue 5, DESIGN §1–§2): the record types, as plain data. The runtime schema,
 * the migrations and the limits live in record-schema.ts; the encryption in record-crypto.ts.
 *
 * Every record is `{ id, type, fields, createdAt, updatedAt, conflict }`. `fields` is a flat object whose keys
 * are the unit of the three-way merge (lib/sync/merge.ts): two devices that edit different keys of the same
 * record both keep their edit; the same key edited on both sides makes a conflict copy.
 */

export const RECORD_TYPES = ['login', 'note', 'card', 'identity'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * How a login's URL matches a page (DESIGN §5): the registrable domain by the Public Suffix List (default),
 * the exact host, the exact URL up to the path, or never (kept for the record, never offered).
 */
export const URL_MATCH_MODES = ['base-domain', 'host', 'exact', 'never'] as const;
export type UrlMatch = (typeof URL_MATCH_MODES)[number];

export interface LoginUrl {
  url: string;
  match: UrlMatch;
}

export interface CustomField {
  /** Random, so a rename on one device and a value change on another merge as one field. */
  id: string;
  name: string;
  value: string;
  /** `hidden` is masked like a password and never searched. */
  kind: 'text' | 'hidden';
}

export interface PasswordHistoryEntry {
  password: string;
  /** ISO date the password stopped being the current one. */
  replacedAt: string;
}

/** Fields every type has. Title, tags and favourite are list fields; notes and custom fields are secret. */
export interface CommonFields {
  title: string;
  notes: string;
  tags: string[];
  favorite: boolean;
  customFields: CustomField[];
}

export interface LoginFields extends CommonFields {
  username: string;
  password: string;
  urls: LoginUrl[];
  /** A base32 TOTP secret or an otpauth:// URI (lib/vault/totp.ts), '' for none. */
  totp: string;
  /** Newest first; the record's previous passwords, kept when the password changes. */
  passwordHistory: PasswordHistoryEntry[];
}

export type NoteFields = CommonFields;

export interface CardFields extends CommonFields {
  cardholderName: string;
  /** Digits only once validated (spaces removed). */
  number: string;
  /** '' or '01'..'12'. */
  expiryMonth: string;
  /** '' or four digits. */
  expiryYear: string;
  securityCode: string;
  pin: string;
}

export interface IdentityFields extends CommonFields {
  firstName: string;
  middleName: string;
  lastName: string;
  email: string;
  phone: string;
  company: string;
  address1: string;
  address2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface FieldsOf {
  login: LoginFields;
  note: NoteFields;
  card: CardFields;
  identity: IdentityFields;
}

/** A copy made by the merge when both sides changed the same field, or there was no common base (DESIGN §4). */
export interface ConflictMark {
  /** The record this is a copy of. */
  of: string;
  /** ISO date the copy was made. */
  at: string;
}

export type RecordOf<T extends RecordType> = {
  id: string;
  type: T;
  fields: FieldsOf[T];
  /** ISO dates. */
  createdAt: string;
  updatedAt: string;
  conflict: ConflictMark | null;
};

export type VaultRecord = { [T in RecordType]: RecordOf<T> }[RecordType];

/** What the popup sends to add (no id) or edit (with id) a record; dates and ids are the background's. */
export type RecordDraft = { [T in RecordType]: { id?: string; type: T; fields: FieldsOf[T] } }[RecordType];

/**
 * A record's list fields (DESIGN §2): what the list, search and URL matching need, sealed apart from the
 * secrets so the list renders without decrypting them. `subtitle` is derived when sealing: the username of a
 * login, "•••• 4242" for a card, the name or email of an identity, '' for a note.
 */
export interface RecordOverview {
  id: string;
  type: RecordType;
  title: string;
  subtitle: string;
  /** Logins only; [] for the other types. */
  urls: LoginUrl[];
  tags: string[];
  favorite: boolean;
  createdAt: string;
  updatedAt: string;
  conflict: ConflictMark | null;
}
