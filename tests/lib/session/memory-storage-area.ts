import type { StorageArea } from '../../../lib/session/storage-area';

/**
 * A storage area in a Map, for unit tests. Values go through JSON on the way in and out, as the browsers'
 * storage does (a Uint8Array stored as is would come back as a plain object): a test that passes here does not
 * rely on storing what storage cannot hold. `failWrites` makes the next writes reject (a full or broken area).
 */
export class MemoryStorageArea implements StorageArea {
  readonly data = new Map<string, string>();
  failWrites = false;
  writes = 0;

  get(keys: string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const text = this.data.get(key);
      if (text !== undefined) out[key] = JSON.parse(text) as unknown;
    }
    return Promise.resolve(out);
  }

  set(items: Record<string, unknown>): Promise<void> {
    if (this.failWrites) return Promise.reject(new Error('storage write failed'));
    this.writes += 1;
    for (const [key, value] of Object.entries(items)) this.data.set(key, JSON.stringify(value));
    return Promise.resolve();
  }

  remove(keys: string[]): Promise<void> {
    for (const key of keys) this.data.delete(key);
    return Promise.resolve();
  }

  /** The raw JSON text of everything stored, to look for secrets. */
  dump(): string {
    return [...this.data.entries()].map(([k, v]) => `${k}=${v}`).join('\n');
  }

  /** What a browser restart does to storage.session. */
  clear(): void {
    this.data.clear();
  }
}
