import type { ComponentChildren } from 'preact';

interface BusyButtonProps {
  children: ComponentChildren;
  onClick?: () => void;
  type?: 'button' | 'submit';
  /**
   * Running: marked aria-disabled and aria-busy, with a spinner, and clicks are ignored. Not the `disabled`
   * attribute: that would drop keyboard focus to the page while the user waits. The name stays the same.
   */
  busy?: boolean;
  /** Something else on the screen is running: unavailable like `busy`, without the spinner. */
  blocked?: boolean;
  disabled?: boolean;
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  id?: string;
}

export function BusyButton(props: BusyButtonProps) {
  const { children, onClick, type = 'button', busy = false, blocked = false, disabled, variant, id } = props;
  const unavailable = busy || blocked;
  return (
    <button
      id={id}
      type={type}
      class={`button ${variant ?? 'secondary'}`}
      disabled={disabled}
      aria-disabled={unavailable ? 'true' : undefined}
      aria-busy={busy ? 'true' : undefined}
      onClick={(event) => {
        if (unavailable) {
          event.preventDefault();
          return;
        }
        onClick?.();
      }}
    >
      {busy ? <span class="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
