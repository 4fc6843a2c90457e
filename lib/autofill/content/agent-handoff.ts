import type { RuntimeLike } from './background-messages';

/**
 * The contract between the always-on loader (entrypoints/content, autofill-loader.ts) and the autofill agent
 * it imports on demand (entrypoints/autofill-agent, start-autofill.ts). The agent's script publishes its start
 * function on the isolated world's global under AGENT_GLOBAL: the page cannot read or write that global (it
 * lives in another world), so the name needs no secrecy.
 */
export const AGENT_PATH = '/autofill-agent.js';
export const AGENT_GLOBAL = '__latchkeyAutofillAgent';

/** The part of the extension API the content side uses: Chrome MV3's chrome.runtime and Firefox's both return promises. */
export interface ContentRuntime extends RuntimeLike {
  sendMessage(message: unknown): Promise<unknown>;
  getURL(path: string): string;
}

export interface AgentHandoff {
  runtime: ContentRuntime;
  signal: AbortSignal;
  alive(): boolean;
  /**
   * The field whose trusted focus made the loader load the agent (the newest one, if several came while it
   * loaded), or null when a message or a field focused at start did. The agent replays that focus if the field
   * still has it.
   */
  focused: Element | null;
}

/** Starts the agent; returns where the loader hands every later message from our background (unparsed). */
export type StartAgent = (handoff: AgentHandoff) => (message: unknown) => void;
