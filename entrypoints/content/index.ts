import { defineContentScript } from 'wxt/utils/define-content-script';
import { PageSession } from './session';

/**
 * Runs in every http(s) page's top frame once it is idle. Pages that are not English news
 * articles stop at the gate in PageSession.run and show nothing.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // No CSS file at all: the tooltip's styles are passed inline to its shadow root (so nothing is
  // fetched and nothing is web-accessible), and the ::highlight() rules are a constructed sheet
  // (lib/extension/marks.ts). "ui" mode would fetch content-scripts/content.css from the page.
  cssInjectionMode: 'manual',
  main(ctx) {
    new PageSession(ctx).start();
  },
});
