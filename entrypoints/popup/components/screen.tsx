import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface ScreenProps {
  title: string;
  /** Where focus lands when the screen opens: its heading (default) or its first field marked data-autofocus. */
  focus?: 'heading' | 'field';
  children: ComponentChildren;
}

/**
 * One popup screen: a labelled region with its heading. When a screen opens, focus moves into it so keyboard
 * and screen-reader users start at the top of the new screen rather than on a button that no longer exists.
 */
export function Screen({ title, focus = 'heading', children }: ScreenProps) {
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const field =
      focus === 'field'
        ? section.current?.querySelector<HTMLElement>('[data-autofocus]:not([disabled])')
        : null;
    (field ?? heading.current)?.focus();
    // Only on open: later renders (typing, errors) must not steal focus.
  }, []);
  const id = `screen-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section class="screen" aria-labelledby={id} ref={section}>
      <h1 id={id} tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </section>
  );
}
