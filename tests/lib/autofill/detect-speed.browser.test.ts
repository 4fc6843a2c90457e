import { afterAll, describe, expect, it } from 'vitest';
import { detectLoginForms } from '../../../lib/autofill/detect-login-forms';
import { loadPage } from './detect-load-page';

/**
 * detectLoginForms runs on the main thread of the page when the user focuses a field (issue 6: "a few ms at
 * most" on a 10,000-element page). The page is built with the DOM API, as a long article with navigation,
 * comments (each with inputs: search and reply boxes) and, in the second case, a login form at the very end.
 */
function buildPage(doc: Document, withLogin: boolean): number {
  const body = doc.body;
  const nav = body.appendChild(doc.createElement('nav'));
  for (let i = 0; i < 300; i++) nav.appendChild(doc.createElement('a')).textContent = `Link ${i}`;
  const search = nav.appendChild(doc.createElement('input'));
  search.type = 'search';
  const main = body.appendChild(doc.createElement('main'));
  for (let i = 0; i < 1400; i++) {
    const section = main.appendChild(doc.createElement('section'));
    const p = section.appendChild(doc.createElement('div')).appendChild(doc.createElement('p'));
    p.append(`Paragraph ${i} `, doc.createElement('b'), doc.createElement('span'), doc.createElement('a'));
    p.appendChild(doc.createElement('i')).textContent = 'x';
    if (i % 30 === 0) {
      const reply = section.appendChild(doc.createElement('form'));
      reply.appendChild(doc.createElement('input')).name = `reply-${i}`;
      reply.appendChild(doc.createElement('textarea'));
      reply.appendChild(doc.createElement('button')).textContent = 'Reply';
    }
  }
  if (withLogin) {
    const form = body.appendChild(doc.createElement('form'));
    form.appendChild(doc.createElement('input')).autocomplete = 'username';
    form.appendChild(doc.createElement('input')).type = 'password';
    form.appendChild(doc.createElement('button')).textContent = 'Sign in';
  }
  return doc.getElementsByTagName('*').length;
}

function median(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Infinity;
}

const figures: string[] = [];
afterAll(() => console.info(`[detect speed] ${figures.join('; ')}`));

describe('detectLoginForms speed', () => {
  for (const withLogin of [false, true]) {
    it(`takes a few ms on a 10,000-element page ${withLogin ? 'with' : 'without'} a login form`, async () => {
      const { doc, remove } = await loadPage('<!doctype html><title>Article</title><body></body>');
      try {
        const elements = buildPage(doc, withLogin);
        expect(elements).toBeGreaterThanOrEqual(10_000);
        expect(detectLoginForms(doc)).toHaveLength(withLogin ? 1 : 0);
        const ms = median(21, () => detectLoginForms(doc));
        figures.push(
          `${elements} elements ${withLogin ? 'with' : 'without'} login: median ${ms.toFixed(2)} ms`,
        );
        // Budget with headroom for the shared 2-core machine (TOOLCHAIN.md: ±25 % noise; 8 engineers at once).
        expect(ms).toBeLessThan(10);
      } finally {
        remove();
      }
    });
  }
});
