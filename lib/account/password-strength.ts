/**
 * How strong a new account password is, and whether Latchkey accepts it. The popup shows the meter while the
 * user types; the background checks again before it creates an account or changes a password (it must not
 * trust the popup).
 *
 * The estimate is zxcvbn's (Wheeler, "zxcvbn: Low-Budget Password Strength Estimation", USENIX Security 2016):
 * it finds dictionary words, names, keyboard patterns, dates and repeats, which a character-class rule misses.
 * Its dictionaries are ~1.5 MB, so they load on first use and once, not when the popup opens.
 */
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import { normalizeEmail } from './email';

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordAssessment {
  /** zxcvbn's score: 0 (guessable in < 10³ tries) … 4 (≥ 10¹⁰ tries). */
  score: PasswordScore;
  acceptable: boolean;
  /** Why the password is refused, in words for the user; null when it is acceptable. */
  reason: string | null;
  suggestions: string[];
  /** e.g. "centuries", "3 hours": the time to crack it offline against a slow hash (our case: Argon2id). */
  crackTimeDisplay: string;
}

/** NIST SP 800-63B §5.1.1.2 asks for at least 8; a password that guards every other password gets 10. */
export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn 3 = "safely unguessable: moderate protection from offline slow-hash scenario" (its README). */
export const MIN_PASSWORD_SCORE: PasswordScore = 3;
/** A one- or two-letter local part ("j@…") is in too many good passwords to refuse them all for it. */
const MIN_EMAIL_PART_LENGTH = 3;

export const PASSWORD_TOO_SHORT = `Too short: use at least ${MIN_PASSWORD_LENGTH} characters`;
export const PASSWORD_CONTAINS_EMAIL = "Don't use your email address in your password";
const TOO_EASY_PREFIX = 'Too easy to guess: ';
/** zxcvbn gives no warning for a password that is merely short of entropy (no pattern to blame). */
const GENERIC_WEAKNESS = 'add more words or characters that are not in a common pattern';

/** The three zxcvbn-ts packages, as modules (statically or dynamically imported). */
export interface ZxcvbnModules {
  core: typeof import('@zxcvbn-ts/core');
  common: typeof import('@zxcvbn-ts/language-common');
  en: typeof import('@zxcvbn-ts/language-en');
}

export type LoadZxcvbn = () => Promise<ZxcvbnModules>;

/**
 * For extension pages and Node: the dictionaries load on first use. Not for a Chrome service worker, where
 * `import()` is disallowed (HTML spec, "HostImportModuleDynamically" on ServiceWorkerGlobalScope): the
 * background passes statically imported modules to createPasswordAssessor instead.
 */
export const importZxcvbnOnFirstUse: LoadZxcvbn = async () => {
  const [core, common, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  return { core, common, en };
};

export type AssessPassword = (password: string, context: { email?: string }) => Promise<PasswordAssessment>;

/** An assessor whose estimator is built once, on first use, from the modules `load` gives. */
export function createPasswordAssessor(load: LoadZxcvbn): AssessPassword {
  let building: Promise<ZxcvbnFactory> | undefined;

  function estimator(): Promise<ZxcvbnFactory> {
    building ??= load().then(
      ({ core, common, en }) =>
        new core.ZxcvbnFactory({
          dictionary: { ...common.dictionary, ...en.dictionary },
          graphs: common.adjacencyGraphs,
          translations: en.translations,
          // useLevenshteinDistance stays off: it costs 100–1000 ms per check here (measured in Node 20), too
          // slow for a meter that updates while the user types; l33t and dictionary matching still apply.
        }),
      (error: unknown) => {
        building = undefined; // a failed load (a chunk that did not arrive) is retried next time
        throw error;
      },
    );
    return building;
  }

  return async (password, context) => {
    if (typeof password !== 'string') throw new TypeError('assessPassword: expected a string');
    return assessWith(await estimator(), password, context);
  };
}

/** The parts of an email a password must not contain, and that zxcvbn should treat as known to an attacker. */
function emailParts(email: string | undefined): { localPart: string | null; inputs: string[] } {
  if (email === undefined) return { localPart: null, inputs: [] };
  const normalized = normalizeEmail(email);
  const at = normalized.lastIndexOf('@');
  const localPart = at > 0 ? normalized.slice(0, at) : normalized;
  const inputs = [normalized, localPart, ...localPart.split(/[._+-]+/)].filter((part) => part.length > 0);
  return { localPart: localPart.length >= MIN_EMAIL_PART_LENGTH ? localPart : null, inputs };
}

function tooEasyReason(result: ZxcvbnResult): string {
  const warning = result.feedback.warning?.trim();
  const detail = warning ? warning.replace(/\.$/, '') : GENERIC_WEAKNESS;
  return TOO_EASY_PREFIX + detail.charAt(0).toLowerCase() + detail.slice(1);
}

async function assessWith(
  zxcvbn: ZxcvbnFactory,
  password: string,
  context: { email?: string },
): Promise<PasswordAssessment> {
  const { localPart, inputs } = emailParts(context.email);
  const result = await zxcvbn.checkAsync(password, inputs);
  const score = result.score;
  const crackTimeDisplay = result.crackTimes.offlineSlowHashingXPerSecond.display;
  const suggestions = [...result.feedback.suggestions];

  // Checked in this order so the reason names the first thing to fix, the cheapest first.
  let reason: string | null = null;
  if (Array.from(password).length < MIN_PASSWORD_LENGTH) reason = PASSWORD_TOO_SHORT;
  else if (localPart !== null && password.normalize('NFKC').toLowerCase().includes(localPart))
    reason = PASSWORD_CONTAINS_EMAIL;
  else if (score < MIN_PASSWORD_SCORE) reason = tooEasyReason(result);

  return { score, acceptable: reason === null, reason, suggestions, crackTimeDisplay };
}

/** The assessor for extension pages and Node (dictionaries imported on first use). */
export const assessPassword: AssessPassword = createPasswordAssessor(importZxcvbnOnFirstUse);
