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
