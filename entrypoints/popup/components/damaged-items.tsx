import type { DamagedModel, DamagedRow } from '../models/damaged-model';
import type { Task } from '../models/task';
import { useFocusOnMount } from './use-focus-on-mount';

interface DamagedItemsProps {
  model: DamagedModel;
  task: Task;
}

/**
 * "N damaged items" (DESIGN §4, §6): a banner that opens to each damaged record, the background's words on what
 * happened and what to do, and the ways out. Unlike mSecure's "<decryption error>" rows, nothing here asks the
 * user to email support: a good copy on this device can be put back, and a record nobody can read can go.
 */
export function DamagedItems({ model, task }: DamagedItemsProps) {
  const count = model.count.value;
  if (count === 0) return null;
  const expanded = model.expanded.value;
  return (
    <section class="damaged" aria-label="Damaged items">
      <button
        type="button"
        class="damaged-banner"
        aria-expanded={expanded ? 'true' : 'false'}
        aria-controls="damaged-list"
        onClick={model.toggle}
      >
        <span class="warning-mark" aria-hidden="true">
          !
        </span>
        {count} damaged item{count === 1 ? '' : 's'}
      </button>
      {expanded ? (
        <ul id="damaged-list" class="damaged-list">
          {model.rows.value.map((row) => (
            <DamagedEntry key={row.item.id} row={row} model={model} busy={task.busy.value} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function DamagedEntry({ row, model, busy }: { row: DamagedRow; model: DamagedModel; busy: boolean }) {
  const { item, title } = row;
  const titleId = `damaged-${item.id}-title`;
  const confirming = model.confirmingDelete.value === item.id;
  return (
    <li class="damaged-entry">
      <p id={titleId} class="damaged-title">
        {title}
      </p>
      <p class="damaged-message">{item.message}</p>
      {confirming ? (
        <DeleteConfirm row={row} model={model} busy={busy} />
      ) : (
        <div class="actions">
          {item.hasGoodCopy ? (
            <button
              type="button"
              class="button secondary small"
              aria-describedby={titleId}
              aria-disabled={busy ? 'true' : undefined}
              onClick={() => {
                if (!busy) void model.keepThisDeviceCopy(item.id);
              }}
            >
              {/* ASCII apostrophe: the accessible name is what the e2e suite types (issue 5 wording). */}
              Put this device's copy back
            </button>
          ) : null}
          <button
            type="button"
            class="button danger-outline small"
            aria-describedby={titleId}
            onClick={() => model.askDelete(item.id)}
          >
            Delete it everywhere
          </button>
        </div>
      )}
    </li>
  );
}

function DeleteConfirm({ row, model, busy }: { row: DamagedRow; model: DamagedModel; busy: boolean }) {
  const questionId = `damaged-${row.item.id}-confirm`;
  useFocusOnMount(questionId);
  return (
    <div class="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId} tabIndex={-1}>
        <strong>Delete “{row.title}” from every device?</strong> This cannot be undone.
      </p>
      <div class="actions">
        <button
          type="button"
          class="button danger small"
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => {
            if (!busy) void model.confirmDelete();
          }}
        >
          Delete everywhere
        </button>
        <button type="button" class="button link small" onClick={model.cancelDelete}>
          Cancel
        </button>
      </div>
    </div>
  );
}
