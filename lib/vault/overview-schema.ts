import * as v from 'valibot';
import { Uuid } from '../api/fields';
import { IsoDate, LIMITS } from './record-fields';
import { RECORD_TYPES, URL_MATCH_MODES } from './record-types';

/**
 * The overview half of a record box as sealed by record-crypto.ts: RecordOverview without its id (the id is
 * the box's place, bound by the associated data) plus the schemaVersion. Checked on every unlock for every
 * record, so it only bounds and shapes the values: the normalising rules ran when the record was sealed.
 */
export const OverviewSchema = v.strictObject({
  schemaVersion: v.literal(1),
  type: v.picklist(RECORD_TYPES),
  title: v.pipe(v.string(), v.maxLength(LIMITS.titleChars)),
  // An identity's "First Last" can reach two short fields and a space.
  subtitle: v.pipe(v.string(), v.maxLength(2 * LIMITS.shortChars + 1)),
  urls: v.pipe(
    v.array(
      v.strictObject({
        url: v.pipe(v.string(), v.maxLength(LIMITS.urlChars)),
        match: v.picklist(URL_MATCH_MODES),
      }),
    ),
    v.maxLength(LIMITS.urls),
  ),
  tags: v.pipe(v.array(v.pipe(v.string(), v.maxLength(LIMITS.tagChars))), v.maxLength(LIMITS.tags)),
  favorite: v.boolean(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  conflict: v.nullable(v.strictObject({ of: Uuid, at: IsoDate })),
});

export type StoredOverview = v.InferOutput<typeof OverviewSchema>;
