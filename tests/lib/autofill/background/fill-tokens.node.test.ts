import { describe, expect, test } from 'vitest';
import {
  FILL_TOKEN_TTL_MS,
  FillTokens,
  type FillGrant,
} from '../../../../lib/autofill/background/fill-tokens';
import { SessionToken } from '../../../../lib/messaging/protocol';
import * as v from 'valibot';

function setup() {
  let now = 1_000_000;
  const tokens = new FillTokens({
    now: () => now,
    random: (length) => crypto.getRandomValues(new Uint8Array(length)),
  });
  return { tokens, advance: (ms: number) => (now += ms) };
}

const GRANT: FillGrant = { tabId: 4, mode: 'shortcut', topOrigin: 'https://example.com' };
const AT = { tabId: 4, frameId: 0, topOrigin: 'https://example.com' };

describe('fill tokens', () => {
  test('a token is 128 random bits in base64url, accepted by the protocol, and never the same twice', () => {
    const { tokens } = setup();
    const made = new Set(Array.from({ length: 200 }, () => tokens.issue(GRANT)));
    expect(made.size).toBe(200);
    for (const token of made) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(v.is(SessionToken, token)).toBe(true);
    }
  });

  test('the token answers its grant once per frame', () => {
    const { tokens } = setup();
    const token = tokens.issue(GRANT);
    expect(tokens.consume(token, AT)).toEqual({ ok: true, grant: GRANT });
    expect(tokens.consume(token, AT)).toEqual({ ok: false, code: 'not-allowed-here' });
    // Another frame of the same tab may still use it (popup and shortcut tokens go to every frame).
    expect(tokens.consume(token, { ...AT, frameId: 3 }).ok).toBe(true);
  });

  test('unknown and expired tokens are expired', () => {
    const { tokens, advance } = setup();
    expect(tokens.consume('AAAAAAAAAAAAAAAAAAAAAA', AT)).toEqual({ ok: false, code: 'expired' });
    const token = tokens.issue(GRANT);
    advance(FILL_TOKEN_TTL_MS - 1);
    const other = tokens.issue(GRANT);
    advance(1);
    expect(tokens.consume(token, AT)).toEqual({ ok: false, code: 'expired' });
    expect(tokens.consume(other, AT).ok).toBe(true);
  });

  test('another tab is refused, and does not use up the token', () => {
    const { tokens } = setup();
    const token = tokens.issue(GRANT);
    expect(tokens.consume(token, { ...AT, tabId: 5 })).toEqual({ ok: false, code: 'not-allowed-here' });
    expect(tokens.consume(token, AT).ok).toBe(true);
  });

  test('a token bound to a frame and document is refused to any other', () => {
    const { tokens } = setup();
    const token = tokens.issue({ ...GRANT, mode: 'menu', frameId: 2, documentId: 'DOC-A', recordId: 'r' });
    const at = { ...AT, frameId: 2, documentId: 'DOC-A' };
    expect(tokens.consume(token, { ...at, frameId: 0 }).ok).toBe(false);
    expect(tokens.consume(token, { ...at, documentId: 'DOC-B' }).ok).toBe(false);
    expect(tokens.consume(token, { tabId: 4, frameId: 2, topOrigin: AT.topOrigin }).ok).toBe(false);
    expect(tokens.consume(token, at)).toEqual({
      ok: true,
      grant: { ...GRANT, mode: 'menu', frameId: 2, documentId: 'DOC-A', recordId: 'r' },
    });
  });

  test('a top page that changed origin since the user acted gets nothing, nor on a second try', () => {
    const { tokens } = setup();
    const token = tokens.issue(GRANT);
    expect(tokens.consume(token, { ...AT, topOrigin: 'https://evil.example' })).toEqual({
      ok: false,
      code: 'not-allowed-here',
    });
    expect(tokens.consume(token, { ...AT, topOrigin: null }).ok).toBe(false);
    expect(tokens.consume(token, AT).ok).toBe(false);
  });

  test('a closed tab’s tokens are gone', () => {
    const { tokens } = setup();
    const token = tokens.issue(GRANT);
    tokens.dropTab(4);
    expect(tokens.consume(token, AT)).toEqual({ ok: false, code: 'expired' });
  });
});
