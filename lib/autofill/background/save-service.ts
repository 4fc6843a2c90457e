import type { Result, SavePromptView, TrustedSender } from '../../messaging/protocol';
import { failure, ok } from '../../session/result';
import { checkDraft } from '../../vault/record-schema';
import type { VaultRecord } from '../../vault/record-types';
import { AUTOFILL_MESSAGES, type AutofillDeps, type AutofillOpenVault } from './autofill-deps';
import { loginsForFrame } from './frame-logins';
import type { NeverSites } from './never-sites';
import { pushToTab } from './push-to-tab';
import { decideSave, type KnownLogin, type SubmittedCredentials } from './save-decision';
import { promptView, type PendingPrompt, type SavePrompts } from './save-prompts';
import { senderFrame } from './sender-frame';
import { webOrigin } from './web-origin';

type SaveAction = 'save' | 'update' | 'never' | 'dismiss';

/**
 * The save prompt (lib/autofill/DESIGN.md "Save prompt"): a submit a content script reports becomes, when the
 * vault has nothing like it for that frame, a pending prompt the tab's top frame shows as the save bar; the
 * bar's answer saves a login or updates its password through the vault's own save path (so it syncs, and the
 * old password goes to the login's history as record-schema.ts applyDraft keeps it), or puts the site on the
 * never-list.
 */
export class SaveService {
  constructor(
    private readonly deps: AutofillDeps,
    private readonly prompts: SavePrompts,
    readonly never: NeverSites,
  ) {}

  async submitted(
    request: SubmittedCredentials,
    sender: TrustedSender,
  ): Promise<Result<{ prompt: boolean }>> {
    const frame = senderFrame(sender);
    const origin = frame && webOrigin(frame.url);
    if (frame === null || origin === null || (await this.never.includes(frame.url)))
      return ok({ prompt: false });
    const decided = await this.deps.vault.withOpen(async (open) =>
      decideSave(request, await knownLogins(open, loginsForFrame(open.list().items, frame))),
    );
    if (!decided.ok) {
      // Locked or signed out: nothing to compare with, so nothing is offered (and nothing kept).
      return decided.error.code === 'locked' || decided.error.code === 'not-signed-in'
        ? ok({ prompt: false })
        : decided;
    }
    if (decided.value === null) return ok({ prompt: false });
    const promptId = await this.prompts.add(frame.tabId, origin, decided.value);
    pushToTab(this.deps.tabs, frame.tabId, { latchkey: 'show-save-prompt', promptId }, { frameId: 0 });
    return ok({ prompt: true });
  }

  async get(promptId: string, sender: TrustedSender): Promise<Result<SavePromptView>> {
    const prompt = await this.#promptFor(promptId, sender);
    return 'error' in prompt ? prompt.error : ok(promptView(prompt.prompt));
  }

  async answer(
    promptId: string,
    action: SaveAction,
    sender: TrustedSender,
  ): Promise<Result<Record<string, never>>> {
    const found = await this.#promptFor(promptId, sender);
    if ('error' in found) return found.error;
    const { prompt } = found;
    if ((action === 'save' || action === 'update') && action !== prompt.kind) {
      return failure('invalid-message', `This prompt offers to ${prompt.kind}, not to ${action}.`);
    }
    if (action === 'save' || action === 'update') {
      const saved = await this.deps.vault.withOpen((open) =>
        action === 'save' ? saveNew(open, prompt) : update(open, prompt),
      );
      if (!saved.ok) return saved;
      if (saved.value !== null) return failure('invalid-record', saved.value);
    } else if (action === 'never') {
      await this.never.add(prompt.origin);
    }
    await this.prompts.remove(prompt.id);
    return ok({});
  }

  /** A tab finished loading (often the page the submit led to): show its pending prompt again. */
  async onTabUpdated(tabId: number, status: string | undefined): Promise<void> {
    if (status !== 'complete') return;
    const prompt = await this.prompts.forTab(tabId);
    if (prompt !== null) {
      pushToTab(this.deps.tabs, tabId, { latchkey: 'show-save-prompt', promptId: prompt.id }, { frameId: 0 });
    }
  }

  dropTab(tabId: number): Promise<void> {
    return this.prompts.dropTab(tabId);
  }

  /** The prompt, if the bar asking is in the prompt's tab (a bar framed in another tab gets nothing). */
  async #promptFor(
    promptId: string,
    sender: TrustedSender,
  ): Promise<{ prompt: PendingPrompt } | { error: Result<never> }> {
    const prompt = await this.prompts.get(promptId);
    if (prompt === null) return { error: failure('expired', AUTOFILL_MESSAGES.promptExpired) };
    if (sender.tabId !== prompt.tabId) {
      return { error: failure('not-allowed-here', AUTOFILL_MESSAGES.notAllowedHere) };
    }
    return { prompt };
  }
}

/** The matching logins with their secrets, to compare with what was typed; a damaged one is left out. */
async function knownLogins(
  open: AutofillOpenVault,
  matches: ReadonlyArray<{ id: string }>,
): Promise<KnownLogin[]> {
  const known: KnownLogin[] = [];
  for (const { id } of matches) {
    let record: VaultRecord;
    try {
      record = await open.get(id);
    } catch {
      continue;
    }
    if (record.type === 'login') {
      known.push({
        id,
        title: record.fields.title,
        username: record.fields.username,
        password: record.fields.password,
      });
    }
  }
  return known;
}

/** A new login for the site: titled by its host without "www.", its URL the frame's origin (base-domain). */
async function saveNew(open: AutofillOpenVault, prompt: PendingPrompt): Promise<string | null> {
  const checked = checkDraft({
    type: 'login',
    fields: {
      title: new URL(prompt.origin).hostname.replace(/^www\./, ''),
      notes: '',
      tags: [],
      favorite: false,
      customFields: [],
      username: prompt.username,
      password: prompt.password,
      urls: [{ url: prompt.origin, match: 'base-domain' }],
      totp: '',
      passwordHistory: [],
    },
  });
  if (!checked.ok) return checked.problems.join('. ');
  await open.save(checked.draft);
  return null;
}

/** The login's new password; the vault's save moves the old one to its history. */
async function update(open: AutofillOpenVault, prompt: PendingPrompt): Promise<string | null> {
  if (prompt.recordId === undefined) return 'This login is no longer in the vault.';
  const record = await open.get(prompt.recordId);
  if (record.type !== 'login') return 'This item is not a login.';
  const checked = checkDraft({
    id: record.id,
    type: 'login',
    fields: { ...record.fields, password: prompt.password },
  });
  if (!checked.ok) return checked.problems.join('. ');
  await open.save(checked.draft);
  return null;
}
