import * as v from 'valibot';
import { Email } from '../api/fields';
import { RecordDraftSchema } from '../vault/record-schema';
import type { RecordOverview, VaultRecord } from '../vault/record-types';
import type { DamageReason } from '../vault/store-types';

/**
 * Every message an extension context may send to the background (DESIGN §5), in one table: the request schema
 * (validated at runtime by the router before any handler runs), the response type, and who may send it.
 *
 * - `pages`: extension pages only (the popup, the camera scan tab). The router checks that the sender is this
 *   extension and that its URL is one of our own pages, never a content script.
 * - `content`: content scripts only (autofill, issue 6): a script in a web page's frame, whose tab, frame and URL
 *   come from the browser (`TrustedSender`). What a content script may ask is deliberately narrow (DESIGN §5,
 *   lib/autofill/DESIGN.md): the fill candidates of its own frame (titles and usernames, never secrets), a
 *   fill after a user action (it must hold a token the background made for that action), and the credentials
 *   a user just submitted (for the save prompt). Nothing else, and nothing about other sites.
 * - `frame`: our own extension pages framed inside a web page (the inline menu and the save bar): extension
 *   origin, but in a tab at frameId ≠ 0. They could be put under a hostile page's overlay, so they get their
 *   own narrow messages, bound to the tab the browser says they are in.
 *
 * The background's handler table (entrypoints/background) is typed `Handlers`, so a missing or mistyped handler
 * fails to compile, and tests/lib/messaging checks every message has a sender rule, a handler and a test.
 * Answers are Results: the sender never gets an exception, only `{ ok: false, error }` with a stable code and a
 * message written for the user (DESIGN §6 wording where it applies).
 */

// ---- shared field schemas ------------------------------------------------------------------------------

/** Passwords cross the boundary as typed; bounded so a message cannot be used to make the KDF choke. */
export const PasswordField = v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(1024, 'must be at most 1024 characters'),
);

/** The sync server's base URL, e.g. "http://127.0.0.1:8787". http only for loopback (checked by the handler). */
export const ServerUrlField = v.pipe(
  v.string('must be a string'),
  v.maxLength(2048, 'must be at most 2048 characters'),
  v.url('must be a URL'),
);

/** A kit payload as read from a QR, an image, a PDF or a key file (lib/account/kit-payload.ts parses it). */
export const KitTextField = v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(4096, 'must be at most 4096 characters'),
);

export const KitSource = v.picklist(['qr-image', 'qr-pdf', 'qr-camera', 'key-file']);
export type KitSource = v.InferOutput<typeof KitSource>;

/** Lock timeout (DESIGN §1, Bitwarden's choices): minutes of inactivity, on browser restart only, or never. */
export const LockTimeoutField = v.union([
  v.literal('browser-restart'),
  v.literal('never'),
  v.picklist([1, 5, 15, 60] as const),
]);
export type LockTimeout = v.InferOutput<typeof LockTimeoutField>;

// ---- what the background reports -----------------------------------------------------------------------

/**
 * Why the device is where it is, shown once on the next screen: "This device was signed out from another
 * device", "Your password was changed on another device. Enter your new password.", and so on.
 */
export interface Notice {
  kind: 'revoked' | 'password-changed' | 'session-expired' | 'account-reset' | 'signed-out';
  message: string;
}

export type AccountStatus =
  | { phase: 'signed-out'; notice: Notice | null; lastServerUrl: string | null; lastEmail: string | null }
  /** Sign-in started (email + password accepted, pre-login done): waiting for the kit. */
  | { phase: 'authenticating'; email: string; serverUrl: string }
  | { phase: 'locked'; email: string; serverUrl: string; notice: Notice | null }
  /** The server said the password was changed elsewhere: the unlock screen asks for the NEW password. */
  | { phase: 'password-changed'; email: string; serverUrl: string; notice: Notice }
  | {
      phase: 'unlocked';
      email: string;
      serverUrl: string;
      accountId: string;
      hasRecovery: boolean;
      lockTimeout: LockTimeout;
      /** ISO date of the last password change (or of sign-up). */
      keyEpochSince: string;
      notice: Notice | null;
    };

/** What the popup needs to show and offer the Authentication Kit (QR, PNG, PDF, key file). */
export interface KitArtifacts {
  payloadText: string;
  email: string;
  /** ISO date the kit was made. */
  createdAt: string;
  /** Whether the server accepted to email it (null when not asked). */
  emailed: boolean | null;
}

/** The Recovery Kit as made once: shown and downloaded, never stored by the extension. */
export interface RecoveryKitArtifacts {
  /** `LATCHKEY-RECOVERY:` payload, for the printed QR (lib/account/recovery-kit.ts). */
  payloadText: string;
  /** The human form to print and type (grouped, with a checksum). */
  recoveryCode: string;
  /** The Account Key in its human form (LK1-…), also printed on the kit. */
  accountKey: string;
  email: string;
  createdAt: string;
}

export interface DeviceInfo {
  id: string;
  name: string;
  kind: 'full' | 'recovery';
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

/** A local change not yet on the server (the vault issue fills this; sign-out lists them first). */
export interface UnsyncedChange {
  id: string;
  title: string;
  changedAt: string;
}

/**
 * Where sync stands, always visible in the popup (DESIGN §1, §6): the last success, what waits to be sent, the
 * last error in plain words and when the next attempt is due.
 */
export interface SyncStatus {
  /** A sync is running right now. */
  syncing: boolean;
  /** ISO date of the last sync that completed (pull and push), null before the first. */
  lastSuccessAt: string | null;
  /** Local changes not on the server yet (outbox rows). */
  pending: number;
  /** Quarantined boxes (damaged records). */
  damaged: number;
  /** The last attempt's failure, cleared by the next success. */
  lastError: { code: ErrorCode; message: string; at: string } | null;
  /** ISO date of the next automatic retry after a failure, null when none is scheduled. */
  nextRetryAt: string | null;
}

/** One row of the vault list: the record's list fields, never its secrets. */
export interface VaultListItem extends RecordOverview {
  /** Changed on this device and not on the server yet. */
  pending: boolean;
}

/** A record that failed to decrypt or authenticate (DESIGN §4, §6): shown with what to do, never synced. */
export interface DamagedItem {
  id: string;
  reason: DamageReason;
  /** What happened and what to do, written for the user. */
  message: string;
  /**
   * This device still has a good copy (it is in the list as usual): the user can put it back on the server
   * (`vault.repair` keep-this-device-copy).
   */
  hasGoodCopy: boolean;
  source: 'server' | 'local';
  /** ISO date it was quarantined. */
  at: string;
}

export interface VaultListing {
  /** In title order (lib/vault/title-order.ts); only the first `first` of them when the request said so. */
  items: VaultListItem[];
  /** How many items the vault lists in all: more than `items.length` for a first screenful. */
  total: number;
  /** With `pageUrl` in the request: the logins offered on that page (lib/vault/site-matches.ts). */
  matches?: VaultListItem[];
  damaged: DamagedItem[];
  sync: SyncStatus;
}

// ---- autofill (issue 6; lib/autofill) -------------------------------------------------------------------

/** A login offered on a page: what the inline menu and the content script may see. Never a secret. */
export interface FillCandidate {
  id: string;
  title: string;
  username: string;
}

/**
 * The answer to a content script that asks what it could fill in its frame (its own origin only). `menuId`
 * names an inline-menu session the background keeps for this tab (one at a time), made when there is
 * something to show: candidates, or the locked vault (the menu then offers to open Latchkey).
 */
export interface CandidatesAnswer {
  state: 'unlocked' | 'locked' | 'signed-out';
  candidates: FillCandidate[];
  menuId: string | null;
}

/**
 * The answer to `autofill.fill`: the credentials for the requesting frame; or, on the shortcut when several
 * logins match, the inline menu to open (its session id); or nothing to fill (no login matches this frame).
 */
export type FillAnswer =
  | { action: 'fill'; username: string; password: string }
  | { action: 'choose'; menuId: string }
  | { action: 'none' };

/** What the save bar shows: the site, the username, and whether it saves a new login or updates one. */
export interface SavePromptView {
  kind: 'save' | 'update';
  /** The host the credentials were submitted on, as the user knows it (e.g. "accounts.example.com"). */
  site: string;
  username: string;
  /** With update: the title of the login it would change. */
  title: string | null;
}

/** Random ids the background makes for fill tokens, menu and prompt sessions: 128 bits, base64url. */
export const SessionToken = v.pipe(
  v.string('must be a string'),
  v.regex(/^[A-Za-z0-9_-]{22,64}$/, 'must be a Latchkey token'),
);

/** What a page's form may hand over: bounded like any password, and a username may be empty. */
const SubmittedUsername = v.pipe(
  v.string('must be a string'),
  v.maxLength(1024, 'must be at most 1024 characters'),
);

// ---- errors ----------------------------------------------------------------------------------------------

/**
 * Every failure the popup must tell apart. `message` is written for the user and shown as is; `retryAfter`
 * (seconds) comes with rate-limited.
 */
export type ErrorCode =
  // the message itself
  | 'invalid-message'
  | 'forbidden-sender'
  // state
  | 'not-signed-in'
  | 'locked'
  | 'already-signed-in'
  | 'no-sign-in-in-progress'
  // the kit (DESIGN §6; lib/account/errors.ts)
  | 'not-latchkey'
  | 'damaged'
  | 'newer-version'
  | 'wrong-account'
  | 'outdated'
  | 'epoch-ahead'
  | 'wrong-password'
  | 'account-key-format'
  | 'wrong-recovery-kit'
  // input
  | 'weak-password'
  | 'bad-server-url'
  | 'unsynced-changes'
  | 'invalid-record'
  | 'not-found'
  // autofill
  | 'expired'
  | 'not-allowed-here'
  // the server (lib/api problem codes, in plain words)
  | 'network'
  | 'invalid-response'
  | 'invalid-credentials'
  | 'email-taken'
  | 'rate-limited'
  | 'session-revoked'
  | 'password-changed'
  | 'session-expired'
  | 'reauth-required'
  | 'recovery-not-set-up'
  | 'invalid-reset-code'
  | 'conflict-epoch'
  | 'mail-failed'
  | 'unavailable'
  | 'internal';

export interface ProtocolError {
  code: ErrorCode;
  message: string;
  retryAfter?: number;
  /** With unsynced-changes: what would be lost. */
  unsynced?: UnsyncedChange[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

// ---- the messages ----------------------------------------------------------------------------------------

const empty = v.strictObject({});

/** Record ids are random UUIDs made by the device that created the record. */
export const RecordId = v.pipe(v.string('must be a string'), v.uuid('must be a record id'));

export const PROTOCOL = {
  /** Where the account stands; the popup calls it on open and after every action. */
  'status.get': { senders: 'pages', request: empty, response: {} as AccountStatus },

  /** Creates the account and this device's session; answers the kit to show. */
  'account.signUp': {
    senders: 'pages',
    request: v.strictObject({
      serverUrl: ServerUrlField,
      email: Email,
      password: PasswordField,
      /** "Email me my kit" (on by default, DESIGN §1). */
      emailKit: v.boolean(),
    }),
    response: {} as KitArtifacts,
  },

  /** Step 1 of signing in on a new device: checks the server and keeps email + password until the kit comes. */
  'signIn.begin': {
    senders: 'pages',
    request: v.strictObject({ serverUrl: ServerUrlField, email: Email, password: PasswordField }),
    response: {} as AccountStatus,
  },
  /** Step 2: the kit, from whichever of the four ways; the pending email and password open it. */
  'signIn.authenticate': {
    senders: 'pages',
    request: v.strictObject({ kitText: KitTextField, source: KitSource }),
    response: {} as AccountStatus,
  },
  'signIn.cancel': { senders: 'pages', request: empty, response: {} as AccountStatus },

  /** Unlock with the password; in phase password-changed, this is the NEW password. */
  unlock: {
    senders: 'pages',
    request: v.strictObject({ password: PasswordField }),
    response: {} as AccountStatus,
  },
  lock: { senders: 'pages', request: empty, response: {} as AccountStatus },
  /** The popup reports user activity, which restarts the inactivity timer. */
  'activity.touch': { senders: 'pages', request: empty, response: {} as { lockAt: string | null } },

  'settings.setLockTimeout': {
    senders: 'pages',
    request: v.strictObject({ lockTimeout: LockTimeoutField }),
    response: {} as AccountStatus,
  },

  /** "Show my QR code" / "Download the kit" / "Re-send the kit email": a fresh kit, after the password. */
  'kit.make': {
    senders: 'pages',
    request: v.strictObject({ password: PasswordField, sendEmail: v.boolean() }),
    response: {} as KitArtifacts,
  },

  /** Changes the password; answers the new kit (the old QR codes are now outdated). */
  'password.change': {
    senders: 'pages',
    request: v.strictObject({
      currentPassword: PasswordField,
      newPassword: PasswordField,
      emailKit: v.boolean(),
    }),
    response: {} as KitArtifacts,
  },

  'devices.list': { senders: 'pages', request: empty, response: {} as DeviceInfo[] },
  'devices.revoke': {
    senders: 'pages',
    request: v.strictObject({ id: v.pipe(v.string(), v.uuid('must be a device id')) }),
    response: {} as DeviceInfo[],
  },

  /** Makes (or replaces) the Recovery Kit; the password is asked again. */
  'recovery.create': {
    senders: 'pages',
    request: v.strictObject({ password: PasswordField }),
    response: {} as RecoveryKitArtifacts,
  },
  'recovery.remove': {
    senders: 'pages',
    request: v.strictObject({ password: PasswordField }),
    response: {} as AccountStatus,
  },
  /**
   * Forgot password, with a Recovery Kit: the kit's payload (from its QR, image or PDF) or its typed codes, and
   * the new password. Signs this device in, unlocked, with no data lost.
   */
  'recovery.use': {
    senders: 'pages',
    request: v.strictObject({
      serverUrl: ServerUrlField,
      email: Email,
      kit: v.variant('kind', [
        v.strictObject({ kind: v.literal('payload'), payloadText: KitTextField }),
        v.strictObject({
          kind: v.literal('typed'),
          accountKey: v.pipe(v.string(), v.maxLength(200)),
          recoveryCode: v.pipe(v.string(), v.maxLength(400)),
        }),
      ]),
      newPassword: PasswordField,
      emailKit: v.boolean(),
    }),
    response: {} as KitArtifacts,
  },

  /** Forgot password, no Recovery Kit: email a reset code (answers the same whether the account exists). */
  'reset.start': {
    senders: 'pages',
    request: v.strictObject({ serverUrl: ServerUrlField, email: Email }),
    response: {} as Record<string, never>,
  },
  /** Wipes the account on the server (and this device's copy) with the emailed code. */
  'reset.finish': {
    senders: 'pages',
    request: v.strictObject({
      serverUrl: ServerUrlField,
      email: Email,
      code: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    }),
    response: {} as AccountStatus,
  },

  /** Signs out; refuses with unsynced-changes (listing them) unless `discardUnsynced`. */
  'account.signOut': {
    senders: 'pages',
    request: v.strictObject({ discardUnsynced: v.boolean() }),
    response: {} as AccountStatus,
  },
  'account.unsyncedChanges': { senders: 'pages', request: empty, response: {} as UnsyncedChange[] },

  // ---- the vault (issue 5; lib/vault, lib/sync) ----

  /** The list fields of every record, the damaged ones and the sync status: the popup's vault screen. */
  'vault.list': {
    senders: 'pages',
    request: v.strictObject({
      /**
       * Only the first N items (in title order), with `total`: the popup paints its first screen from these
       * and asks for the rest right after (DESIGN §7: a 10k listing is a 3.4 MB message).
       */
      first: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
      /** The page the popup opened over: the answer carries its matching logins (`matches`). */
      pageUrl: v.optional(v.pipe(v.string(), v.maxLength(4096))),
    }),
    response: {} as VaultListing,
  },
  /** One whole record, secrets included, for the item view and the editor. */
  'vault.get': { senders: 'pages', request: v.strictObject({ id: RecordId }), response: {} as VaultRecord },
  /** Adds (no id) or edits (id) a record; answers it as stored. A sync follows shortly (debounced). */
  'vault.save': {
    senders: 'pages',
    request: v.strictObject({ draft: RecordDraftSchema }),
    response: {} as VaultRecord,
  },
  'vault.delete': {
    senders: 'pages',
    request: v.strictObject({ id: RecordId }),
    response: {} as Record<string, never>,
  },
  /**
   * A conflict copy: keep the copy (its fields replace the original's, and the copy goes) or keep the original
   * (the copy goes). Either way the decision syncs like any edit.
   */
  'vault.resolveConflict': {
    senders: 'pages',
    request: v.strictObject({ copyId: RecordId, keep: v.picklist(['copy', 'original']) }),
    response: {} as Record<string, never>,
  },
  /**
   * A damaged record: put this device's good copy back on the server over the damaged one, or delete the
   * record everywhere (the damaged box is dropped from this device too).
   */
  'vault.repair': {
    senders: 'pages',
    request: v.strictObject({ id: RecordId, action: v.picklist(['keep-this-device-copy', 'delete']) }),
    response: {} as Record<string, never>,
  },
  /** "Sync now" (also the keyboard shortcut, through the commands API): answers when the sync is over. */
  'sync.now': { senders: 'pages', request: empty, response: {} as SyncStatus },
  'sync.status': { senders: 'pages', request: empty, response: {} as SyncStatus },

  // ---- the clipboard (issue 5; lib/clipboard) ----

  /**
   * After the popup copies a secret: clear the clipboard in `afterSeconds`, even once the popup has closed. It
   * carries no text (clearing writes ''); a newer request replaces the pending one. `unavailable` where the
   * browser gives the background no clipboard. The popup offers 10 s … 2 min; 600 bounds what a page may ask.
   */
  'clipboard.scheduleClear': {
    senders: 'pages',
    request: v.strictObject({
      afterSeconds: v.pipe(
        v.number('must be a number'),
        v.integer('must be whole seconds'),
        v.minValue(1, 'must be at least 1'),
        v.maxValue(600, 'must be at most 600'),
      ),
    }),
    response: {} as { clearAt: string },
  },

  // ---- autofill (issue 6; lib/autofill, DESIGN.md beside it) ----

  /**
   * A content script asks what it could fill in its own frame (when a login field gets focus, or before the
   * shortcut's fill). The frame's URL comes from the sender; a cross-origin iframe only gets logins saved for
   * its own origin. Answers titles and usernames, never a secret.
   */
  'autofill.candidates': { senders: 'content', request: empty, response: {} as CandidatesAnswer },
  /**
   * A fill, after a user action: the content script holds the token the background sent it for that action
   * (popup click, shortcut, inline-menu click; single use, seconds-long, bound to the tab, the frame where
   * known, the record where chosen and the top page's origin). The background re-checks the live tab and frame
   * from the sender, then answers the credentials for this frame only.
   */
  'autofill.fill': {
    senders: 'content',
    request: v.strictObject({ token: SessionToken }),
    response: {} as FillAnswer,
  },
  /**
   * A user submitted a form with credentials typed (or filled) in it: the background decides whether to offer
   * saving (new login) or updating (changed password), and shows the save bar in the tab's top frame.
   */
  'autofill.submitted': {
    senders: 'content',
    request: v.strictObject({
      kind: v.picklist(['login', 'signup', 'change-password']),
      username: SubmittedUsername,
      password: PasswordField,
      newPassword: v.optional(PasswordField),
    }),
    response: {} as { prompt: boolean },
  },

  /** The inline menu (our page framed by the content script): the candidates of its session. */
  'inline.list': {
    senders: 'frame',
    request: v.strictObject({ menuId: SessionToken }),
    response: {} as { state: 'unlocked' | 'locked'; site: string; candidates: FillCandidate[] },
  },
  /** The user clicked (or pressed Enter on) a login in the inline menu: the background starts the fill. */
  'inline.choose': {
    senders: 'frame',
    request: v.strictObject({ menuId: SessionToken, id: RecordId }),
    response: {} as Record<string, never>,
  },
  /** The save bar (our page framed in the top frame): what to ask. */
  'savePrompt.get': {
    senders: 'frame',
    request: v.strictObject({ promptId: SessionToken }),
    response: {} as SavePromptView,
  },
  /** The user's answer: save the new login, update the password, never for this site, or not now. */
  'savePrompt.answer': {
    senders: 'frame',
    request: v.strictObject({
      promptId: SessionToken,
      action: v.picklist(['save', 'update', 'never', 'dismiss']),
    }),
    response: {} as Record<string, never>,
  },

  /**
   * "Fill" in the popup: fill this login in the tab the popup is over (or, popped out, the tab it was opened
   * for). Answers once a frame of the tab filled it, or `filled: false` when none could within a second.
   */
  'autofill.fillFromPopup': {
    senders: 'pages',
    request: v.strictObject({ id: RecordId, tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
    response: {} as { filled: boolean },
  },
  /** The sites the user said "never" to in the save bar, to list and undo in the settings. */
  'autofill.neverSites': { senders: 'pages', request: empty, response: {} as string[] },
  'autofill.removeNeverSite': {
    senders: 'pages',
    request: v.strictObject({ site: v.pipe(v.string(), v.minLength(1), v.maxLength(253)) }),
    response: {} as string[],
  },
} as const satisfies Record<string, { senders: SenderKind; request: v.GenericSchema; response: unknown }>;

/** Who may send a message: see the comment at the top of this file. */
export type SenderKind = 'pages' | 'content' | 'frame';

export type Protocol = typeof PROTOCOL;
export type MessageType = keyof Protocol;
export const MESSAGE_TYPES = Object.keys(PROTOCOL) as MessageType[];

export type RequestOf<T extends MessageType> = v.InferOutput<Protocol[T]['request']>;
/** What a sender passes (before the schema's transforms, e.g. email normalisation). */
export type RequestInput<T extends MessageType> = v.InferInput<Protocol[T]['request']>;
export type ResponseOf<T extends MessageType> = Protocol[T]['response'];

/** The wire envelope. */
export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  request: RequestInput<T>;
}

/** The background's handler table: one async handler per message, returning a Result. */
export type Handlers = {
  [T in MessageType]: (request: RequestOf<T>, sender: TrustedSender) => Promise<Result<ResponseOf<T>>>;
};

/** What the router established about the sender before a handler runs, all of it from the browser. */
export interface TrustedSender {
  kind: 'page' | 'content' | 'frame';
  /** For content scripts and framed pages: the tab and frame the browser vouches for. */
  tabId?: number;
  frameId?: number;
  /** The sending document's URL (sender.url): for a content script, its frame's page. */
  url: string;
  /** The tab's top-level URL when the browser tells (sender.tab.url; content scripts and framed pages). */
  tabUrl?: string;
  /** Chrome's sender.documentId: the exact document, so a fill cannot land in a document that replaced it. */
  documentId?: string;
}
