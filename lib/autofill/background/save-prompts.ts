import * as v from 'valibot';
import type { SavePromptView } from '../../messaging/protocol';
import type { StorageArea } from '../../session/storage-area';
import { ExpiringEntries } from './expiring-entries';
import type { SaveDecision } from './save-decision';
import { newSessionToken } from './session-token';

/**
 * Save prompts waiting for the user's answer (lib/autofill/DESIGN.md "Save prompt"). A submit usually
 * navigates, so the prompt must outlive the page that made it, and often the service worker too: it waits in
 * the background's storage.session (trusted contexts only: lib/session/README.md "storage.session access
 * level"; never storage.local, since it holds a password), 5 minutes at most, one per tab (a newer submit
 * replaces it), and is shown by the tab's top frame whenever it finishes loading until answered.
 */
export const SAVE_PROMPT_TTL_MS = 5 * 60_000;
const STORAGE_KEY = 'latchkey.autofill.prompts';

const PromptSchema = v.object({
  id: v.string(),
  expiresAt: v.number(),
  tabId: v.number(),
  kind: v.picklist(['save', 'update']),
  /** The frame's origin the credentials were submitted on (the URL a saved login gets). */
  origin: v.string(),
  username: v.string(),
  password: v.string(),
  recordId: v.optional(v.string()),
  title: v.optional(v.string()),
});
export type PendingPrompt = v.InferOutput<typeof PromptSchema>;

export class SavePrompts {
  readonly #entries: ExpiringEntries<typeof PromptSchema>;

  constructor(
    private readonly deps: { area: StorageArea; now(): number; random(length: number): Uint8Array },
  ) {
    this.#entries = new ExpiringEntries(deps.area, STORAGE_KEY, PromptSchema, deps.now);
  }

  /** Keeps the decision for the tab (replacing an older prompt there); answers its promptId. */
  async add(tabId: number, origin: string, decision: SaveDecision): Promise<string> {
    const id = newSessionToken(this.deps.random);
    await this.#entries.put(
      {
        id,
        expiresAt: this.deps.now() + SAVE_PROMPT_TTL_MS,
        tabId,
        kind: decision.kind,
        origin,
        username: decision.username,
        password: decision.password,
        ...(decision.kind === 'update' ? { recordId: decision.recordId, title: decision.title } : {}),
      },
      (old) => old.tabId === tabId,
    );
    return id;
  }

  get(promptId: string): Promise<PendingPrompt | null> {
    return this.#entries.find(promptId);
  }

  async forTab(tabId: number): Promise<PendingPrompt | null> {
    return (await this.#entries.all()).find((prompt) => prompt.tabId === tabId) ?? null;
  }

  remove(promptId: string): Promise<void> {
    return this.#entries.remove((prompt) => prompt.id === promptId);
  }

  dropTab(tabId: number): Promise<void> {
    return this.#entries.remove((prompt) => prompt.tabId === tabId);
  }
}

/** What the save bar shows: never the password. */
export function promptView(prompt: PendingPrompt): SavePromptView {
  return {
    kind: prompt.kind,
    site: new URL(prompt.origin).hostname,
    username: prompt.username,
    title: prompt.title ?? null,
  };
}
