/**
 * Loads an HTML page into a same-origin iframe (srcdoc) of the vitest browser page, so detection runs on a real
 * document with real layout, declarative shadow DOM and the page's own scripts. Used by the detect-* tests.
 */
export async function loadPage(
  html: string,
  width = 1024,
  height = 768,
): Promise<{ doc: Document; remove: () => void }> {
  const frame = document.createElement('iframe');
  frame.style.width = `${width}px`;
  frame.style.height = `${height}px`;
  const loaded = new Promise<void>((resolve) =>
    frame.addEventListener('load', () => resolve(), { once: true }),
  );
  frame.srcdoc = html;
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument;
  if (!doc) throw new Error('fixture frame has no document');
  return { doc, remove: () => frame.remove() };
}

/** `a >>> b`: `b` inside the open shadow root of `a` (chainable); plain selectors otherwise. */
export function pierce(doc: Document, selector: string): HTMLInputElement {
  let scope: Document | ShadowRoot = doc;
  let found: Element | null = null;
  for (const part of selector.split('>>>')) {
    found = scope.querySelector(part.trim());
    if (!found) throw new Error(`fixture selector matches nothing: ${selector}`);
    if (found.shadowRoot) scope = found.shadowRoot;
  }
  if (!found || found.localName !== 'input')
    throw new Error(`fixture selector is not an <input>: ${selector}`);
  return found as HTMLInputElement;
}

/** A readable name for an element in failure messages: tag, id, name. */
export function describeElement(el: Element | null | undefined): string {
  if (!el) return 'null';
  return `${el.localName}${el.id ? `#${el.id}` : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}`;
}
