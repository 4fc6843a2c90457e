import { computed, createModel, effect, signal, type Signal } from '@preact/signals';
import { luhnValid } from '../../../lib/vault/record-schema';
import type { CustomField, LoginUrl, RecordType, VaultRecord } from '../../../lib/vault/record-types';
import { GeneratorModel } from './generator-model';
import {
  emptyFields,
  firstInOrder,
  ITEM_FIELD_IDS as ID,
  splitTags,
  validateDraft,
  type FieldsBase,
} from './item-draft';
import { editableFields, TYPE_LABELS, type TextFieldKey } from './item-fields';
import { PasswordMeterModel } from './password-meter-model';
import type { PopupDeps } from './popup-deps';
import { createTask } from './task';
import { inputError } from './user-error';

export type EditTarget = { kind: 'new'; type: RecordType } | { kind: 'edit'; id: string };

export const LUHN_WARNING =
  'This card number fails the card check digit (Luhn), so it may have a typo. You can still save it.';

const ALL_TEXT_KEYS = [
  ...new Set(
    (['login', 'card', 'identity', 'note'] as const).flatMap((t) => editableFields(t).map((f) => f.key)),
  ),
];

/**
 * The editor for all four record types, new or existing (issue 5). Every input is a signal that only a
 * successful save leaves, so a refusal never loses what was typed. Save validates with the background's own
 * schema first, shows each problem beside its field and focuses the first one.
 */
export const ItemEditModel = createModel((deps: PopupDeps, target: EditTarget) => {
  const { app, send } = deps;
  const loading = createTask();
  const task = createTask();
  const type = signal<RecordType>(target.kind === 'new' ? target.type : 'login');
  const original = signal<VaultRecord | null>(null);
  const text = Object.fromEntries(ALL_TEXT_KEYS.map((key) => [key, signal('')])) as Record<
    TextFieldKey,
    Signal<string>
  >;
  const urls = signal<LoginUrl[]>([]);
  const tags = signal('');
  const favorite = signal(false);
  const customFields = signal<CustomField[]>([]);
  /** Input id → the schema's message, shown under that input. */
  const fieldErrors = signal<ReadonlyMap<string, string>>(new Map());
  const revealed = signal<ReadonlySet<string>>(new Set());
  const confirmingDiscard = signal(false);
  const meter = new PasswordMeterModel(deps.assess);
  const generator = signal<GeneratorModel | null>(null);
  const initial = signal('');
  // The inline generator is made on demand, outside the factory: dispose it with the editor.
  effect(() => () => generator.peek()?.[Symbol.dispose]());

  function form() {
    const fields: FieldsBase = { ...(original.value?.fields ?? emptyFields(type.value)) };
    for (const spec of editableFields(type.value)) fields[spec.key] = text[spec.key].value;
    if (type.value === 'login') fields.urls = urls.value;
    fields.tags = splitTags(tags.value);
    fields.favorite = favorite.value;
    fields.customFields = customFields.value.filter((field) => field.name !== '' || field.value !== '');
    return fields;
  }

  function fill(fields: FieldsBase): void {
    for (const spec of editableFields(type.value)) {
      const value = fields[spec.key];
      text[spec.key].value = typeof value === 'string' ? value : '';
    }
    urls.value = type.value === 'login' ? [...((fields.urls as LoginUrl[] | undefined) ?? [])] : [];
    if (type.value === 'login' && urls.value.length === 0) urls.value = [{ url: '', match: 'base-domain' }];
    tags.value = ((fields.tags as string[] | undefined) ?? []).join(', ');
    favorite.value = fields.favorite === true;
    customFields.value = [...((fields.customFields as CustomField[] | undefined) ?? [])];
    initial.value = JSON.stringify(form());
  }

  /** A new login made over a web page starts with that page's address and host as title. */
  async function prefillFromTab(): Promise<void> {
    const url = (await deps.activeTab())?.url ?? null;
    if (url === null || !/^https?:/.test(url) || JSON.stringify(form()) !== initial.value) return;
    const parsed = new URL(url);
    urls.value = [{ url: parsed.origin, match: 'base-domain' }];
    text.title.value = parsed.hostname.replace(/^www\./, '');
    initial.value = JSON.stringify(form());
  }

  // A new item's empty form exists from the first render: filled in load() (an effect, after the paint), it
  // wiped what a quick user (or the e2e suite) had already typed into the fields on screen.
  if (target.kind === 'new') fill(emptyFields(target.type));

  async function load(): Promise<void> {
    if (target.kind === 'new') {
      if (target.type === 'login') await prefillFromTab();
      return;
    }
    const found = await loading.run('Opening…', () => send('vault.get', { id: target.id }), {
      onFailure: app.followFailure,
    });
    if (found === null) return;
    type.value = found.type;
    original.value = found;
    fill(found.fields as unknown as FieldsBase);
  }

  function clearError(field: string): void {
    if (!fieldErrors.value.has(field)) return;
    const next = new Map(fieldErrors.value);
    next.delete(field);
    fieldErrors.value = next;
  }

  function setText(key: TextFieldKey, value: string): void {
    text[key].value = value;
    clearError(ID.text(key));
    if (key === 'password') meter.update(value, text.username.value.includes('@') ? text.username.value : '');
  }

  /** The inputs in screen order: the first invalid one gets focus. */
  const order = computed(() =>
    editableFields(type.value).flatMap((spec) => [
      ID.text(spec.key),
      ...(spec.key === 'password' ? urls.value.map((_, i) => ID.url(i)) : []),
      ...(spec.key === 'notes'
        ? [ID.tags, ...customFields.value.flatMap((_, i) => [ID.customName(i), ID.customValue(i)])]
        : []),
    ]),
  );

  function leave(): void {
    app.go(target.kind === 'edit' ? { screen: 'item', id: target.id } : { screen: 'home' });
  }

  return {
    loading,
    task,
    type,
    text,
    urls,
    tags,
    favorite,
    customFields,
    fieldErrors,
    revealed,
    confirmingDiscard,
    meter,
    generator,
    heading: computed(() => {
      if (target.kind === 'edit' && original.value === null) return 'Edit item';
      const what = TYPE_LABELS[type.value].toLowerCase();
      return target.kind === 'new' ? `New ${what}` : `Edit ${what}`;
    }),
    luhnWarning: computed(() =>
      type.value === 'card' && text.number.value.trim() !== '' && !luhnValid(text.number.value)
        ? LUHN_WARNING
        : null,
    ),
    dirty: computed(() => JSON.stringify(form()) !== initial.value),
    load,
    setText,
    toggleReveal(key: string) {
      const next = new Set(revealed.value);
      if (!next.delete(key)) next.add(key);
      revealed.value = next;
    },
    setTags(value: string) {
      tags.value = value;
      clearError(ID.tags);
    },
    addUrl() {
      urls.value = [...urls.value, { url: '', match: 'base-domain' }];
    },
    updateUrl(index: number, change: Partial<LoginUrl>) {
      urls.value = urls.value.map((row, i) => (i === index ? { ...row, ...change } : row));
      clearError(ID.url(index));
    },
    removeUrl(index: number) {
      urls.value = urls.value.filter((_, i) => i !== index);
      fieldErrors.value = new Map();
    },
    addCustomField(kind: CustomField['kind']) {
      customFields.value = [...customFields.value, { id: crypto.randomUUID(), name: '', value: '', kind }];
    },
    updateCustomField(index: number, change: Partial<Omit<CustomField, 'id'>>) {
      customFields.value = customFields.value.map((row, i) => (i === index ? { ...row, ...change } : row));
      clearError(change.value === undefined ? ID.customName(index) : ID.customValue(index));
    },
    removeCustomField(index: number) {
      customFields.value = customFields.value.filter((_, i) => i !== index);
      fieldErrors.value = new Map();
    },
    /** "Generate": the inline generator with the last options; each result goes into the password field. */
    openGenerator() {
      if (generator.value !== null) return generator.value.regenerate();
      revealed.value = new Set([...revealed.value, 'password']);
      generator.value = new GeneratorModel(deps, (value) => setText('password', value));
    },
    closeGenerator() {
      generator.value?.[Symbol.dispose]();
      generator.value = null;
    },
    async save() {
      if (task.busy.value || loading.busy.value) return;
      const input = {
        ...(target.kind === 'edit' ? { id: target.id } : {}),
        type: type.value,
        // The history is sent as it was: the background moves a replaced password into it (applyDraft).
        fields: form(),
      };
      const checked = validateDraft(input);
      if (!checked.ok) {
        const errors = new Map<string, string>();
        for (const problem of checked.problems) {
          if (problem.field !== undefined && !errors.has(problem.field))
            errors.set(problem.field, problem.message);
        }
        fieldErrors.value = errors;
        const first = firstInOrder(checked.problems, order.value);
        if (first !== undefined) {
          task.setError(
            first.field === undefined
              ? { code: 'input', message: first.message }
              : inputError(first.field, first.message),
          );
        }
        return;
      }
      fieldErrors.value = new Map();
      const saved = await task.run('Saving…', () => send('vault.save', { draft: checked.draft }), {
        onFailure: app.followFailure,
      });
      if (saved !== null) app.go({ screen: 'item', id: saved.id });
    },
    /** Cancel: straight back when nothing changed, otherwise ask first. */
    cancel() {
      if (JSON.stringify(form()) === initial.value) leave();
      else confirmingDiscard.value = true;
    },
    keepEditing() {
      confirmingDiscard.value = false;
    },
    discard: leave,
  };
});

export type ItemEditModel = InstanceType<typeof ItemEditModel>;
