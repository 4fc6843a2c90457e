import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { VaultRecord } from '../../../lib/vault/record-types';
import { BusyButton } from '../components/busy-button';
import { CopyButton } from '../components/copy-button';
import { formatDate } from '../components/format-date';
import { ItemDetails } from '../components/item-details';
import { MessageArea } from '../components/message-area';
import { Notice } from '../components/notice';
import { Screen } from '../components/screen';
import { SecretField } from '../components/secret-field';
import { TotpCode } from '../components/totp-code';
import { URL_MATCH_LABELS } from '../components/url-list-editor';
import { useFocusOnMount } from '../components/use-focus-on-mount';
import { groupCardNumber, TYPE_LABELS } from '../models/item-fields';
import { deleteQuestion, ItemViewModel } from '../models/item-view-model';
import type { PopupDeps } from '../models/popup-deps';

/** One record: its fields with copy buttons, reveal toggles, the TOTP code, and what can be done with it. */
export function ItemView({ deps, id }: { deps: PopupDeps; id: string }) {
  const model = useModel(() => new ItemViewModel(deps, id));
  useEffect(() => void model.load(), [model]);
  const record = model.record.value;
  return (
    <Screen title={record?.fields.title ?? 'Item'}>
      {record === null ? (
        <MessageArea error={model.loading.error} progress={model.loading.progress} />
      ) : (
        <ItemBody model={model} record={record} />
      )}
      <div class="actions">
        <button type="button" class="button link" onClick={model.back}>
          Back
        </button>
      </div>
    </Screen>
  );
}

function ItemBody({ model, record }: { model: ItemViewModel; record: VaultRecord }) {
  const { task, fill } = model;
  const busy = task.busy.value;
  const revealed = model.revealed.value;
  const totp = model.totp.value;
  return (
    <>
      {record.conflict !== null ? <ConflictBanner model={model} at={record.conflict.at} busy={busy} /> : null}
      <p class="item-kind">{TYPE_LABELS[record.type]}</p>
      <dl class="item-fields">
        {model.fields.value.map((field) => (
          <SecretField
            key={field.key}
            id={`view-${field.key}`}
            label={field.label}
            value={field.value}
            secret={field.secret === true}
            shown={revealed.has(field.key)}
            onToggle={() => model.toggleReveal(field.key)}
            onCopy={() => void model.copy(field.value)}
            {...(field.key === 'number' ? { format: groupCardNumber } : {})}
          />
        ))}
        {totp !== null ? <TotpCode reading={totp} onCopy={() => void model.copyTotp()} /> : null}
        {record.fields.customFields.map((field) => (
          <SecretField
            key={field.id}
            id={`view-custom-${field.id}`}
            label={field.name === '' ? 'Unnamed field' : field.name}
            value={field.value}
            secret={field.kind === 'hidden'}
            shown={revealed.has(`custom:${field.id}`)}
            onToggle={() => model.toggleReveal(`custom:${field.id}`)}
            onCopy={() => void model.copy(field.value)}
          />
        ))}
      </dl>
      {record.type === 'login' && record.fields.urls.length > 0 ? (
        <section aria-labelledby="item-urls-heading">
          <h2 id="item-urls-heading">Websites</h2>
          <ul class="item-urls">
            {record.fields.urls.map((url, index) => (
              <li key={index}>
                <a href={url.url} target="_blank" rel="noopener noreferrer">
                  {url.url}
                </a>
                <span class="description"> · {URL_MATCH_LABELS[url.match].replace(' (default)', '')}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {record.fields.notes !== '' ? (
        <section aria-labelledby="item-notes-heading">
          <h2 id="item-notes-heading">Notes</h2>
          <p class="item-notes">{record.fields.notes}</p>
          <CopyButton what="notes" onCopy={() => void model.copy(record.fields.notes)} />
        </section>
      ) : null}
      <ItemDetails model={model} record={record} />
      <Notice text={model.copyMessage.value} tone={model.copyFailed.value ? 'warning' : 'success'} />
      <MessageArea error={task.error} progress={task.progress} />
      {/* Shown on a failed fill only: the button carries the progress, and the task's area is reserved above. */}
      {model.fillable.value && fill.task.error.value !== null ? (
        <MessageArea error={fill.task.error} />
      ) : null}
      <div class="actions">
        {model.fillable.value ? (
          <BusyButton onClick={() => void fill.fill(record.id)} busy={fill.task.busy.value} variant="primary">
            Fill
          </BusyButton>
        ) : null}
        <button
          type="button"
          class={`button ${model.fillable.value ? 'secondary' : 'primary'}`}
          onClick={model.edit}
        >
          Edit
        </button>
        <button
          type="button"
          class="button secondary"
          aria-pressed={record.fields.favorite ? 'true' : 'false'}
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => {
            if (!busy) void model.toggleFavorite();
          }}
        >
          <span aria-hidden="true">{record.fields.favorite ? '★' : '☆'}</span>
          Favorite
        </button>
        <button type="button" class="button danger-outline push-end" onClick={model.askDelete}>
          Delete
        </button>
      </div>
      {model.confirmingDelete.value ? (
        <DeleteConfirm model={model} title={record.fields.title} busy={busy} />
      ) : null}
    </>
  );
}

function ConflictBanner({ model, at, busy }: { model: ItemViewModel; at: string; busy: boolean }) {
  const original = model.originalTitle.value;
  return (
    <div class="conflict-banner" role="group" aria-labelledby="conflict-text">
      <p id="conflict-text">
        This is a conflicting copy of {original === '' ? 'another item' : `“${original}”`} made on{' '}
        {formatDate(at)}: both devices changed the same field.
      </p>
      <div class="actions">
        <BusyButton onClick={() => void model.resolveConflict('copy')} blocked={busy} variant="primary">
          Keep this version
        </BusyButton>
        <BusyButton onClick={() => void model.resolveConflict('original')} blocked={busy}>
          Keep the other version
        </BusyButton>
      </div>
    </div>
  );
}

function DeleteConfirm({ model, title, busy }: { model: ItemViewModel; title: string; busy: boolean }) {
  useFocusOnMount('delete-question');
  return (
    <div class="confirm" role="group" aria-labelledby="delete-question">
      <p id="delete-question" tabIndex={-1}>
        <strong>{deleteQuestion(title)}</strong>
      </p>
      <div class="actions">
        <BusyButton onClick={() => void model.confirmDelete()} busy={busy} variant="danger">
          Yes, delete
        </BusyButton>
        <button type="button" class="button link" onClick={model.cancelDelete}>
          Keep it
        </button>
      </div>
    </div>
  );
}
