import * as v from 'valibot';
import { RecordDraftSchema } from '../../../lib/vault/record-schema';
import { LIMITS, normalizeWebUrl } from '../../../lib/vault/record-fields';
import type { RecordDraft, RecordType } from '../../../lib/vault/record-types';
import { editableFields, type TextFieldKey } from './item-fields';

/**
 * The editor's form as plain data, and the way from it to a draft the background accepts: the same valibot
 * schema the background runs (lib/vault/record-schema.ts), so the popup can point at the field at fault
 * before sending anything. The background validates again; it trusts no page.
 */

/** Input ids: errors name them, the Form focuses them. */
export const ITEM_FIELD_IDS = {
  text: (key: TextFieldKey) => `item-${key}`,
  url: (index: number) => `item-url-${index}`,
  urlMatch: (index: number) => `item-url-${index}-match`,
  customName: (index: number) => `item-custom-${index}-name`,
  customValue: (index: number) => `item-custom-${index}-value`,
  tags: 'item-tags',
} as const;

/** Fields the editor's text inputs do not cover, kept as they were (e.g. the password history's dates). */
export type FieldsBase = Record<string, unknown>;

/** Every type's fields, empty: the starting point of a new record. */
export function emptyFields(type: RecordType): FieldsBase {
  const fields: FieldsBase = { tags: [], favorite: false, customFields: [] };
  for (const spec of editableFields(type)) fields[spec.key] = '';
  if (type === 'login') {
    fields.urls = [];
    fields.passwordHistory = [];
  }
  return fields;
}

/** "work, banking , ,travel" → ["work", "banking", "travel"] (the schema trims and removes duplicates). */
export function splitTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

export interface FieldProblem {
  field: string | undefined;
  message: string;
}

/**
 * Checks the popup makes per row before the schema, because the schema reports a bad URL on the list as a
 * whole and the user needs to land on the row at fault.
 */
export function urlProblems(urls: readonly { url: string }[]): FieldProblem[] {
  return urls.flatMap(({ url }, index) => {
    if (url.trim() === '') return [];
    const n = index + 1;
    if (url.length > LIMITS.urlChars) {
      return [
        {
          field: ITEM_FIELD_IDS.url(index),
          message: `URL ${n} is too long (max ${LIMITS.urlChars} characters)`,
        },
      ];
    }
    return normalizeWebUrl(url) === null
      ? [
          {
            field: ITEM_FIELD_IDS.url(index),
            message: `URL ${n} is not a web address, like https://example.com`,
          },
        ]
      : [];
  });
}

/** Which input a schema issue is about, from its path ("fields.customFields.2.name" → item-custom-2-name). */
export function fieldForIssue(path: string | null): string | undefined {
  if (path === null) return undefined;
  const [root, key, index, part] = path.split('.');
  if (root !== 'fields' || key === undefined) return undefined;
  if (key === 'urls') return ITEM_FIELD_IDS.url(index === undefined ? 0 : Number(index));
  if (key === 'tags') return ITEM_FIELD_IDS.tags;
  if (key === 'customFields') {
    const row = index === undefined ? 0 : Number(index);
    return part === 'value' ? ITEM_FIELD_IDS.customValue(row) : ITEM_FIELD_IDS.customName(row);
  }
  return ITEM_FIELD_IDS.text(key as TextFieldKey);
}

export type DraftResult = { ok: true; draft: RecordDraft } | { ok: false; problems: FieldProblem[] };

/** The draft as the background will store it (trimmed, URLs with their scheme, card digits only), or why not. */
export function validateDraft(input: { id?: string; type: RecordType; fields: FieldsBase }): DraftResult {
  const early =
    input.type === 'login' ? urlProblems((input.fields.urls as { url: string }[] | undefined) ?? []) : [];
  const parsed = v.safeParse(RecordDraftSchema, input);
  if (parsed.success && early.length === 0) return { ok: true, draft: parsed.output };
  const issues = parsed.success ? [] : parsed.issues;
  const problems = [
    ...early,
    ...issues
      .map((issue) => ({
        field: fieldForIssue(v.getDotPath(issue)),
        // valibot appends "but received …" to some messages: never echo a value (it may be a password).
        message: issue.message.replace(/:? ?[Bb]ut received .*$/, ''),
      }))
      // A bad URL row is reported once, by the row check above.
      .filter((problem) => !(early.length > 0 && problem.field?.startsWith('item-url-'))),
  ];
  return { ok: false, problems };
}

/** The first problem in the order the inputs appear on screen (focus goes there). */
export function firstInOrder(
  problems: readonly FieldProblem[],
  order: readonly string[],
): FieldProblem | undefined {
  const rank = (problem: FieldProblem) => {
    const at = problem.field === undefined ? -1 : order.indexOf(problem.field);
    return at < 0 ? order.length : at;
  };
  return [...problems].sort((a, b) => rank(a) - rank(b))[0];
}
