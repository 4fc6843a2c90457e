import { useRef } from 'preact/hooks';

interface FileButtonProps {
  /** The visible button's name ("Upload image"). */
  label: string;
  /** The file input's accessible name ("QR code image"): tests and assistive tech can reach it directly. */
  inputLabel: string;
  accept: string;
  onFile: (file: File) => void;
  /** Something is running: the button is unavailable (aria-disabled, so focus stays on it). */
  blocked?: boolean;
  id?: string;
}

/**
 * A button that opens the file picker through a visually hidden <input type="file">. The input stays in the
 * accessibility tree (named, out of the tab order) so nothing depends on a styled native control.
 */
export function FileButton({ label, inputLabel, accept, onFile, blocked = false, id }: FileButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        id={id}
        class="button secondary file-button"
        aria-disabled={blocked ? 'true' : undefined}
        onClick={() => {
          if (!blocked) input.current?.click();
        }}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        class="visually-hidden"
        aria-label={inputLabel}
        accept={accept}
        tabIndex={-1}
        onChange={(event) => {
          const picked = event.currentTarget.files?.[0];
          // Cleared so that picking the same file again (after fixing the password, say) fires again.
          event.currentTarget.value = '';
          if (picked !== undefined) onFile(picked);
        }}
      />
    </>
  );
}
