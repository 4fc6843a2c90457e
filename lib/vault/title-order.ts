/**
 * The vault list's order: titles as people read them (case- and accent-insensitive, numbers by value:
 * "Site 2" before "Site 10"), ties by id so the order is total. The background answers `vault.list` in this
 * order and the popup sorts with it again (cheap on sorted input): one comparator, so the two agree.
 */
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function compareTitles(a: { title: string; id: string }, b: { title: string; id: string }): number {
  return collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export const compareText = collator.compare;
