import type { TrustedSender } from '../../messaging/protocol';
import { webOrigin } from './web-origin';

/** A content script's (or framed page's) place, all of it from the browser's MessageSender. */
export interface SenderFrame {
  tabId: number;
  frameId: number;
  url: string;
  tabUrl?: string;
  documentId?: string;
}

/** The sender's tab and frame; null for a sender that is not in a tab (the router never lets one through). */
export function senderFrame(sender: TrustedSender): SenderFrame | null {
  if (sender.tabId === undefined || sender.frameId === undefined) return null;
  return {
    tabId: sender.tabId,
    frameId: sender.frameId,
    url: sender.url,
    ...(sender.tabUrl === undefined ? {} : { tabUrl: sender.tabUrl }),
    ...(sender.documentId === undefined ? {} : { documentId: sender.documentId }),
  };
}

/**
 * The tab's top origin as the browser says it now: sender.tab.url; for the top frame itself, its own URL when
 * the browser leaves tab.url out. Null when unknown (then nothing is filled in a sub-frame).
 */
export function liveTopOrigin(frame: { frameId: number; url: string; tabUrl?: string }): string | null {
  return webOrigin(frame.tabUrl) ?? (frame.frameId === 0 ? webOrigin(frame.url) : null);
}
