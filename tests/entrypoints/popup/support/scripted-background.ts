import type {
  MessageType,
  ProtocolError,
  RequestInput,
  ResponseOf,
  Result,
} from '../../../../lib/messaging/protocol';
import type { SendMessage } from '../../../../lib/messaging/send-message';

/**
 * The background as the popup models see it, scripted per test: each message type answers what the test
 * says. The real background needs browser storage and is driven end to end by the e2e suite (tests/e2e);
 * here the point is the popup's own logic, so every call is recorded for the test to check.
 */
export type Script = {
  [T in MessageType]?: (request: RequestInput<T>) => Result<ResponseOf<T>> | Promise<Result<ResponseOf<T>>>;
};

export interface ScriptedBackground {
  send: SendMessage;
  calls: { type: MessageType; request: unknown }[];
  callsOf(type: MessageType): unknown[];
  /** Replaces or adds answers mid-test (the account moves on). */
  script: Script;
}

export function scriptedBackground(script: Script): ScriptedBackground {
  const calls: { type: MessageType; request: unknown }[] = [];
  const background: ScriptedBackground = {
    calls,
    script,
    callsOf: (type) => calls.filter((call) => call.type === type).map((call) => call.request),
    send: (async <T extends MessageType>(type: T, request: RequestInput<T>) => {
      calls.push({ type, request });
      const answer = background.script[type] as
        ((request: RequestInput<T>) => Result<ResponseOf<T>> | Promise<Result<ResponseOf<T>>>) | undefined;
      if (answer === undefined) {
        return { ok: false, error: { code: 'internal', message: `unscripted message ${type}` } };
      }
      return answer(request);
    }) as SendMessage,
  };
  return background;
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(
  code: ProtocolError['code'],
  message: string,
  extra: Partial<ProtocolError> = {},
): Result<never> {
  return { ok: false, error: { code, message, ...extra } };
}

/** Settles everything already queued (async actions awaiting resolved promises). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
