import * as v from 'valibot';
import { describeIssues } from '../api/validation-message';
import {
  PROTOCOL,
  type Handlers,
  type MessageType,
  type ProtocolError,
  type Result,
  type SenderKind,
  type TrustedSender,
} from './protocol';

/**
 * The background's one runtime.onMessage listener (DESIGN §5): it validates the envelope and the request,
 * decides who the sender is from what the browser vouches for (never from the message), runs the handler and
 * answers a Result. It never throws and never rejects: a sender always gets `{ ok, … }`.
 */

/** The part of runtime.MessageSender the router reads; filled in by the browser, not by the sender. */
export interface MessageSenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  /** Chrome 106+. */
  documentId?: string;
}

export interface RouterEnv {
  /** runtime.id: messages from anything else are refused. */
  runtimeId: string;
  /** The extension's own origin, from runtime.getURL('/'): "chrome-extension://<id>" or "moz-extension://<uuid>". */
  extensionOrigin: string;
  /**
   * Called after a page message passed every check and before its handler runs: the popup in use is user
   * activity, so this restarts the inactivity lock timer. Awaited, so a timer that found its deadline passed
   * locks before the handler looks at the state.
   */
  onPageActivity(): Promise<void>;
  /** Where failures are reported. Never given the request: it may hold passwords. */
  logError(line: string): void;
}

export type RouterListener = (message: unknown, sender: MessageSenderLike) => Promise<Result<unknown>>;

/** What a sender sees when a handler hit a bug; the details go to the log only. */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong inside Latchkey. Try again.';

const Envelope = v.strictObject({ type: v.string(), request: v.unknown() });

type AnyHandler = (request: unknown, sender: TrustedSender) => Promise<Result<unknown>>;

export function createRouter(handlers: Handlers, env: RouterEnv): RouterListener {
  const parsedOrigin = originOf(env.extensionOrigin);
  if (parsedOrigin === null) throw new TypeError('createRouter: extensionOrigin must be a URL');
  const ownOrigin: string = parsedOrigin;

  async function route(message: unknown, sender: MessageSenderLike): Promise<Result<unknown>> {
    const envelope = v.safeParse(Envelope, message);
    if (!envelope.success) {
      return fail('invalid-message', `Invalid message: ${describeIssues(envelope.issues, 'message')}`);
    }
    const { type, request } = envelope.output;
    if (!isMessageType(type)) return fail('invalid-message', 'Invalid message: unknown type');

    const spec = PROTOCOL[type];
    const trusted = trustSender(sender, spec.senders, env.runtimeId, ownOrigin);
    if (trusted === null) {
      return fail('forbidden-sender', 'This part of the page is not allowed to ask Latchkey for that.');
    }

    const parsed = v.safeParse(spec.request, request);
    if (!parsed.success) {
      return fail('invalid-message', `Invalid ${type} request: ${describeIssues(parsed.issues, 'request')}`);
    }

    if (trusted.kind === 'page') {
      try {
        await env.onPageActivity();
      } catch (error) {
        // The timer failing must not stop the popup from working; the alarm and the next wake still lock.
        env.logError(`inactivity timer failed: ${describeError(error)}`);
      }
    }

    const handler = handlers[type] as AnyHandler;
    const answer = await handler(parsed.output, trusted);
    return answer;
  }

  return async (message, sender) => {
    try {
      return await route(message, sender);
    } catch (error) {
      // A bug. The request is deliberately not logged (passwords, kit payloads); the message type is.
      const type = typeOfMessage(message);
      const secrets = stringsIn(requestOf(message));
      env.logError(`handler for ${type} failed: ${describeError(error, secrets)}`);
      return fail('internal', INTERNAL_ERROR_MESSAGE);
    }
  };
}

/**
 * - pages: this extension's own documents (the popup; extension pages in a tab such as /scan.html) in their
 *   top-level frame. A content script's sender.url is the web page's, so it never passes. An extension page
 *   framed inside a web page (web_accessible_resources: the inline menu, the save bar) is not a "page": it
 *   would let a hostile site put our UI under its own overlay, so it only gets `frame` messages.
 * - content: a content script in a tab (sender.url is its frame's page, not our origin).
 * - frame: one of our pages framed inside a tab's page (frameId ≠ 0).
 * The tab, frame, URLs and document all come from the browser's MessageSender, never from the message.
 */
export function trustSender(
  sender: MessageSenderLike,
  allowed: SenderKind,
  runtimeId: string,
  ownOrigin: string,
): TrustedSender | null {
  if (sender.id !== runtimeId || sender.url === undefined) return null;
  const origin = originOf(sender.url);
  if (origin === null) return null;
  const tabId = sender.tab?.id;
  const inTab = tabId !== undefined && sender.frameId !== undefined;
  if (origin === ownOrigin) {
    const framed = inTab && sender.frameId !== 0;
    if (!framed) return allowed === 'pages' ? { kind: 'page', url: sender.url } : null;
    if (allowed !== 'frame') return null;
    return { kind: 'frame', url: sender.url, ...inTabFields(sender) };
  }
  if (allowed !== 'content' || !inTab) return null;
  return { kind: 'content', url: sender.url, ...inTabFields(sender) };
}

function inTabFields(sender: MessageSenderLike): Omit<TrustedSender, 'kind' | 'url'> {
  return {
    tabId: sender.tab?.id,
    frameId: sender.frameId,
    ...(sender.tab?.url === undefined ? {} : { tabUrl: sender.tab.url }),
    ...(sender.documentId === undefined ? {} : { documentId: sender.documentId }),
  };
}

function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(PROTOCOL, type);
}

function fail(code: ProtocolError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** "chrome-extension://abc" for any URL of the extension; null for something that is not a URL. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // Extension URLs have an opaque origin in some engines ("null"): rebuild it from scheme and host.
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

function typeOfMessage(message: unknown): string {
  if (typeof message === 'object' && message !== null && 'type' in message) {
    const type = (message as { type: unknown }).type;
    if (typeof type === 'string' && isMessageType(type)) return type;
  }
  return 'an unknown message';
}

function requestOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null && 'request' in message
    ? (message as { request: unknown }).request
    : message;
}

/** Every string inside the request, so an exception that quotes one (a password, a code) is scrubbed. */
function stringsIn(value: unknown, found: string[] = [], depth = 0): string[] {
  if (depth > 8) return found;
  if (typeof value === 'string') {
    if (value.length > 0) found.push(value);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) stringsIn(item, found, depth + 1);
  }
  return found;
}

function describeError(error: unknown, secrets: readonly string[] = []): string {
  let text = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
  // Longest first, so a secret that contains another is removed whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    text = text.split(secret).join('[redacted]');
  }
  return text;
}
