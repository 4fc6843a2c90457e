import * as v from 'valibot';
import { Uuid } from '../api/fields';
import { describeIssues } from '../api/validation-message';
import { RecordInvalidError, RecordNewerVersionError } from './record-errors';
import {
  CardFieldsSchema,
  IdentityFieldsSchema,
  IsoDate,
  LIMITS,
  LoginFieldsSchema,
  NoteFieldsSchema,
} from './record-fields';
import type { RecordDraft, VaultRecord } from './record-types';

export { luhnValid, LIMITS as RECORD_LIMITS } from './record-fields';

/**
 * Records at the two boundaries where they arrive as `unknown` (lib/vault/README.md "Record format"):
 *
 * - `RecordDraftSchema`: what the popup sends to save (lib/messaging/protocol.ts `vault.save`); normalises as
 *   it validates (trimmed title and tags, "example.com" → "https://example.com", card digits only).
 * - `parseRecord`: a whole record out of a decrypted box, which carries a `schemaVersion`; older versions are
 *   migrated step by step first, newer ones are refused (the record is shown as "update the extension").
 */

/** The version this code writes. Bump it only with a migration from the previous one in RECORD_MIGRATIONS. */
export const RECORD_SCHEMA_VERSION = 1;

const typed = {
  login: LoginFieldsSchema,
  note: NoteFieldsSchema,
  card: CardFieldsSchema,
  identity: IdentityFieldsSchema,
};

export const RecordDraftSchema = v.variant(
  'type',
  [
    v.strictObject({ id: v.optional(Uuid), type: v.literal('login'), fields: typed.login }),
    v.strictObject({ id: v.optional(Uuid), type: v.literal('note'), fields: typed.note }),
    v.strictObject({ id: v.optional(Uuid), type: v.literal('card'), fields: typed.card }),
    v.strictObject({ id: v.optional(Uuid), type: v.literal('identity'), fields: typed.identity }),
  ],
  'Type must be login, note, card or identity',
);

export type DraftCheck = { ok: true; draft: RecordDraft } | { ok: false; problems: string[] };

/** For the editor: the draft as it will be saved, or the user-readable problems (one per issue, no values). */
export function checkDraft(input: unknown): DraftCheck {
  const parsed = v.safeParse(RecordDraftSchema, input);
  if (parsed.success) return { ok: true, draft: parsed.output };
  return {
    ok: false,
    problems: parsed.issues.map((issue) => issue.message.replace(/ but received .*$/, '')),
  };
}

const Conflict = v.nullable(v.strictObject({ of: Uuid, at: IsoDate }));

function stored<T extends keyof typeof typed>(type: T) {
  return v.strictObject({
    schemaVersion: v.literal(RECORD_SCHEMA_VERSION),
    id: Uuid,
    type: v.literal(type),
    fields: typed[type],
    createdAt: IsoDate,
    updatedAt: IsoDate,
    conflict: Conflict,
  });
}

/** A record as sealed in the details box: the VaultRecord plus its schemaVersion. */
export const StoredRecordSchema = v.variant('type', [
  stored('login'),
  stored('note'),
  stored('card'),
  stored('identity'),
]);

/** One step of the migration chain: turns a record of version `from` into one of version `to` (> from). */
export interface RecordMigration {
  from: number;
  to: number;
  migrate(record: Record<string, unknown>): Record<string, unknown>;
}

/**
 * The real chain, in order. Empty: version 1 is the first format that was ever stored. A future change of the
 * format adds `{ from: 1, to: 2, migrate }` here and bumps RECORD_SCHEMA_VERSION.
 */
export const RECORD_MIGRATIONS: readonly RecordMigration[] = [];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Brings a decoded record up to `target` by applying the migrations in turn. Throws RecordNewerVersionError for
 * a version above `target`, RecordInvalidError for a missing/invalid version or a gap in the chain.
 */
export function migrateRecord(
  raw: unknown,
  migrations: readonly RecordMigration[] = RECORD_MIGRATIONS,
  target: number = RECORD_SCHEMA_VERSION,
): Record<string, unknown> {
  if (!isPlainObject(raw)) throw new RecordInvalidError('The record is not an object');
  const version = raw.schemaVersion;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw new RecordInvalidError('The record has no valid schemaVersion');
  }
  if (version > target) throw new RecordNewerVersionError(version);
  let record = raw;
  let current = version;
  while (current < target) {
    const step = migrations.find((migration) => migration.from === current);
    if (step === undefined || step.to <= current || step.to > target) {
      throw new RecordInvalidError(`No migration from record schema version ${current}`);
    }
    const next = step.migrate(record);
    record = { ...next, schemaVersion: step.to };
    current = step.to;
  }
  return record;
}

/** A whole record from a decrypted details box: migrated, validated, without its schemaVersion. */
export function parseRecord(
  raw: unknown,
  migrations: readonly RecordMigration[] = RECORD_MIGRATIONS,
): VaultRecord {
  const migrated = migrateRecord(raw, migrations);
  const parsed = v.safeParse(StoredRecordSchema, migrated);
  if (!parsed.success) {
    throw new RecordInvalidError(`The record is not valid: ${describeIssues(parsed.issues, 'record')}`);
  }
  const { schemaVersion: _version, ...record } = parsed.output;
  return record;
}

/** What the details box holds: the record tagged with the version that wrote it. */
export function toStoredRecord(record: VaultRecord): VaultRecord & { schemaVersion: number } {
  return { schemaVersion: RECORD_SCHEMA_VERSION, ...record };
}

function isoOf(now: Date | number): string {
  return new Date(now).toISOString();
}

/** A new record from a validated draft; the id and the time are the background's (the draft's id is ignored). */
export function newRecord(draft: RecordDraft, { id, now }: { id: string; now: Date | number }): VaultRecord {
  const at = isoOf(now);
  return {
    id,
    type: draft.type,
    fields: draft.fields,
    createdAt: at,
    updatedAt: at,
    conflict: null,
  } as VaultRecord;
}

/**
 * An edit: the draft's fields replace the record's; `createdAt` and the conflict mark stay. When a login's
 * password changes, the old one goes to the front of its history (newest first, capped), so a password changed
 * by mistake can be recovered. A draft may not change the record's type (the editor never offers it).
 */
export function applyDraft(existing: VaultRecord, draft: RecordDraft, now: Date | number): VaultRecord {
  if (draft.type !== existing.type) throw new TypeError('A record cannot change its type');
  const at = isoOf(now);
  if (draft.type === 'login' && existing.type === 'login') {
    const old = existing.fields.password;
    const history =
      old !== '' && old !== draft.fields.password
        ? [{ password: old, replacedAt: at }, ...draft.fields.passwordHistory]
        : draft.fields.passwordHistory;
    const fields = { ...draft.fields, passwordHistory: history.slice(0, LIMITS.passwordHistory) };
    return { ...existing, fields, updatedAt: at };
  }
  return { ...existing, fields: draft.fields, updatedAt: at } as VaultRecord;
}
