import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { MESSAGE_TYPES, PROTOCOL } from '../../../lib/messaging/protocol';
import { createHandlers } from '../../../lib/session/handlers';
import { TestBrowser } from '../session/background-harness';

/**
 * Conventions checked by code (CONVENTIONS.md): every protocol message has a sender rule, a handler in the
 * background's real table, and a test that sends it through the router against the real server.
 */

const SESSION_TESTS = fileURLToPath(new URL('../session/', import.meta.url));

describe('the protocol and the handler table', () => {
  const handlers = createHandlers(new TestBrowser({ deviceName: 'table' }).background);

  test('the real handler table has exactly one handler per message type', () => {
    expect(Object.keys(handlers).sort()).toEqual([...MESSAGE_TYPES].sort());
    for (const type of MESSAGE_TYPES) expect(typeof handlers[type]).toBe('function');
  });

  test('every message type has a sender rule', () => {
    for (const type of MESSAGE_TYPES) expect(['pages', 'content', 'frame']).toContain(PROTOCOL[type].senders);
  });

  test('every message type is sent by a test of tests/lib/session', () => {
    const sources = readdirSync(SESSION_TESTS)
      .filter((name) => name.endsWith('.test.ts'))
      .map((name) => readFileSync(`${SESSION_TESTS}${name}`, 'utf8'))
      .join('\n');
    const untested = MESSAGE_TYPES.filter(
      (type) => !new RegExp(`\\.(ok|fails|send)\\(\\s*'${type.replace('.', '\\.')}'`).test(sources),
    );
    expect(untested).toEqual([]);
  });
});
