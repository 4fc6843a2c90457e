interface RevealButtonProps {
  /** What is masked, in lower case: "Show password" / "Hide password". */
  what: string;
  shown: boolean;
  onToggle: () => void;
  /** The element the button shows or hides (aria-controls). */
  controls?: string;
}

/**
 * Shows or hides a masked secret. The name says what the next press does ("Show password"), so it carries no
 * aria-pressed as well: a toggle whose name changes and that is also "pressed" reads twice.
 */
export function RevealButton({ what, shown, onToggle, controls }: RevealButtonProps) {
  return (
    <button type="button" class="button small secondary" aria-controls={controls} onClick={onToggle}>
      {shown ? `Hide ${what}` : `Show ${what}`}
    </button>
  );
}
