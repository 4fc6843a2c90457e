import { useEffect } from 'preact/hooks';

/**
 * For a step that replaces part of a screen in place (password step, result): the control that had focus is
 * gone, so focus moves to the step's first field or to a heading instead of falling back to the page.
 */
export function useFocusOnMount(id: string): void {
  useEffect(() => {
    document.getElementById(id)?.focus();
  }, [id]);
}
