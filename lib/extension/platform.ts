/**
 * The browser-specific bits of the in-page UI, in one place (checked in Chromium and Firefox ESR by
 * the same browser tests, tests/browser/extension.test.ts).
 *
 * Firefox (MV3) differences, and where they are handled:
 * - highlights and constructed stylesheets made from the content script are accepted by the page's
 *   CSS.highlights and document.adoptedStyleSheets as they are (Xray wrappers pass the DOM objects
 *   through; no cloneInto or wrappedJSObject needed); ::highlight() rules apply;
 * - caretPositionFromPoint is the standard one Firefox has always had;
 * - the background is an event page (background.scripts), built by WXT; fetch(runtime.getURL())
 *   of the packaged index works there as in Chromium's service worker;
 * - on install, update or reload Firefox injects the content script into pages already open, and
 *   the previous instance is gone without a chance to clean up: clearLeftovers() removes what it left;
 * - a smooth scrollIntoView() in a hidden tab is dropped (no frames to animate it): PageMarks.reveal
 *   jumps instead when the page is hidden, and starts its flash when the page is shown.
 */

/** The text position under a viewport point. */
export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  // Standard (Firefox, Chromium ≥ 128); Firefox may need the shadow-root option for our UI, not for page text.
  const withPosition = doc as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  if (typeof withPosition.caretPositionFromPoint === 'function') {
    const position = withPosition.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const withRange = doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null };
  if (typeof withRange.caretRangeFromPoint === 'function') {
    const range = withRange.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

/** The CSS Custom Highlight API, when the browser has it (Chromium 105+, Firefox 140+, Safari 17.2+). */
export function highlightRegistry(): HighlightRegistry | null {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function' ? CSS.highlights : null;
}

/**
 * A Highlight over the given ranges.
 * Firefox: objects made in the content script's compartment may need `cloneInto`/`window.Highlight`
 * (Xray wrappers) before the page's registry accepts them; check there first.
 */
export function createHighlight(ranges: Range[], priority: number): Highlight {
  const highlight = new Highlight(...ranges);
  highlight.priority = priority;
  return highlight;
}

/**
 * Add a constructed stylesheet to the document's scope (::highlight() rules must live there) without
 * touching the DOM. Returns the function that removes it again. The page may replace the array;
 * callers re-apply when they redraw.
 * Firefox: assigning `document.adoptedStyleSheets` from a content script goes through Xrays; a
 * sheet constructed with the page's `window.wrappedJSObject.CSSStyleSheet` may be needed.
 */
export function adoptStyleSheet(doc: Document, cssText: string): { ensure(): void; remove(): void } {
  const view = doc.defaultView;
  if (!view || !('adoptedStyleSheets' in doc)) return { ensure() {}, remove() {} };
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(cssText);
  const ensure = (): void => {
    if (!doc.adoptedStyleSheets.includes(sheet)) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  };
  ensure();
  return {
    ensure,
    remove() {
      if (doc.adoptedStyleSheets.includes(sheet)) {
        doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
      }
    },
  };
}

/**
 * Remove what an earlier instance of this content script left in the page (Firefox: after an
 * extension update or reload the old script is unloaded without running its clean-up, and the new
 * one is injected into the same page): our shadow host and our ::highlight() stylesheet.
 */
export function clearLeftovers(doc: Document, hostName: string, highlightPrefix: string): void {
  doc.querySelectorAll(hostName).forEach((element) => element.remove());
  if (!('adoptedStyleSheets' in doc)) return;
  const ours = (sheet: CSSStyleSheet): boolean => {
    try {
      const rules = [...sheet.cssRules];
      return rules.length > 0 && rules.every((rule) => rule.cssText.startsWith(`::highlight(${highlightPrefix}`));
    } catch {
      return false;
    }
  };
  if (doc.adoptedStyleSheets.some(ours)) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((sheet) => !ours(sheet));
}

/** Whether the user asked for less motion (then scrolling is instant). */
export function prefersReducedMotion(view: Window): boolean {
  return view.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** The sites the content script runs on: its `matches` (entrypoints/content/index.ts). */
export const PAGE_ORIGINS = ['http://*/*', 'https://*/*'];

/** Which browser's steps the popup shows for giving Corroborate access to sites. */
export type SiteAccessHelp = 'firefox' | 'chromium';

/**
 * When the page's script does not answer, whether that may be because the user withheld access to
 * sites, and so which browser's steps to show ("allow Corroborate on this site"); null when
 * Corroborate may read every site (the page is then a browser page, or was open before install).
 *
 * Firefox (MV3) makes host access opt-in: the user may switch "Access your data for all websites"
 * off (about:addons) or allow single sites only, and the content script does not run elsewhere.
 * Chromium grants the sites at install, but the user may restrict them to "on click" or a list.
 * Without the "tabs" permission the popup cannot see the tab's address, so the check is for all
 * sites; `permissions.contains` needs no permission of its own.
 */
export async function siteAccessHelp(
  permissions: { contains(request: { origins: string[] }): Promise<boolean> },
  browser: SiteAccessHelp = import.meta.env?.FIREFOX ? 'firefox' : 'chromium',
): Promise<SiteAccessHelp | null> {
  try {
    return (await permissions.contains({ origins: PAGE_ORIGINS })) ? null : browser;
  } catch {
    return null;
  }
}
