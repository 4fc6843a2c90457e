import { randomBytes } from 'node:crypto';

/** A test user: a fresh email per run (the server is fresh too, but names in screenshots stay readable). */
export interface Credentials {
  email: string;
  password: string;
}

/** Passwords the strength meter accepts (zxcvbn score ≥ 3): long, several unrelated words. */
export const PASSWORDS = {
  first: 'Tangerine bicycle lantern 2026 orbit',
  second: 'Walnut glacier harmonica 88 plume',
  third: 'Copper meadow sextant 41 drizzle',
} as const;

export function newUser(name: string, password: string = PASSWORDS.first): Credentials {
  return { email: `${name}-${randomBytes(3).toString('hex')}@example.com`, password };
}

/** How DESIGN §6 shows another account's email: first letter, three bullets, the domain. */
export function maskedEmail(email: string): string {
  const at = email.indexOf('@');
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
