import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground({
  type: 'module',
  main() {
    // The background is the only holder of keys (DESIGN §3). Issue 4 wires session, protocol and sync here.
  },
});
