// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * One linter for the repo (`npm run check`). Not type-aware, to stay fast: `tsc --noEmit` does the type
 * checking. The project rules below carry a message that names the fix (CONVENTIONS.md).
 */

const MATH_RANDOM = {
  object: 'Math',
  property: 'random',
  message:
    'Math.random() is not a CSPRNG: use randomBytes() from lib/crypto/random.ts (crypto.getRandomValues).',
};

const HTML_SINK_MESSAGE =
  'Page-controlled text must never become markup in a content script or autofill code (XSS into the page or ' +
  'our inline menu): build nodes with document.createElement() and set .textContent instead.';

/** Markup sinks, restricted where we run inside other people's pages. */
const HTML_SINKS = [
  { property: 'innerHTML', message: HTML_SINK_MESSAGE },
  { property: 'outerHTML', message: HTML_SINK_MESSAGE },
  { property: 'insertAdjacentHTML', message: HTML_SINK_MESSAGE },
  { property: 'setHTMLUnsafe', message: HTML_SINK_MESSAGE },
  { property: 'createContextualFragment', message: HTML_SINK_MESSAGE },
  { object: 'document', property: 'write', message: HTML_SINK_MESSAGE },
  { object: 'document', property: 'writeln', message: HTML_SINK_MESSAGE },
];

/** Node's globals, for the few plain .js/.mjs files (TypeScript files get theirs from tsc). */
const NODE_GLOBALS = Object.fromEntries(
  ['process', 'console', 'URL', 'Buffer', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map(
    (name) => [name, /** @type {const} */ ('readonly')],
  ),
);

export default defineConfig(
  globalIgnores([
    '.output/',
    '.wxt/',
    'node_modules/',
    'dist/',
    'data/',
    'coverage/',
    'bench-results/',
    'test-results/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    rules: {
      'no-restricted-properties': ['error', MATH_RANDOM],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render text as JSX children (Preact escapes it); never set markup from data.',
        },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['entrypoints/content/**', 'lib/autofill/**'],
    rules: { 'no-restricted-properties': ['error', MATH_RANDOM, ...HTML_SINKS] },
  },
  {
    // Command-line tools print on purpose.
    files: ['scripts/**', 'bench/**', 'tests/**', '*.config.{js,ts,mjs}'],
    rules: { 'no-console': 'off' },
  },
);
