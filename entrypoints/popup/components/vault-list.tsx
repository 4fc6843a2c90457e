import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { VaultListItem } from '../../../lib/messaging/protocol';
import type { RecordType } from '../../../lib/vault/record-types';
import { isListKey, moveActive, scrollToReveal, virtualWindow } from '../models/virtual-window';

/** Every row's height in px; fixed so the window is arithmetic (virtual-window.ts). Matches .vault-row in CSS. */
export const ROW_HEIGHT = 48;
/** Rows kept rendered beyond each edge: a flick of the wheel scrolls ~100 px, i.e. two rows, per frame. */
const OVERSCAN = 6;
/** Before the first measurement (ResizeObserver answers after layout): about what the popup leaves the list. */
const VIEWPORT_GUESS = 400;

const TYPE_WORDS: Record<RecordType, { letter: string; word: string }> = {
  login: { letter: 'L', word: 'login' },
  note: { letter: 'N', word: 'secure note' },
  card: { letter: 'C', word: 'card' },
  identity: { letter: 'I', word: 'identity' },
};

interface VaultListProps {
  /** The listbox's id; rows get `${id}-row-${index}` (aria-activedescendant). */
  id: string;
  label: string;
  items: readonly VaultListItem[];
  onOpen: (id: string) => void;
  /** A short list (matches for this site) is at most this many rows tall; otherwise it fills its parent. */
  maxRows?: number;
  /** ArrowUp on the first row leaves the list (back to the search field). */
  onExitTop?: () => void;
  /**
   * When this changes (a new query or category), the list goes back to its top with no active row. A reload
   * of the same view (after "Sync now") keeps the user's place.
   */
  resetKey?: string;
  /**
   * Rows get a "Fill" button (matches for this site, issue 6). It is not a tab stop (the listbox is one, APG);
   * from the keyboard, Ctrl+Enter (⌘+Enter) fills the active row, as Enter opens it.
   */
  onFill?: (id: string) => void;
  /** The id of a text that says how to fill from the keyboard (aria-describedby). */
  describedBy?: string;
}

/** A row's accessible name: it starts with the title (the e2e suite finds rows by it), then what the row shows. */
export function rowName(item: VaultListItem): string {
  const parts = [item.title.trim() === '' ? 'Untitled' : item.title];
  if (item.subtitle !== '') parts.push(item.subtitle);
  parts.push(TYPE_WORDS[item.type].word);
  if (item.favorite) parts.push('favourite');
  if (item.conflict !== null) parts.push('conflict copy');
  if (item.pending) parts.push('not synced yet');
  return parts.join(', ');
}

/**
 * The vault list, virtualised: only the rows in view (plus overscan) are in the DOM, so 10,000 records cost
 * ~20 elements. WAI-ARIA APG listbox with aria-activedescendant: focus stays on the list while ArrowUp/Down,
 * PageUp/Down, Home/End move the active row (scrolled into view, so it is always rendered), Enter or a click
 * opens it. Each option carries aria-setsize/aria-posinset, so assistive tech announces "12 of 10,000".
 */
export function VaultList(props: VaultListProps) {
  const { id, label, items, onOpen, maxRows, onExitTop, resetKey, onFill, describedBy } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(
    maxRows === undefined ? VIEWPORT_GUESS : Math.min(items.length, maxRows) * ROW_HEIGHT,
  );
  const [active, setActive] = useState(-1);

  // A new result set starts at its top with nothing active (the old index would point at another record).
  useEffect(() => {
    setActive(-1);
    setScrollTop(0);
    if (scroller.current !== null) scroller.current.scrollTop = 0;
  }, [resetKey]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    const measure = () => setViewport(element.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const range = virtualWindow({
    scrollTop,
    viewportHeight: viewport,
    rowHeight: ROW_HEIGHT,
    count: items.length,
    overscan: OVERSCAN,
  });

  function activate(index: number): void {
    setActive(index);
    const element = scroller.current;
    if (element === null || index < 0) return;
    const next = scrollToReveal(index, element.scrollTop, element.clientHeight, ROW_HEIGHT);
    if (next !== element.scrollTop) element.scrollTop = next;
  }

  function onKeyDown(event: KeyboardEvent): void {
    const current = active < items.length ? active : -1;
    if (event.key === 'Enter') {
      const item = items[current];
      if (item === undefined) return;
      event.preventDefault();
      if (onFill !== undefined && (event.ctrlKey || event.metaKey)) onFill(item.id);
      else onOpen(item.id);
      return;
    }
    if (!isListKey(event.key)) return;
    event.preventDefault();
    if (event.key === 'ArrowUp' && current <= 0 && onExitTop !== undefined) {
      onExitTop();
      return;
    }
    activate(moveActive(event.key, current, items.length, viewport / ROW_HEIGHT));
  }

  const rows: JSX.Element[] = [];
  for (let index = range.first; index < range.end; index++) {
    const item = items[index];
    if (item === undefined) break;
    rows.push(
      <VaultRow
        key={item.id}
        id={`${id}-row-${index}`}
        item={item}
        index={index}
        count={items.length}
        active={index === active}
        onOpen={onOpen}
        onFill={onFill}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      id={id}
      class={`vault-list${maxRows === undefined ? ' fill' : ''}`}
      role="listbox"
      aria-label={label}
      aria-describedby={describedBy}
      aria-keyshortcuts={onFill === undefined ? undefined : 'Control+Enter Meta+Enter'}
      tabIndex={0}
      aria-activedescendant={active >= 0 && active < items.length ? `${id}-row-${active}` : undefined}
      // Lengths as strings: Preact 11 no longer appends "px" to numbers. +2: the list's 1 px borders.
      style={
        maxRows === undefined
          ? undefined
          : { height: `${Math.min(items.length, maxRows) * ROW_HEIGHT + 2}px` }
      }
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (active < 0 && items.length > 0) activate(0);
      }}
    >
      <div
        class="vault-list-spacer"
        role="none"
        aria-hidden="true"
        style={{ height: `${range.totalHeight}px` }}
      />
      {rows}
    </div>
  );
}

interface VaultRowProps {
  id: string;
  item: VaultListItem;
  index: number;
  count: number;
  active: boolean;
  onOpen: (id: string) => void;
  onFill?: ((id: string) => void) | undefined;
}

function VaultRow({ id, item, index, count, active, onOpen, onFill }: VaultRowProps) {
  const type = TYPE_WORDS[item.type];
  return (
    <div
      id={id}
      role="option"
      class="vault-row"
      aria-selected={active ? 'true' : 'false'}
      aria-setsize={count}
      aria-posinset={index + 1}
      aria-label={rowName(item)}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      onClick={() => onOpen(item.id)}
    >
      <span class={`type-badge ${item.type}`} aria-hidden="true">
        {type.letter}
      </span>
      <span class="row-text" aria-hidden="true">
        <span class="row-title">{item.title.trim() === '' ? 'Untitled' : item.title}</span>
        <span class="row-subtitle">{item.subtitle}</span>
      </span>
      <span class="row-marks" aria-hidden="true">
        {item.conflict !== null ? <span class="badge conflict">Conflict</span> : null}
        {item.pending ? <span class="pending-dot" title="Not synced yet" /> : null}
        {item.favorite ? <span class="star">★</span> : null}
      </span>
      {onFill === undefined ? null : (
        <button
          type="button"
          class="button secondary small row-fill"
          tabIndex={-1}
          aria-label={`Fill ${item.title.trim() === '' ? 'Untitled' : item.title}`}
          onClick={(event) => {
            // The row's own click opens the item; this one fills instead.
            event.stopPropagation();
            onFill(item.id);
          }}
        >
          Fill
        </button>
      )}
    </div>
  );
}
