interface CopyButtonProps {
  /** What is copied, in lower case: the accessible name is "Copy <what>" ("Copy username"). */
  what: string;
  onCopy: () => void;
  /** Visible text; the accessible name still starts with it (WCAG 2.5.3 label in name). */
  text?: string;
}

/** A small "Copy" button next to a value; the screen's role="status" line says what happened. */
export function CopyButton({ what, onCopy, text = 'Copy' }: CopyButtonProps) {
  return (
    <button type="button" class="button small secondary" aria-label={`${text} ${what}`} onClick={onCopy}>
      {text}
    </button>
  );
}
