import { afterAll, describe, expect, it } from 'vitest';
import { detectLoginForms } from '../../../lib/autofill/detect-login-forms';
import type { LoginForm } from '../../../lib/autofill/login-form';
import { EXPECTATIONS, type ExpectedForm } from '../../fixtures/forms/expectations';
import { describeElement as name, loadPage, pierce } from './detect-load-page';

const PAGES = import.meta.glob<string>('../../fixtures/forms/*.html', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const pages = Object.entries(PAGES).map(([path, html]) => ({ id: path.replace(/^.*\/|\.html$/g, ''), html }));

type Slot = 'username' | 'password' | 'newPassword' | 'confirmPassword';
const SLOTS: Slot[] = ['username', 'password', 'newPassword', 'confirmPassword'];

/** Corpus-wide tallies (DESIGN §5, issue 6: ≥ 99 % of login usernames and passwords found, no false logins). */
const tally = {
  usernames: 0,
  usernamesFound: 0,
  passwords: 0,
  passwordsFound: 0,
  nonLoginPages: 0,
  falseForms: 0,
};

function shape(doc: Document, form: LoginForm | ExpectedForm): string {
  const parts = SLOTS.map((slot) => {
    const value = form[slot] ?? null;
    const el = typeof value === 'string' ? pierce(doc, value) : value;
    return `${slot}=${name(el)}`;
  });
  return `${form.kind}(${parts.join(', ')})`;
}

describe('detectLoginForms on the fixture corpus (tests/fixtures/forms)', () => {
  it('has an expectation for every page and a page for every expectation', () => {
    expect(pages.map((p) => p.id).sort()).toEqual(Object.keys(EXPECTATIONS).sort());
    expect(pages.length).toBeGreaterThanOrEqual(45);
  });

  for (const { id, html } of pages) {
    it(`finds exactly the expected forms on ${id}`, async () => {
      const { doc, remove } = await loadPage(html);
      try {
        const expected = EXPECTATIONS[id] ?? [];
        const found = detectLoginForms(doc);
        count(doc, expected, found);
        expect(found.map((f) => shape(doc, f))).toEqual(expected.map((f) => shape(doc, f)));
      } finally {
        remove();
      }
    });
  }

  afterAll(() => {
    const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`);
    console.info(
      `[detect corpus] ${pages.length} pages; login usernames found ${tally.usernamesFound}/${tally.usernames} ` +
        `(${pct(tally.usernamesFound, tally.usernames)}), login passwords found ${tally.passwordsFound}/${tally.passwords} ` +
        `(${pct(tally.passwordsFound, tally.passwords)}); forms claimed on ${tally.nonLoginPages} non-login pages: ${tally.falseForms}`,
    );
  });

  it('meets the corpus targets: ≥ 99 % recall of login fields, no form on non-login pages', () => {
    // Runs after the per-page tests (vitest runs a file's tests in order), which filled the tallies.
    expect(tally.usernames + tally.passwords).toBeGreaterThan(50);
    expect(tally.usernamesFound / tally.usernames).toBeGreaterThanOrEqual(0.99);
    expect(tally.passwordsFound / tally.passwords).toBeGreaterThanOrEqual(0.99);
    expect(tally.falseForms).toBe(0);
  });
});

/** Recall of expected login fields (found in a detected login form, same slot) and false forms on empty pages. */
function count(doc: Document, expected: ExpectedForm[], found: LoginForm[]): void {
  if (expected.length === 0) {
    tally.nonLoginPages++;
    tally.falseForms += found.length;
    return;
  }
  const logins = found.filter((f) => f.kind === 'login');
  for (const form of expected.filter((f) => f.kind === 'login')) {
    if (form.username) {
      tally.usernames++;
      const el = pierce(doc, form.username);
      if (logins.some((f) => f.username === el)) tally.usernamesFound++;
    }
    if (form.password) {
      tally.passwords++;
      const el = pierce(doc, form.password);
      if (logins.some((f) => f.password === el)) tally.passwordsFound++;
    }
  }
}
