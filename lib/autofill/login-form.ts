/**
 * A form (or a group of fields outside any <form>) that asks for credentials, as lib/autofill/detect-login-forms.ts
 * finds it. Multi-step logins show one step at a time: a username-only step has `password: null`, a
 * password-only step `username: null`.
 *
 * - `login`: an existing account's username and/or password.
 * - `signup`: a new account (a new password, often with a confirmation); never filled with a saved login.
 * - `change-password`: the current password (`password`), a new one and often its confirmation.
 */
export type LoginFormKind = 'login' | 'signup' | 'change-password';

export interface LoginForm {
  kind: LoginFormKind;
  username: HTMLInputElement | null;
  password: HTMLInputElement | null;
  newPassword?: HTMLInputElement | null;
  confirmPassword?: HTMLInputElement | null;
}
