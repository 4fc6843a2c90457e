import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENDPOINT_NAMES } from '../../../lib/api/endpoints';
import { PROBLEM_CODES } from '../../../lib/api/problem-codes';

/**
 * A convention checked by code (CONVENTIONS.md): every endpoint of lib/api/endpoints.ts is called, and every
 * problem code of lib/api/problem-codes.ts is expected, by at least one of the HTTP tests in this folder.
 * Adding an endpoint or a code without a test fails here, naming it.
 */
const dir = fileURLToPath(new URL('.', import.meta.url));
const sources = readdirSync(dir)
  .filter((file) => file.endsWith('.test.ts') && file !== 'coverage.test.ts')
  .map((file) => readFileSync(`${dir}/${file}`, 'utf8'))
  .join('\n');

describe('HTTP test coverage of the API definition', () => {
  it.each(ENDPOINT_NAMES)('endpoint %s is called by a test', (name) => {
    // Direct calls, or the helpers in test-user.ts that the tests go through.
    const helpers = readFileSync(`${dir}/test-user.ts`, 'utf8');
    expect(`${sources}\n${helpers}`).toMatch(new RegExp(`call\\(\\s*'${name}'`));
  });

  it.each(PROBLEM_CODES)('problem code %s is expected by a test', (code) => {
    expect(sources).toMatch(new RegExp(`(code: |toBe\\()'${code}'`));
  });
});
