/**
 * The browser-specific bits of the in-page UI, in one place. Chromium is the target today;
 * Firefox comes next, and the notes say what to check there.
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

/** Whether the user asked for less motion (then scrolling is instant). */
export function prefersReducedMotion(view: Window): boolean {
  return view.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
