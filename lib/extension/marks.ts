/**
 * Inline marks drawn with the CSS Custom Highlight API: no element of the page is touched, so its
 * layout cannot move. Highlights are not elements either, so pointer and focus are hit-tested
 * against the ranges. DOM-only; the content script wires it to events.
 */
import type { MarkKind } from './kinds';
import { adoptStyleSheet, caretAt, createHighlight, highlightRegistry, prefersReducedMotion } from './platform';

export const HIGHLIGHT_NAMES: Record<MarkKind | 'active' | 'flash', string> = {
  corroborated: 'corroborate-corroborated',
  'single-source': 'corroborate-single-source',
  conflict: 'corroborate-conflict',
  active: 'corroborate-active',
  flash: 'corroborate-flash',
};

/**
 * Colour is never the only cue: each kind has its own underline style too (solid, dashed, wavy).
 * ::highlight() accepts only a few properties (colours, text-decoration, text-shadow).
 */
export const HIGHLIGHT_CSS = `
::highlight(corroborate-corroborated) {
  background-color: rgba(46, 160, 67, 0.13);
  text-decoration: underline solid rgba(26, 127, 55, 0.8);
}
::highlight(corroborate-single-source) {
  text-decoration: underline dashed rgba(176, 118, 0, 0.9);
}
::highlight(corroborate-conflict) {
  background-color: rgba(207, 34, 46, 0.12);
  text-decoration: underline wavy rgba(207, 34, 46, 0.95);
}
::highlight(corroborate-active) {
  background-color: rgba(84, 174, 255, 0.30);
}
::highlight(corroborate-flash) {
  background-color: rgba(255, 200, 0, 0.65);
  color: #000;
}
`;

export interface MarkItem {
  /** Report sentence index. */
  index: number;
  kind: MarkKind;
  ranges: Range[];
}

export class PageMarks {
  private items: MarkItem[] = [];
  private byIndex = new Map<number, MarkItem>();
  private sheet: { ensure(): void; remove(): void } | null = null;
  private flashTimers: number[] = [];
  /** Removes the listener of a flash waiting for the page to be shown. */
  private stopPendingFlash: (() => void) | null = null;

  constructor(private readonly doc: Document) {}

  /** Whether the browser can draw marks at all. */
  static supported(): boolean {
    return highlightRegistry() !== null;
  }

  get count(): number {
    return this.items.length;
  }

  /** Indices of marked sentences, in document order. */
  get order(): number[] {
    return this.items.map((item) => item.index);
  }

  has(index: number): boolean {
    return this.byIndex.has(index);
  }

  kindOf(index: number): MarkKind | null {
    return this.byIndex.get(index)?.kind ?? null;
  }

  /** Replace all marks. Items whose ranges are empty are kept out. */
  draw(items: MarkItem[]): void {
    const registry = highlightRegistry();
    this.items = items.filter((item) => item.ranges.length > 0);
    this.items.sort((a, b) => compareRanges(a.ranges[0]!, b.ranges[0]!));
    this.byIndex = new Map(this.items.map((item) => [item.index, item]));
    if (!registry) return;
    if (!this.sheet) this.sheet = adoptStyleSheet(this.doc, HIGHLIGHT_CSS);
    else this.sheet.ensure();
    const kinds: MarkKind[] = ['corroborated', 'single-source', 'conflict'];
    kinds.forEach((kind, i) => {
      const ranges = this.items.filter((item) => item.kind === kind).flatMap((item) => item.ranges);
      if (ranges.length > 0) registry.set(HIGHLIGHT_NAMES[kind], createHighlight(ranges, i));
      else registry.delete(HIGHLIGHT_NAMES[kind]);
    });
    this.setActive(null);
  }

  /** Remove every mark and the stylesheet. */
  clear(): void {
    const registry = highlightRegistry();
    for (const name of Object.values(HIGHLIGHT_NAMES)) registry?.delete(name);
    this.stopFlash();
    this.sheet?.remove();
    this.sheet = null;
    this.items = [];
    this.byIndex.clear();
  }

  /** Emphasise one sentence (the one whose comparison is open), or none. */
  setActive(index: number | null): void {
    const registry = highlightRegistry();
    if (!registry) return;
    const item = index === null ? undefined : this.byIndex.get(index);
    if (item) registry.set(HIGHLIGHT_NAMES.active, createHighlight(item.ranges, 10));
    else registry.delete(HIGHLIGHT_NAMES.active);
  }

  /** The marked sentence under a viewport point, if any. */
  hitTest(x: number, y: number): number | null {
    if (this.items.length === 0) return null;
    const caret = caretAt(this.doc, x, y);
    if (!caret) return null;
    for (const item of this.items) {
      if (!item.ranges.some((range) => safePointInRange(range, caret.node, caret.offset))) continue;
      // The caret snaps to the nearest character; only count it when the point is on the text.
      if (this.rects(item.index).some((r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1)) {
        return item.index;
      }
    }
    return null;
  }

  /** The marked sentence that contains or overlaps a node (e.g. a focused link), if any. */
  indexContaining(node: Node): number | null {
    for (const item of this.items) {
      if (item.ranges.some((range) => safeIntersects(range, node))) return item.index;
    }
    return null;
  }

  /** Line boxes of a marked sentence, in viewport coordinates. */
  rects(index: number): DOMRect[] {
    const item = this.byIndex.get(index);
    if (!item) return [];
    return item.ranges.flatMap((range) => Array.from(range.getClientRects())).filter((r) => r.width > 0 && r.height > 0);
  }

  /** Whether the page has replaced text the marks point into (then they should be re-anchored). */
  isStale(): boolean {
    return this.items.some((item) => item.ranges.some((r) => !r.startContainer.isConnected || r.collapsed));
  }

  /** Scroll a sentence into view and flash it. Returns false when it is not marked/anchored. */
  reveal(index: number, ranges?: Range[]): boolean {
    const targets = ranges ?? this.byIndex.get(index)?.ranges;
    const first = targets?.[0];
    const registry = highlightRegistry();
    if (!targets || !first) return false;
    const element = first.startContainer.parentElement;
    const view = this.doc.defaultView;
    const hidden = isHidden(this.doc);
    // A hidden tab (the popup opened as a tab, a sidebar) has no frames to animate a smooth scroll
    // with: Firefox drops it altogether. Jump there instead; it is what the user sees on return.
    element?.scrollIntoView({ block: 'center', behavior: hidden || (view && prefersReducedMotion(view)) ? 'instant' : 'smooth' });
    if (!registry) return true;
    if (!this.sheet) this.sheet = adoptStyleSheet(this.doc, HIGHLIGHT_CSS);
    this.stopFlash();
    const on = (): void => void registry.set(HIGHLIGHT_NAMES.flash, createHighlight(targets, 20));
    const off = (): void => void registry.delete(HIGHLIGHT_NAMES.flash);
    const flash = (): void => {
      on();
      [[450, off], [650, on], [1500, off]].forEach(([delay, fn]) => {
        this.flashTimers.push(setTimeout(fn as () => void, delay as number) as unknown as number);
      });
    };
    if (!hidden) flash();
    else {
      // A flash nobody sees is no flash: start it when the page is shown again.
      const onShow = (): void => {
        if (isHidden(this.doc)) return;
        this.stopFlash();
        flash();
      };
      this.doc.addEventListener('visibilitychange', onShow);
      this.stopPendingFlash = () => this.doc.removeEventListener('visibilitychange', onShow);
    }
    return true;
  }

  /** Cancel a running or pending flash (the highlight itself is left to the caller). */
  private stopFlash(): void {
    for (const timer of this.flashTimers) clearTimeout(timer);
    this.flashTimers = [];
    this.stopPendingFlash?.();
    this.stopPendingFlash = null;
  }
}

function isHidden(doc: Document): boolean {
  return doc.visibilityState === 'hidden';
}

function compareRanges(a: Range, b: Range): number {
  try {
    return a.compareBoundaryPoints(Range.START_TO_START, b);
  } catch {
    return 0;
  }
}

function safePointInRange(range: Range, node: Node, offset: number): boolean {
  try {
    return range.isPointInRange(node, offset);
  } catch {
    return false;
  }
}

function safeIntersects(range: Range, node: Node): boolean {
  try {
    return range.intersectsNode(node);
  } catch {
    return false;
  }
}
