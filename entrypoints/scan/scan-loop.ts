import type { RgbaImage } from '../../lib/qr/rgba-image';

/**
 * The scan loop: a frame every `intervalMs` (five a second by default: enough to feel instant to someone
 * holding up a code, and at most ~10 % of a core for the decoder), decoded within `deadlineMs` so a frame of
 * clutter cannot stall the loop, until `onCode` says stop or the signal aborts. Frames never overlap: the next
 * one is grabbed only after the previous decode finished.
 */
export interface ScanLoopOptions {
  /** The current frame, or null while there is none yet. */
  grab(): RgbaImage | null;
  decode(image: RgbaImage, options: { deadlineMs: number; signal: AbortSignal }): Promise<string | null>;
  /** Called with every code read; answer 'stop' to end the loop. */
  onCode(text: string): 'stop' | 'continue';
  signal: AbortSignal;
  intervalMs?: number;
  deadlineMs?: number;
}

export const SCAN_INTERVAL_MS = 200;
/** A camera frame of ≤ 800 px with no code runs every decoder pass in ~50–150 ms (lib/qr/README.md). */
export const FRAME_DEADLINE_MS = 300;

export async function runScanLoop(options: ScanLoopOptions): Promise<void> {
  const { signal } = options;
  const intervalMs = options.intervalMs ?? SCAN_INTERVAL_MS;
  const deadlineMs = options.deadlineMs ?? FRAME_DEADLINE_MS;
  while (!signal.aborted) {
    const started = performance.now();
    const image = options.grab();
    if (image !== null) {
      let text: string | null;
      try {
        text = await options.decode(image, { deadlineMs, signal });
      } catch (error) {
        if (signal.aborted) return;
        throw error;
      }
      if (signal.aborted) return;
      if (text !== null && options.onCode(text) === 'stop') return;
    }
    await sleep(Math.max(0, intervalMs - (performance.now() - started)), signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
