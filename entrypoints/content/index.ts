import { defineContentScript } from 'wxt/utils/define-content-script';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main() {
    // Autofill (issue 6) is wired here; the always-on script must stay tiny (DESIGN §7).
  },
});
