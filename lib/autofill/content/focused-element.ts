/**
 * Where the keyboard focus is, through open shadow roots: document.activeElement stops at a shadow host, and
 * login fields of web-component sites (Reddit's faceplate inputs) live inside one.
 */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether `field` has the focus in its own tree (document or shadow root). */
export function isFocused(field: Element): boolean {
  return (field.getRootNode() as Document | ShadowRoot).activeElement === field;
}

/**
 * The element an event really happened on: the input itself when it sits in an open shadow root (a document
 * listener sees its host as `event.target`). composedPath() builds the whole path, so it is only asked for
 * when the target is such a host: the listeners that see every keystroke stay O(1).
 */
export function eventOrigin(event: Event): EventTarget | null {
  const target = event.target;
  return target instanceof Element && target.shadowRoot ? (event.composedPath()[0] ?? null) : target;
}
