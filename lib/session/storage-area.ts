/**
 * The slice of `browser.storage.local` / `browser.storage.session` the session code uses. The background passes
 * the real areas; unit tests pass a Map-backed one (tests/lib/session/memory-storage-area.ts), and the e2e tests
 * cover the browsers' own storage.
 */
export interface StorageArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** Reads one key. */
export async function readKey(area: StorageArea, key: string): Promise<unknown> {
  const items = await area.get([key]);
  return items[key];
}
