import { URL_MATCH_MODES, type LoginUrl, type UrlMatch } from '../../../lib/vault/record-types';
import { ITEM_FIELD_IDS as ID } from '../models/item-draft';

/** The match modes in words (DESIGN §5); the default first. */
export const URL_MATCH_LABELS: Record<UrlMatch, string> = {
  'base-domain': 'Base domain (default)',
  host: 'Host and port',
  exact: 'Exact',
  never: 'Never',
};

interface UrlListEditorProps {
  urls: readonly LoginUrl[];
  errors: ReadonlyMap<string, string>;
  onChange: (index: number, change: Partial<LoginUrl>) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
}

/** A login's web addresses, each with how it matches pages; rows are added and removed in place. */
export function UrlListEditor({ urls, errors, onChange, onAdd, onRemove }: UrlListEditorProps) {
  return (
    <fieldset class="url-list">
      <legend>Websites</legend>
      {urls.map((row, index) => {
        const n = index + 1;
        const error = errors.get(ID.url(index));
        return (
          <div class="url-row" key={index}>
            <label for={ID.url(index)} class="visually-hidden">{`URL ${n}`}</label>
            <input
              id={ID.url(index)}
              type="url"
              value={row.url}
              placeholder="https://example.com"
              inputMode="url"
              autoComplete="off"
              spellcheck={false}
              aria-invalid={error === undefined ? undefined : 'true'}
              aria-describedby={error === undefined ? undefined : `${ID.url(index)}-error`}
              onInput={(event) => onChange(index, { url: event.currentTarget.value })}
            />
            <label for={ID.urlMatch(index)} class="visually-hidden">{`Match for URL ${n}`}</label>
            <select
              id={ID.urlMatch(index)}
              value={row.match}
              onChange={(event) => {
                const match = URL_MATCH_MODES.find((mode) => mode === event.currentTarget.value);
                if (match !== undefined) onChange(index, { match });
              }}
            >
              {URL_MATCH_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {URL_MATCH_LABELS[mode]}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="button small link"
              aria-label={`Remove URL ${n}`}
              onClick={() => onRemove(index)}
            >
              Remove
            </button>
            {error !== undefined ? (
              <p id={`${ID.url(index)}-error`} class="field-error">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <button type="button" class="button small secondary" onClick={onAdd}>
        Add URL
      </button>
    </fieldset>
  );
}
