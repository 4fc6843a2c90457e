import { normalizeWebUrl } from '../../vault/record-fields';
import type { LoginUrl, RecordType } from '../../vault/record-types';
import { loginsForPage } from '../../vault/site-matches';
import { matchesPage } from '../../vault/url-match';
import { webOrigin } from './web-origin';

/** A frame as the browser's MessageSender describes it (never as a message claims it). */
export interface FrameLocation {
  /** The frame's own document URL (sender.url). */
  url: string;
  /** 0 for the tab's top frame. */
  frameId: number;
  /** The tab's live top URL (sender.tab.url), when the browser tells. */
  tabUrl?: string;
}

/**
 * The logins a frame may be offered or filled with (DESIGN §5, lib/autofill/DESIGN.md):
 *
 * - the top frame, or a sub-frame of the same origin as the top page: the usual rules of
 *   lib/vault/site-matches.ts on the frame's own URL (registrable domain by the PSL, host, exact, never;
 *   https credentials never to http);
 * - a cross-origin sub-frame, or one whose top page is unknown: only logins that match AND were saved for
 *   exactly the frame's origin (scheme, host, port). An embedded third-party widget on evil.example must not
 *   get evil.example's logins by being framed there, nor example.com's by registrable domain alone (a framed
 *   ads.example.com is not accounts.example.com).
 *
 * The top page's logins are never a frame's: everything is decided on the frame's own URL.
 */
export function loginsForFrame<T extends { type: RecordType; urls: readonly LoginUrl[] }>(
  items: readonly T[],
  frame: FrameLocation,
): T[] {
  const frameOrigin = webOrigin(frame.url);
  if (frameOrigin === null) return [];
  const sameOriginAsTop = frame.frameId === 0 || webOrigin(frame.tabUrl) === frameOrigin;
  const matches = loginsForPage(items, frame.url);
  if (sameOriginAsTop) return matches;
  return matches.filter((item) =>
    item.urls.some((entry) => savedOrigin(entry) === frameOrigin && matchesPage(entry, frame.url)),
  );
}

/** The origin a login URL was saved for (records may lack the scheme: it is https then, as records normalise). */
function savedOrigin(entry: LoginUrl): string | null {
  const url = normalizeWebUrl(entry.url);
  return url === null ? null : webOrigin(url);
}
