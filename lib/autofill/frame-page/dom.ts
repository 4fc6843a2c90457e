/**
 * A tiny element builder for the framed pages (kept vanilla: they load inside every page that shows them).
 * Text goes in as text nodes only, never as HTML: titles and usernames are whatever the user (or a page,
 * through the save prompt) put there.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** The action button API where the browser has it (Chrome ≥ 127, Firefox), else false: the user clicks it. */
export async function openExtensionPopup(
  action: { openPopup?: () => Promise<void> } | undefined,
): Promise<boolean> {
  try {
    if (!action?.openPopup) return false;
    await action.openPopup();
    return true;
  } catch {
    return false;
  }
}
