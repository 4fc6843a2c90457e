import type { HomeModel } from '../models/home-model';
import type { Category } from '../models/vault-search';

const CHIPS: readonly { category: Category; label: string }[] = [
  { category: 'all', label: 'All' },
  { category: 'favorites', label: 'Favorites' },
  { category: 'login', label: 'Logins' },
  { category: 'note', label: 'Notes' },
  { category: 'card', label: 'Cards' },
  { category: 'identity', label: 'Identities' },
];

/**
 * The categories as toggle buttons (aria-pressed, one pressed at a time), "Conflicts" only while there are
 * conflict copies, and the tags in a select: a vault can hold many tags, a row of chips cannot.
 */
export function CategoryChips({ model }: { model: HomeModel }) {
  const current = model.category.value;
  const counts = model.counts.value;
  const tags = model.tags.value;
  const chips =
    counts !== null && counts.conflicts > 0
      ? [...CHIPS, { category: 'conflicts' as const, label: 'Conflicts' }]
      : CHIPS;
  return (
    <div class="categories" role="group" aria-label="Categories">
      {chips.map(({ category, label }) => (
        <button
          key={category}
          type="button"
          class="chip"
          aria-pressed={current === category ? 'true' : 'false'}
          onClick={() => model.choose(category)}
        >
          {label}
        </button>
      ))}
      {tags.length > 0 ? (
        <select
          class="tag-filter"
          aria-label="Tag"
          value={current.startsWith('tag:') ? current : ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            model.choose(value === '' ? 'all' : (value as Category));
          }}
        >
          <option value="">Any tag</option>
          {tags.map((tag) => (
            <option key={tag} value={`tag:${tag}`}>
              {tag}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
}
