import { defineContentScript } from 'wxt/utils/define-content-script';
import { PageSession } from './session';

/**
 * Runs in every http(s) page's top frame once it is idle. Pages that are not English news
 * articles stop at the gate in PageSession.run and show nothing.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Our only styles go into our own shadow root; nothing is injected into the page's stylesheets
  // except the ::highlight() rules (a constructed sheet, see lib/extension/marks.ts).
  cssInjectionMode: 'ui',
  main(ctx) {
    new PageSession(ctx).start();
  },
});
