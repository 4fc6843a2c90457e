import { openFrameHost, type FrameHost } from '../frame-host';
import type { LoginForm } from '../login-form';
import { deepActiveElement, isFocused } from './focused-element';

/**
 * The one inline menu of this frame (lib/autofill/frame-host.ts draws it and guards it against clickjacking):
 * which field and form it belongs to, and when it goes away. ArrowDown in the field moves the focus into it,
 * Escape closes it; it closes when the field loses the focus to anything but the menu (after a short delay,
 * since focus passes through the page on its way into our iframe), when the field scrolls out of view, on a
 * fill, and when the script's signal aborts. A field the user dismissed the menu on (Escape, or Escape inside
 * the menu, which gives the focus back) does not get it again until it is left and focused again.
 */
export interface MenuSession {
  field: HTMLInputElement;
  form: LoginForm;
  host: FrameHost;
}

export interface InlineMenu {
  open(field: HTMLInputElement, form: LoginForm, menuId: string): void;
  current(): MenuSession | null;
  /** Whether a focus on this field may open the menu (not open there already, not dismissed there). */
  mayOpenFor(field: HTMLInputElement): boolean;
  /**
   * Runs a fill: its .focus() calls are trusted focus events, which must not open a menu over what was just
   * filled; the field it leaves focused counts as dismissed until the user leaves it.
   */
  quietly<T>(fill: () => T): T;
  close(): void;
}

/** How long a blur may last before the menu closes: the focus crossing into our iframe blurs the field first. */
const BLUR_GRACE_MS = 150;

export function createInlineMenu(signal: AbortSignal, extensionUrl: (path: string) => string): InlineMenu {
  let session: MenuSession | null = null;
  let dismissed: HTMLInputElement | null = null;
  let filling = false;

  const dismiss = (field: HTMLInputElement): void => {
    dismissed = field;
    // Leaving the field ends the dismissal: the next real focus opens the menu again.
    field.addEventListener('focusout', () => dismissed === field && (dismissed = null), {
      once: true,
      signal,
    });
  };

  const open = (field: HTMLInputElement, form: LoginForm, menuId: string): void => {
    session?.host.close('replaced');
    const own = new AbortController();
    let closed = false;
    const menuSignal = AbortSignal.any([signal, own.signal]);
    const host = openFrameHost({
      page: 'inline-menu.html',
      sessionId: menuId,
      anchor: field,
      signal: menuSignal,
      extensionUrl,
      onClose(_reason, refocus) {
        closed = true;
        own.abort();
        if (session?.host === host) session = null;
        if (refocus && !signal.aborted) {
          dismiss(field);
          field.focus();
        }
      },
    });
    // The host element frame-host.ts just appended to <html> (synchronously, so no page script ran in between):
    // while the menu iframe has the focus, the page's activeElement is that element.
    const hostElement = document.documentElement.lastElementChild;
    if (closed) return;
    session = { field, form, host };

    const on = { capture: true, signal: menuSignal };
    field.addEventListener(
      'keydown',
      (event) => {
        if (!event.isTrusted) return;
        if (event.key === 'ArrowDown') {
          event.preventDefault();
          host.focus();
        } else if (event.key === 'Escape') {
          dismiss(field);
          host.close('closed');
        }
      },
      on,
    );
    let timer = 0;
    const checkFocus = (): void => {
      clearTimeout(timer);
      timer = window.setTimeout(() => {
        const active = document.activeElement;
        if (!isFocused(field) && active !== hostElement) host.close('closed');
      }, BLUR_GRACE_MS);
    };
    menuSignal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    field.addEventListener('focusout', checkFocus, on);
    document.addEventListener('focusin', checkFocus, on);
    window.addEventListener(
      'scroll',
      () => {
        const box = field.getBoundingClientRect();
        if (box.bottom < 0 || box.top > innerHeight || box.right < 0 || box.left > innerWidth)
          host.close('closed');
      },
      { ...on, passive: true },
    );
  };

  return {
    open,
    current: () => session,
    mayOpenFor: (field) => !filling && field !== dismissed && session?.field !== field,
    quietly(fill) {
      session?.host.close('closed');
      filling = true;
      try {
        return fill();
      } finally {
        filling = false;
        const active = deepActiveElement();
        if (active instanceof HTMLInputElement) dismiss(active);
      }
    },
    close: () => session?.host.close('closed'),
  };
}
