import * as v from 'valibot';
import type { StorageArea } from '../../session/storage-area';

/**
 * A small table of entries that expire, kept under one key of a storage area (the background's
 * `storage.session`: trusted contexts only, in memory, gone when the browser quits, kept across a service
 * worker restart, which an inline menu left open for a minute or a save prompt across a navigation outlives).
 * Every entry is read back through its schema (what storage holds is data, not a promise), expired ones are
 * dropped on every access, and the read-modify-write steps run one at a time so two handlers cannot lose each
 * other's write.
 */
export class ExpiringEntries<S extends v.GenericSchema<unknown, { id: string; expiresAt: number }>> {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly area: StorageArea,
    private readonly key: string,
    private readonly schema: S,
    private readonly now: () => number,
  ) {}

  /** The live entries (expired and unreadable ones left out). */
  all(): Promise<Array<v.InferOutput<S>>> {
    return this.#exclusive(() => this.#read());
  }

  async find(id: string): Promise<v.InferOutput<S> | null> {
    return (await this.all()).find((entry) => entry.id === id) ?? null;
  }

  /** Adds `entry`, first removing the entries `replaces` selects (e.g. the same tab's previous one). */
  put(entry: v.InferOutput<S>, replaces: (old: v.InferOutput<S>) => boolean = () => false): Promise<void> {
    return this.#exclusive(async () => {
      const kept = (await this.#read()).filter((old) => !replaces(old) && old.id !== entry.id);
      await this.#write([...kept, entry]);
    });
  }

  remove(selects: (entry: v.InferOutput<S>) => boolean): Promise<void> {
    return this.#exclusive(async () => {
      const entries = await this.#read();
      const kept = entries.filter((entry) => !selects(entry));
      if (kept.length !== entries.length) await this.#write(kept);
    });
  }

  async #read(): Promise<Array<v.InferOutput<S>>> {
    const raw = (await this.area.get([this.key]))[this.key];
    if (!Array.isArray(raw)) return [];
    const now = this.now();
    const live: Array<v.InferOutput<S>> = [];
    for (const item of raw) {
      const parsed = v.safeParse(this.schema, item);
      if (parsed.success && parsed.output.expiresAt > now) live.push(parsed.output);
    }
    return live;
  }

  #write(entries: ReadonlyArray<v.InferOutput<S>>): Promise<void> {
    return entries.length === 0 ? this.area.remove([this.key]) : this.area.set({ [this.key]: entries });
  }

  #exclusive<T>(body: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(body, body);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
