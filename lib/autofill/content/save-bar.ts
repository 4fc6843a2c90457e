import { openFrameHost, type FrameHost } from '../frame-host';

/**
 * The save bar (save-prompt.html, fixed top-right of the viewport, with the same closed-shadow-root host and
 * clickjacking guard as the inline menu). Top frame only: a sub-frame's content script never shows it, so a
 * framed page cannot put our prompt where its parent overlays it. One at a time; a new prompt replaces the old.
 */
export type ShowSaveBar = (promptId: string) => void;

export function createSaveBar(
  signal: AbortSignal,
  extensionUrl: (path: string) => string,
  isTopFrame: boolean,
): ShowSaveBar {
  let bar: FrameHost | null = null;
  return (promptId) => {
    if (!isTopFrame || signal.aborted) return;
    bar?.close('replaced');
    const host = openFrameHost({
      page: 'save-prompt.html',
      sessionId: promptId,
      anchor: null,
      signal,
      extensionUrl,
      onClose: () => {
        if (bar === host) bar = null;
      },
    });
    bar = host;
  };
}
