import type { FillCandidate } from '../../lib/messaging/protocol';
import { el } from '../../lib/autofill/frame-page/dom';

/**
 * The logins as a listbox (WAI-ARIA APG "Listbox" pattern): each option is focusable in turn (roving focus),
 * ArrowUp/ArrowDown/Home/End move, Enter or a click chooses. `choose` gets the event so the caller can check it
 * was a trusted, settled one (click-guard.ts).
 */
export function renderList(
  site: string,
  candidates: FillCandidate[],
  choose: (id: string, event: Event) => void,
): HTMLElement {
  const options = candidates.map((candidate, index) =>
    el(
      'li',
      { role: 'option', id: `login-${index}`, tabindex: index === 0 ? '0' : '-1' },
      el('span', { class: 'title' }, candidate.title || site),
      el('span', { class: 'username' }, candidate.username || '(no username)'),
    ),
  );
  const list = el('ul', { role: 'listbox', 'aria-label': `Logins for ${site}` }, ...options);
  const move = (to: number): void => {
    const next = options[Math.max(0, Math.min(options.length - 1, to))];
    if (!next) return;
    for (const option of options) {
      option.tabIndex = option === next ? 0 : -1;
      option.setAttribute('aria-selected', String(option === next));
    }
    next.focus();
  };
  list.addEventListener('keydown', (event) => {
    const at = options.findIndex((option) => option === document.activeElement);
    const target = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: options.length - 1 }[event.key];
    if (target !== undefined) {
      event.preventDefault();
      move(target);
    } else if (event.key === 'Enter' && at >= 0) {
      event.preventDefault();
      const candidate = candidates[at];
      if (candidate) choose(candidate.id, event);
    }
  });
  options.forEach((option, index) => {
    option.addEventListener('click', (event) => {
      const candidate = candidates[index];
      if (candidate) choose(candidate.id, event);
    });
    option.addEventListener('focus', () => move(index));
  });
  return list;
}

/** Focuses the first option (the content script moved the focus into the frame: ArrowDown in the field). */
export function focusFirst(root: HTMLElement): void {
  root.querySelector<HTMLElement>('[role=option][tabindex="0"], button')?.focus();
}
