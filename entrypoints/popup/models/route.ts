import type { AccountStatus, KitArtifacts } from '../../../lib/messaging/protocol';
import type { RecordType } from '../../../lib/vault/record-types';

export interface SignInRetry {
  email: string;
  serverUrl: string;
  message: string;
}

/** Why the Authentication Kit is on screen: decides where "Continue" goes. */
export type KitReason = 'sign-up' | 'password-change' | 'recovery' | 'show';

/** Every screen of the popup, with what it needs to open. */
export type Route =
  | { screen: 'loading' }
  | { screen: 'welcome' }
  | { screen: 'sign-up' }
  /**
   * `retry`: back from "Authenticate this device" after "Incorrect password": the background has forgotten the
   * pending password, so the user types it again with email and server kept.
   */
  | { screen: 'sign-in'; retry?: SignInRetry }
  | { screen: 'authenticate' }
  | { screen: 'unlock' }
  | { screen: 'forgot-password' }
  | { screen: 'recovery-use' }
  | { screen: 'reset'; from: 'forgot-password' | 'settings' }
  | { screen: 'kit'; kit: KitArtifacts; reason: KitReason }
  | { screen: 'recovery-kit'; from: 'sign-up' | 'settings' }
  | { screen: 'home' }
  /** The vault (issue 5): one record, its editor (new or existing), the password generator. */
  | { screen: 'item'; id: string }
  | { screen: 'item-edit'; id: string }
  | { screen: 'item-new'; type: RecordType }
  | { screen: 'generator' }
  /** `flash`: the outcome of what the user just did there ("Email sent to j•••@example.com"). */
  | { screen: 'settings'; flash?: string }
  | { screen: 'reauth'; purpose: 'show-qr' | 'email-kit' }
  | { screen: 'change-password' }
  | { screen: 'devices' }
  | { screen: 'sign-out' };

export type ScreenName = Route['screen'];

/** The screen an account in this phase starts on. */
export function routeForStatus(status: AccountStatus): Route {
  switch (status.phase) {
    case 'signed-out':
      return { screen: 'welcome' };
    case 'authenticating':
      return { screen: 'authenticate' };
    case 'locked':
    case 'password-changed':
      return { screen: 'unlock' };
    case 'unlocked':
      return { screen: 'home' };
  }
}

/** Where "Continue" on the kit screen leads. */
export function routeAfterKit(reason: KitReason): Route {
  switch (reason) {
    case 'sign-up':
      return { screen: 'recovery-kit', from: 'sign-up' };
    case 'password-change':
    case 'show':
      return { screen: 'settings' };
    case 'recovery':
      return { screen: 'home' };
  }
}
