import type { VaultRecord } from '../../../lib/vault/record-types';
import type { ItemViewModel } from '../models/item-view-model';
import { formatDate } from './format-date';
import { SecretField } from './secret-field';

/** The quieter part of the item view: tags, the password history (collapsed) and the dates. */
export function ItemDetails({ model, record }: { model: ItemViewModel; record: VaultRecord }) {
  const history = record.type === 'login' ? record.fields.passwordHistory : [];
  const revealed = model.revealed.value;
  return (
    <>
      {record.fields.tags.length > 0 ? (
        <ul class="item-tags" aria-label="Tags">
          {record.fields.tags.map((tag) => (
            <li key={tag} class="badge">
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
      {history.length > 0 ? (
        <details class="item-history">
          <summary>Password history ({history.length})</summary>
          <dl class="item-fields">
            {history.map((entry, index) => (
              <SecretField
                key={index}
                id={`view-history-${index}`}
                label={`Password replaced ${formatDate(entry.replacedAt)}`}
                value={entry.password}
                secret
                shown={revealed.has(`history:${index}`)}
                onToggle={() => model.toggleReveal(`history:${index}`)}
                onCopy={() => void model.copy(entry.password)}
              />
            ))}
          </dl>
        </details>
      ) : null}
      <p class="item-dates description">
        Created {formatDate(record.createdAt)} · Updated {formatDate(record.updatedAt)}
      </p>
    </>
  );
}
