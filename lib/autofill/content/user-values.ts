/**
 * What the user (not the page) put into credential fields, for the save prompt: the value of each password
 * field at its last trusted `input` event (typing, paste, the browser's own autofill), or at our fill. At
 * submit a password counts only if the field still holds exactly that value, so a page script that sets or
 * rewrites a password (`input.value = …`, synthetic events: isTrusted is false) never gets reported, and the
 * fields of forms the user never typed into are never read.
 *
 * Also the last username-like value the user typed, for two-step logins whose password step has no username
 * field (the username was typed on the previous step of the same document).
 */
export interface UserValues {
  /** Called by the `input` listener with the event's real target (composedPath()[0], open shadow roots too). */
  noteInput(target: EventTarget | null | undefined, trusted: boolean): void;
  /** Our own fills count as the user's: the user chose them. */
  noteFilled(inputs: readonly HTMLInputElement[]): void;
  /** The field's current value if the user typed or we filled it and nobody changed it since; else null. */
  userValue(input: HTMLInputElement | null | undefined): string | null;
  /** Whether any connected password field holds such a value: the cheap gate before any detection at submit. */
  any(): boolean;
  lastUsername(): string;
}

// Username-like fields by their own attributes only (cheap; the full detection runs later). en/de/fr/es/…
const USERNAME_HINT = /user|mail|login|ident|account|benutzer|utilisateur|usuario|utente|conta/i;

export function createUserValues(): UserValues {
  const values = new WeakMap<HTMLInputElement, string>();
  // The fields in `values`, to answer any() without a page walk; few (one or two per login).
  let fields: HTMLInputElement[] = [];
  let username = '';

  const remember = (input: HTMLInputElement): void => {
    values.set(input, input.value);
    if (!fields.includes(input)) fields = [...fields.filter((f) => f.isConnected), input];
  };

  return {
    noteInput(target, trusted) {
      if (!trusted || !(target instanceof HTMLInputElement)) return;
      if (target.type === 'password') remember(target);
      else if (
        target.type === 'email' ||
        /username|email/.test(target.autocomplete) ||
        USERNAME_HINT.test(target.name + ' ' + target.id)
      )
        username = target.value;
    },
    noteFilled(inputs) {
      for (const input of inputs) {
        if (input.type === 'password') remember(input);
        else username = input.value;
      }
    },
    userValue(input) {
      if (!input || !values.has(input)) return null;
      return values.get(input) === input.value && input.value !== '' ? input.value : null;
    },
    any() {
      return fields.some((f) => f.isConnected && values.get(f) === f.value && f.value !== '');
    },
    lastUsername: () => username,
  };
}
