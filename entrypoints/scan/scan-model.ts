import { signal, type Signal } from '@preact/signals';
import { AccountError, UnsupportedKitVersionError } from '../../lib/account/errors';
import { parseKit } from '../../lib/account/kit-payload';
import type { SendMessage } from '../../lib/messaging/send-message';
import type { RgbaImage } from '../../lib/qr/rgba-image';
import { CAMERA_MESSAGES, stopCamera, type CameraResult } from './camera';
import { runScanLoop, type ScanLoopOptions } from './scan-loop';

/**
 * The scan page's state and actions (the view only renders `state` and calls these). One pass goes:
 * status check → camera → frames until a Latchkey code → the background opens it with the pending
 * email and password → signed in, or the reason it failed with a way to try again. The camera is on only
 * while frames are being read: it is stopped as soon as a code is found, on every error and when the page
 * goes away.
 */
export type ScanState =
  | { kind: 'checking' }
  /** No sign-in waiting for a kit (or already signed in): nothing to scan for. */
  | { kind: 'idle'; message: string }
  | { kind: 'starting' }
  /** `hint`: why the last code read was not used (another QR code, a damaged read); null before any. */
  | { kind: 'scanning'; stream: MediaStream; hint: string | null }
  | { kind: 'submitting' }
  | { kind: 'signed-in' }
  /**
   * `retryLabel` null: retrying here cannot help (the background dropped the sign-in, e.g. after a wrong
   * password); `next` then says where to go instead.
   */
  | { kind: 'failed'; message: string; retryLabel: 'Scan again' | 'Try again' | null; next?: string };

export const SIGNED_IN_MESSAGE = 'This browser is now signed in. You can close this tab.';
export const NO_SIGN_IN_MESSAGE =
  'No sign-in is in progress. Open Latchkey from the browser toolbar, choose "Sign in", enter your email and ' +
  'password, then choose "Scan with camera".';
export const ALREADY_SIGNED_IN_MESSAGE =
  'This browser is already signed in to Latchkey. You can close this tab.';
export const START_OVER_MESSAGE =
  'Open Latchkey from the browser toolbar to sign in again, then scan your QR code once more.';
export const CAMERA_STOPPED_MESSAGE =
  'The camera stopped sending pictures. Check that it is still connected, then try again.';

export interface ScanDeps {
  sendMessage: SendMessage;
  openCamera(): Promise<CameraResult>;
  decode: ScanLoopOptions['decode'];
  /** The current frame of the video element the view shows, or null before it has one. */
  grab(): RgbaImage | null;
}

export interface ScanModel {
  readonly state: Signal<ScanState>;
  /** Checks the sign-in and starts the camera; also the "Scan again" / "Try again" action. */
  start(): Promise<void>;
  /** Stops everything (page hidden or closed); `start` begins again. */
  stop(): void;
}

export function createScanModel(deps: ScanDeps): ScanModel {
  const state = signal<ScanState>({ kind: 'checking' });
  /** Bumped by every start and stop, so an answer that arrives after the user moved on is dropped. */
  let generation = 0;
  let stream: MediaStream | null = null;
  let scanning: AbortController | null = null;

  function release(): void {
    scanning?.abort();
    scanning = null;
    stopCamera(stream);
    stream = null;
  }

  function stop(): void {
    generation += 1;
    release();
  }

  async function start(): Promise<void> {
    stop();
    const run = generation;
    const current = () => run === generation;
    state.value = { kind: 'checking' };

    const status = await deps.sendMessage('status.get', {});
    if (!current()) return;
    if (!status.ok) {
      state.value = { kind: 'failed', message: status.error.message, retryLabel: 'Try again' };
      return;
    }
    const phase = status.value.phase;
    if (phase !== 'authenticating') {
      const signedIn = phase === 'unlocked' || phase === 'locked' || phase === 'password-changed';
      state.value = { kind: 'idle', message: signedIn ? ALREADY_SIGNED_IN_MESSAGE : NO_SIGN_IN_MESSAGE };
      return;
    }

    state.value = { kind: 'starting' };
    const camera = await deps.openCamera();
    if (!current()) {
      if (camera.ok) stopCamera(camera.stream);
      return;
    }
    if (!camera.ok) {
      state.value = { kind: 'failed', message: CAMERA_MESSAGES[camera.problem], retryLabel: 'Try again' };
      return;
    }
    stream = camera.stream;
    for (const track of stream.getVideoTracks()) {
      track.addEventListener('ended', () => {
        if (!current()) return;
        release();
        state.value = { kind: 'failed', message: CAMERA_STOPPED_MESSAGE, retryLabel: 'Try again' };
      });
    }
    state.value = { kind: 'scanning', stream, hint: null };

    const controller = new AbortController();
    scanning = controller;
    // A property, not a local: TypeScript does not see assignments made inside the callback below.
    const outcome: { found: string | null } = { found: null };
    try {
      await runScanLoop({
        grab: deps.grab,
        decode: deps.decode,
        signal: controller.signal,
        onCode(text) {
          const verdict = judge(text);
          if (verdict.kind === 'kit') {
            outcome.found = text;
            return 'stop';
          }
          if (verdict.kind === 'fatal') {
            release();
            state.value = { kind: 'failed', message: verdict.message, retryLabel: 'Scan again' };
            return 'stop';
          }
          // Not ours, or a misread: keep looking, and say why this one was not used.
          if (stream !== null) state.value = { kind: 'scanning', stream, hint: verdict.message };
          return 'continue';
        },
      });
    } catch (error) {
      if (!current()) return;
      release();
      console.error('scan: decoding a camera frame failed', error);
      state.value = { kind: 'failed', message: CAMERA_MESSAGES.failed, retryLabel: 'Try again' };
      return;
    }
    if (!current() || outcome.found === null) return;

    // The picture has done its job: the camera goes off before the (slow, ~1 s) QR key derivation.
    release();
    state.value = { kind: 'submitting' };
    const answer = await deps.sendMessage('signIn.authenticate', {
      kitText: outcome.found,
      source: 'qr-camera',
    });
    if (!current()) return;
    if (answer.ok) {
      state.value = { kind: 'signed-in' };
      return;
    }
    // Scanning again only helps while the sign-in still waits for a kit: a wrong password, for one, ends it
    // (the password must be typed again in the popup).
    const after = await deps.sendMessage('status.get', {});
    if (!current()) return;
    const waiting = after.ok && after.value.phase === 'authenticating';
    state.value = waiting
      ? { kind: 'failed', message: answer.error.message, retryLabel: 'Scan again' }
      : { kind: 'failed', message: answer.error.message, retryLabel: null, next: START_OVER_MESSAGE };
  }

  return { state, start, stop };
}

type Verdict = { kind: 'kit' } | { kind: 'skip'; message: string } | { kind: 'fatal'; message: string };

/**
 * Reads the code's text without any secret (lib/account parseKit): another QR code or a damaged read keeps the
 * scan going (the next frame may read it right); a kit from a newer Latchkey cannot get better by rescanning.
 */
function judge(text: string): Verdict {
  try {
    parseKit(text, 'qr');
    return { kind: 'kit' };
  } catch (error) {
    if (error instanceof UnsupportedKitVersionError) return { kind: 'fatal', message: error.message };
    if (error instanceof AccountError) return { kind: 'skip', message: error.message };
    throw error;
  }
}
