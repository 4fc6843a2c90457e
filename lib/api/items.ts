import * as v from 'valibot';
import { base64url, int, Revision, Timestamp, Uuid } from './fields';
import { ITEM_CIPHERTEXT_MAX_BYTES, PULL_MAX_LIMIT, PUSH_MAX_CHANGES } from './limits';

/** The vault's records as the server sees them: ids, revisions and AEAD boxes (DESIGN §4). */

/** An AEAD box (lib/crypto/aead.ts): at least its 29 bytes of overhead. */
export const ItemCiphertext = base64url(29, ITEM_CIPHERTEXT_MAX_BYTES);

export const ItemSchema = v.strictObject({
  id: Uuid,
  revision: int(1),
  /** null for a tombstone. */
  ciphertext: v.nullable(ItemCiphertext),
  deleted: v.boolean(),
  updatedAt: Timestamp,
});

/** A query string value: decimal digits only (no sign, exponent or spaces), then bounded as an integer. */
function queryInt(min: number, max: number) {
  return v.pipe(
    v.string(),
    v.regex(/^\d{1,16}$/, 'must be a non-negative integer'),
    v.transform(Number),
    int(min, max),
  );
}

export const PullQuerySchema = v.strictObject({
  since: v.optional(queryInt(0, Number.MAX_SAFE_INTEGER)),
  limit: v.optional(queryInt(1, PULL_MAX_LIMIT)),
});

export const PullResponseSchema = v.strictObject({
  items: v.array(ItemSchema),
  headRevision: Revision,
  hasMore: v.boolean(),
});

/** One edit: exactly one of a new ciphertext or `deleted: true`, based on the revision the client last saw. */
export const ItemChangeSchema = v.pipe(
  v.strictObject({
    id: Uuid,
    /** 0 for an item the client believes new. */
    baseRevision: Revision,
    ciphertext: v.optional(ItemCiphertext),
    deleted: v.optional(v.literal(true, 'must be true (omit it for an edit)')),
  }),
  v.check(
    (change) => (change.ciphertext === undefined) !== (change.deleted === undefined),
    'must have exactly one of "ciphertext" or "deleted": true',
  ),
);

export const PushRequestSchema = v.strictObject({
  changes: v.pipe(
    v.array(ItemChangeSchema, 'must be an array'),
    v.minLength(1, 'must not be empty'),
    v.maxLength(PUSH_MAX_CHANGES, `must have at most ${PUSH_MAX_CHANGES} changes per batch`),
    // Two edits of one item in one batch would make the outcome depend on their order: refuse.
    v.check((changes) => new Set(changes.map((c) => c.id)).size === changes.length, 'has an item id twice'),
  ),
});

export const PushOutcomeSchema = v.variant('status', [
  v.strictObject({ id: Uuid, status: v.literal('accepted'), revision: int(1) }),
  /** The server's version (null if the item never existed there): the client merges and retries. */
  v.strictObject({ id: Uuid, status: v.literal('conflict'), current: v.nullable(ItemSchema) }),
]);

export const PushResponseSchema = v.strictObject({
  outcomes: v.array(PushOutcomeSchema),
  headRevision: Revision,
});

export type Item = v.InferOutput<typeof ItemSchema>;
export type PullQuery = v.InferOutput<typeof PullQuerySchema>;
export type PullResponse = v.InferOutput<typeof PullResponseSchema>;
export type ItemChange = v.InferOutput<typeof ItemChangeSchema>;
export type PushRequest = v.InferOutput<typeof PushRequestSchema>;
export type PushOutcome = v.InferOutput<typeof PushOutcomeSchema>;
export type PushResponse = v.InferOutput<typeof PushResponseSchema>;
