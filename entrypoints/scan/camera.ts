/**
 * Opening the camera for the scan page, with every failure turned into a value the page can explain.
 * getUserMedia rejects with a DOMException whose `name` says what went wrong (Media Capture and Streams
 * §10.2.1, https://w3c.github.io/mediacapture-main/#dom-mediadevices-getusermedia): the names below are the
 * ones Chromium and Firefox use for a denied permission, a missing camera and a busy one.
 */

export type CameraProblem = 'denied' | 'not-found' | 'busy' | 'unsupported' | 'failed';

export type CameraResult =
  { ok: true; stream: MediaStream } | { ok: false; problem: CameraProblem; detail: string };

/** What the page shows for each problem (role="alert"); the upload paths are always the way out. */
export const CAMERA_MESSAGES: Record<CameraProblem, string> = {
  denied:
    "Latchkey was not allowed to use the camera. Allow camera access for this page in the browser's site " +
    'settings, or go back and upload an image or PDF of your QR code.',
  'not-found':
    'No camera was found. Connect a camera and try again, or go back and upload an image or PDF of your QR code.',
  busy:
    'The camera is in use by another app or could not be started. Close other apps that use the camera and ' +
    'try again, or go back and upload an image or PDF of your QR code.',
  unsupported:
    'This browser cannot give Latchkey access to a camera. Go back and upload an image or PDF of your QR code.',
  failed:
    'The camera could not be started. Try again, or go back and upload an image or PDF of your QR code.',
};

/**
 * The back camera when there is one (a phone or tablet), any camera otherwise: `facingMode` is a preference
 * here, not a requirement, so a laptop's front camera still works. No audio.
 */
const CONSTRAINTS: MediaStreamConstraints = { video: { facingMode: 'environment' }, audio: false };

export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

export async function openCamera(getUserMedia: GetUserMedia | undefined): Promise<CameraResult> {
  if (getUserMedia === undefined) return { ok: false, problem: 'unsupported', detail: 'no mediaDevices' };
  try {
    return { ok: true, stream: await getUserMedia(CONSTRAINTS) };
  } catch (error) {
    const name = error instanceof Error ? error.name : 'unknown';
    return { ok: false, problem: problemOf(name), detail: name };
  }
}

function problemOf(name: string): CameraProblem {
  switch (name) {
    // SecurityError: camera access disabled for the document (a permissions policy or an enterprise policy).
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    // OverconstrainedError can only come from constraints no camera meets; ours has none that are required.
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'not-found';
    // Chromium reports a camera held by another process as NotReadableError, Firefox sometimes as AbortError.
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    case 'TypeError':
    case 'NotSupportedError':
      return 'unsupported';
    default:
      return 'failed';
  }
}

/** Turns the camera off (its light too): every track must be stopped, not just the element detached. */
export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
