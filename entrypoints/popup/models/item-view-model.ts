import { computed, createModel, effect, signal } from '@preact/signals';
import type { RecordDraft, VaultRecord } from '../../../lib/vault/record-types';
import { clipboardFor } from './clipboard-model';
import { viewFields, type TextFieldKey } from './item-fields';
import { readTotp } from './item-totp';
import { createPageFill } from './page-fill';
import type { PopupDeps } from './popup-deps';
import { createTask } from './task';

/** What a reveal toggle or a copy button is about: a text field, a custom field (by id), an old password. */
export type SecretKey = TextFieldKey | `custom:${string}` | `history:${number}`;

/** The words of the delete confirmation (issue 5): the user learns it is gone everywhere, not just here. */
export function deleteQuestion(title: string): string {
  return `Delete “${title}”? It is removed from every device at the next sync.`;
}

/** The record as a draft with `favorite` flipped; every other field is sent back unchanged. */
export function withFavorite(record: VaultRecord, favorite: boolean): RecordDraft {
  // TypeScript cannot correlate `type` and `fields` across the union; both come from the same record here.
  return { id: record.id, type: record.type, fields: { ...record.fields, favorite } } as RecordDraft;
}

/**
 * One record on screen (issue 5): its fields with copy buttons, secrets masked until revealed, the TOTP code
 * with its countdown, favourite, delete (after a confirmation), and for a conflict copy the choice of which
 * version to keep. The record comes from the background (`vault.get`) each time the screen opens.
 */
export const ItemViewModel = createModel((deps: PopupDeps, id: string) => {
  const { app, send } = deps;
  const clipboard = clipboardFor(deps);
  const loading = createTask();
  const task = createTask();
  const record = signal<VaultRecord | null>(null);
  /** The title of the record a conflict copy was made from ('' when it could not be read). */
  const originalTitle = signal('');
  const revealed = signal<ReadonlySet<SecretKey>>(new Set());
  const confirmingDelete = signal(false);
  /** The clock the TOTP code reads; ticks every second while the screen shows a code. */
  const now = signal(deps.now());
  /** "Fill" for a login offered on the tab the popup is over (issue 6). */
  const fill = createPageFill(deps);

  const totp = computed(() => {
    const current = record.value;
    return current?.type === 'login' && current.fields.totp !== ''
      ? readTotp(current.fields.totp, now.value)
      : null;
  });

  // Only a record with a code needs the clock; the interval goes with the screen (the model is disposed).
  effect(() => {
    if (totp.value === null) return;
    const timer = setInterval(() => {
      now.value = deps.now();
    }, 1000);
    return () => clearInterval(timer);
  });

  async function load(): Promise<void> {
    clipboard.forget();
    void fill.start();
    const found = await loading.run('Opening…', () => send('vault.get', { id }), {
      onFailure: app.followFailure,
    });
    if (found === null) return;
    record.value = found;
    if (found.conflict !== null) {
      const original = await send('vault.get', { id: found.conflict.of });
      originalTitle.value = original.ok ? original.value.fields.title : '';
    }
  }

  async function copy(text: string): Promise<void> {
    if (text !== '') await clipboard.copy(text);
  }

  return {
    loading,
    task,
    record,
    originalTitle,
    confirmingDelete,
    /** The secrets shown in clear (read `.value.has(key)` in render: model methods do not subscribe). */
    revealed,
    totp,
    fill,
    /** Whether the record is a login offered on the tab's page: the screen shows "Fill" then. */
    fillable: computed(() => {
      const current = record.value;
      return current?.type === 'login' && fill.offersOnTab({ type: 'login', urls: current.fields.urls });
    }),
    /** The last copy's outcome ("Copied. The clipboard is cleared in 30 s."), for a role="status" line. */
    copyMessage: clipboard.message,
    copyFailed: clipboard.failed,
    /** The type's fields that have a value, in screen order. */
    fields: computed(() => {
      const current = record.value;
      if (current === null) return [];
      const values = current.fields as unknown as Record<string, unknown>;
      return viewFields(current.type).flatMap((spec) => {
        const value = values[spec.key];
        return typeof value === 'string' && value !== '' ? [{ ...spec, value }] : [];
      });
    }),
    load,
    /** Reads the clock again (the interval calls it; tests call it after moving the clock). */
    tick() {
      now.value = deps.now();
    },
    toggleReveal(key: SecretKey) {
      const next = new Set(revealed.value);
      if (!next.delete(key)) next.add(key);
      revealed.value = next;
    },
    copy,
    async copyTotp() {
      const code = totp.value;
      if (code !== null && code.ok) await copy(code.code);
    },
    edit() {
      app.go({ screen: 'item-edit', id });
    },
    back() {
      app.go({ screen: 'home' });
    },
    async toggleFavorite() {
      const current = record.value;
      if (current === null) return;
      const draft = withFavorite(current, !current.fields.favorite);
      const saved = await task.run('Saving…', () => send('vault.save', { draft }), {
        onFailure: app.followFailure,
      });
      if (saved !== null) record.value = saved;
    },
    askDelete() {
      confirmingDelete.value = true;
    },
    cancelDelete() {
      confirmingDelete.value = false;
    },
    async confirmDelete() {
      const done = await task.run('Deleting…', () => send('vault.delete', { id }), {
        onFailure: app.followFailure,
      });
      confirmingDelete.value = false;
      if (done !== null) app.go({ screen: 'home' });
    },
    /** A conflict copy: keep this version (it replaces the original) or the other one (this copy goes). */
    async resolveConflict(keep: 'copy' | 'original') {
      const done = await task.run(
        'Saving your choice…',
        () => send('vault.resolveConflict', { copyId: id, keep }),
        { onFailure: app.followFailure },
      );
      if (done !== null) app.go({ screen: 'home' });
    },
  };
});

export type ItemViewModel = InstanceType<typeof ItemViewModel>;
