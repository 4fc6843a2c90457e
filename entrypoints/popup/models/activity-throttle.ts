/**
 * Reports user activity to the background at most once per interval: the inactivity lock (lib/session) needs
 * to know the popup is in use, but a message per keystroke would be pointless traffic.
 */
export const ACTIVITY_INTERVAL_MS = 20_000;

export function createActivityThrottle(
  report: () => void,
  now: () => number = Date.now,
  intervalMs: number = ACTIVITY_INTERVAL_MS,
): () => void {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const t = now();
    if (t - last < intervalMs) return;
    last = t;
    report();
  };
}
