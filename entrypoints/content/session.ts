/**
 * One page's life in the content script: gate → extract (on a clone) → ask the background for the
 * report → anchor the sentences in the live page → draw marks; then pointer, focus and keyboard
 * handling for the tooltip, popup requests, settings changes and single-page-app navigation.
 *
 * Everything is registered through WXT's `ctx`, so an extension reload or update (which invalidates
 * this script) removes every listener, mark and element we added.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { extractArticle, isProbablyArticle, MAX_ARTICLE_CHARS, MAX_PAGE_ELEMENTS } from '../../lib/extract';
import { anchor } from '../../lib/anchor';
import type { Report, ReportSentence } from '../../lib/types';
import { markKind, sentencesToMark, type MarkKind } from '../../lib/extension/kinds';
import { PageMarks } from '../../lib/extension/marks';
import { clearLeftovers } from '../../lib/extension/platform';
import { onMessage, sendMessage, type PageState } from '../../lib/extension/protocol';
import { parseAnalysisResult, SentenceIndexSchema } from '../../lib/extension/schemas';
import { isExcluded, type Settings } from '../../lib/extension/settings';
import { getSettings, watchSettings } from '../../lib/extension/storage';
import { createTooltipUi, SHADOW_HOST_NAME, type TooltipUi } from './tooltip-ui';
import * as v from 'valibot';

const HOVER_OPEN_MS = 180;
const HOVER_CLOSE_MS = 350;
/** How long after a page (or a single-page-app view) starts its article may still be rendered by script. */
const LATE_ARTICLE_MS = 15_000;
/** How much text must arrive before such a page is read again, and how many times it may be (a growing feed is no article). */
const LATE_ARTICLE_CHARS = 1_000;
const LATE_ARTICLE_TRIES = 3;

interface Open {
  index: number;
  /** Pinned by a click or the keyboard: hovering elsewhere does not close it. */
  pinned: boolean;
  /** Keyboard focus was moved into the tooltip; give it back on close. */
  returnFocus: Element | null;
  takeFocus: boolean;
  pointerY: number | null;
}

export class PageSession {
  private state: PageState = { status: 'starting' };
  private settings: Settings | null = null;
  private report: Report | null = null;
  /** Ranges of every report sentence (by index), marked or not, for `reveal`. */
  private anchors = new Map<number, Range[]>();
  private readonly marks = new PageMarks(document);
  private ui: Promise<TooltipUi> | null = null;
  private open: Open | null = null;
  private pointerInTooltip = false;
  private hoverTimer: number | undefined;
  private frame = 0;
  private runId = 0;
  private observer: MutationObserver | null = null;
  /** Watches a page found not to be an article, until `lateUntil`, for an article rendered late. */
  private lateWatch: { observer: MutationObserver; timer?: number } | null = null;
  private lateUntil = 0;
  private lateTries = 0;
  private watchingValidity = false;
  /** When the current analysis began and when its marks were first drawn (performance.now()). */
  private timing = { startedAt: 0, markedAt: 0 };

  constructor(private readonly ctx: ContentScriptContext) {}

  start(): void {
    const { ctx } = this;
    clearLeftovers(document, SHADOW_HOST_NAME, 'corroborate-');
    ctx.onInvalidated(() => this.teardown());
    ctx.onInvalidated(quietly(onMessage('getPageState', () => this.state)));
    ctx.onInvalidated(
      quietly(
        onMessage('revealSentence', (message) => {
          const { index } = v.parse(SentenceIndexSchema, message.data);
          return this.reveal(index);
        }),
      ),
    );
    ctx.onInvalidated(watchSettings((settings) => this.onSettings(settings)));
    ctx.addEventListener(window, 'wxt:locationchange', () => void this.onLocationChange());
    this.openLateWindow();
    void this.run();
  }

  // ---------------------------------------------------------------------------------------------
  // Analysis

  private async run(): Promise<void> {
    const startedAt = performance.now();
    const id = ++this.runId;
    const stale = (): boolean => id !== this.runId || this.ctx.isInvalid;
    this.reset();
    try {
      this.settings ??= await getSettings();
      if (stale()) return;
      if (isExcluded(location.hostname, this.settings.excludedSites)) {
        this.state = { status: 'excluded', site: location.hostname };
        return;
      }
      // The cheap gate: most pages stop here, having cost a DOM scan and nothing else.
      if (!isProbablyArticle(document)) {
        this.state = { status: 'not-article', reason: 'layout' };
        this.watchForLateArticle();
        return;
      }
      const declared = primaryLanguage(document.documentElement.getAttribute('lang'));
      if (declared && declared !== 'en') {
        this.state = { status: 'not-article', reason: 'language', language: declared };
        return;
      }
      if (document.getElementsByTagName('*').length > MAX_PAGE_ELEMENTS) {
        this.state = { status: 'not-article', reason: 'size' };
        return;
      }
      const article = extractArticle(document, { url: location.href });
      if (!article || article.text.length < 200) {
        this.state = { status: 'not-article', reason: 'extraction' };
        this.watchForLateArticle();
        return;
      }
      if (article.text.length > MAX_ARTICLE_CHARS) {
        this.state = { status: 'not-article', reason: 'size' };
        return;
      }
      if (article.language && article.language !== 'en') {
        this.state = { status: 'not-article', reason: 'language', language: article.language };
        return;
      }
      this.state = { status: 'analysing' };
      // The background identifies the language from the text (lib/language.ts) before matching.
      const result = parseAnalysisResult(await sendMessage('analyzeArticle', { article }));
      if (stale()) return;
      if (result.status === 'not-english') {
        this.state = { status: 'not-article', reason: 'language', language: result.language };
        return;
      }
      this.report = result.report;
      this.anchorAll();
      this.timing = { startedAt, markedAt: 0 };
      this.draw();
      this.watchPage();
    } catch (error) {
      if (stale()) return;
      this.state = { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Find every report sentence in the live page. */
  private anchorAll(): void {
    this.anchors.clear();
    const report = this.report;
    if (!report) return;
    const found = anchor(document.body, report.sentences.map((s) => s.text), {
      skip: (element) => element.localName === SHADOW_HOST_NAME,
    });
    report.sentences.forEach((sentence, i) => this.anchors.set(sentence.index, found[i] ?? []));
  }

  /** Draw the marks the settings ask for (none when marks are off or no other outlet covers the story). */
  private draw(): void {
    const report = this.report;
    const settings = this.settings;
    if (!report || !settings) return;
    const wanted = settings.marks ? sentencesToMark(report, settings.kinds) : [];
    // Marks off: nothing of ours stays drawn, a flash still running from the popup included.
    if (!settings.marks) this.marks.clear();
    else {
      this.marks.draw(
        wanted.map(({ sentence, kind }) => ({ index: sentence.index, kind, ranges: this.anchors.get(sentence.index) ?? [] })),
      );
    }
    let anchored = 0;
    for (const ranges of this.anchors.values()) if (ranges.length > 0) anchored++;
    if (this.timing.markedAt === 0) this.timing.markedAt = performance.now();
    this.state = {
      status: 'ready',
      marked: this.marks.count,
      unanchored: wanted.length - this.marks.count,
      sentences: report.sentences.length,
      anchored,
      ...this.timing,
    };
    if (this.open && !this.marks.has(this.open.index)) this.close(false);
    else if (this.open) this.render();
  }

  /**
   * Keep the marks attached while the page changes around them (lazy images, comments, live
   * updates); and notice an extension reload even when the page is idle.
   */
  private watchPage(): void {
    if (!this.observer) {
      let timer: number | undefined;
      this.observer = new MutationObserver(() => {
        clearTimeout(timer);
        timer = this.ctx.setTimeout(() => {
          if (this.report && this.marks.isStale()) {
            this.anchorAll();
            this.draw();
          }
        }, 600);
      });
      this.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    }
    if (!this.watchingValidity) {
      this.watchingValidity = true;
      // ctx.setInterval checks the extension is still there on every tick and invalidates ctx if not.
      this.ctx.setInterval(() => {}, 2000);
    }
    if (!this.listening) this.listen();
  }

  /**
   * A news site that renders its article by script after the page has loaded (or behind a consent
   * wall) fails the gate at first: watch the page for a while and read it again once enough text
   * has arrived.
   */
  private watchForLateArticle(): void {
    if (this.lateWatch || performance.now() > this.lateUntil || this.lateTries >= LATE_ARTICLE_TRIES || !document.body) return;
    const baseline = document.body.textContent?.length ?? 0;
    // Checked at most twice a second, however busy the page (a ticker would starve a debounce).
    const watch: { observer: MutationObserver; timer?: number } = {
      observer: new MutationObserver(() => {
        if (watch.timer !== undefined) return;
        watch.timer = this.ctx.setTimeout(() => {
          watch.timer = undefined;
          if (performance.now() > this.lateUntil) this.stopLateWatch();
          else if ((document.body?.textContent?.length ?? 0) >= baseline + LATE_ARTICLE_CHARS) {
            this.stopLateWatch();
            this.lateTries++;
            void this.runWhenSettled();
          }
        }, 500);
      }),
    };
    watch.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    this.lateWatch = watch;
  }

  /** A new page or view: its article may still arrive for a while. */
  private openLateWindow(): void {
    this.lateUntil = performance.now() + LATE_ARTICLE_MS;
    this.lateTries = 0;
  }

  private stopLateWatch(): void {
    this.lateWatch?.observer.disconnect();
    clearTimeout(this.lateWatch?.timer);
    this.lateWatch = null;
  }

  private reset(): void {
    this.stopLateWatch();
    this.close(false);
    this.marks.clear();
    this.anchors.clear();
    this.report = null;
    this.observer?.disconnect();
    this.observer = null;
    this.state = { status: 'starting' };
  }

  private teardown(): void {
    this.runId++;
    this.stopLateWatch();
    cancelAnimationFrame(this.frame);
    clearTimeout(this.hoverTimer);
    this.observer?.disconnect();
    this.observer = null;
    this.marks.clear();
    this.open = null;
  }

  private async onLocationChange(): Promise<void> {
    const hadReport = this.report !== null;
    this.reset();
    if (hadReport) void sendMessage('clearTab').catch(() => {});
    this.openLateWindow();
    await this.runWhenSettled();
  }

  /** Analyse once the page stops changing, unless another run started meanwhile. */
  private async runWhenSettled(): Promise<void> {
    const id = this.runId;
    await settle(this.ctx);
    if (id === this.runId) await this.run();
  }

  private onSettings(next: Settings): void {
    const previous = this.settings;
    this.settings = next;
    if (!previous) return;
    const host = location.hostname;
    if (
      isExcluded(host, previous.excludedSites) !== isExcluded(host, next.excludedSites) ||
      previous.sensitivity !== next.sensitivity
    ) {
      if (isExcluded(host, next.excludedSites) && this.report) void sendMessage('clearTab').catch(() => {});
      void this.run();
    } else if (this.report) {
      this.draw();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Popup requests

  /** Scroll to a sentence and flash it (from the popup's claim list). */
  private reveal(index: number): boolean {
    const ranges = this.anchors.get(index);
    if (!ranges || ranges.length === 0) return false;
    return this.marks.reveal(index, ranges);
  }

  // ---------------------------------------------------------------------------------------------
  // Tooltip: pointer, focus, keyboard

  private listening = false;

  private listen(): void {
    this.listening = true;
    const { ctx } = this;
    let last: { x: number; y: number } | null = null;
    ctx.addEventListener(
      document,
      'mousemove',
      (event: MouseEvent) => {
        last = { x: event.clientX, y: event.clientY };
        if (this.frame) return;
        this.frame = requestAnimationFrame(() => {
          this.frame = 0;
          if (last) this.onPointer(last.x, last.y);
        });
      },
      { passive: true },
    );
    ctx.addEventListener(document, 'click', (event: MouseEvent) => this.onClick(event), { capture: true });
    ctx.addEventListener(document, 'focusin', (event: FocusEvent) => this.onFocus(event));
    ctx.addEventListener(window, 'keydown', (event: KeyboardEvent) => this.onKey(event), { capture: true });
    const reposition = (): void => {
      if (this.open) this.render();
    };
    ctx.addEventListener(window, 'scroll', reposition, { passive: true, capture: true });
    ctx.addEventListener(window, 'resize', reposition, { passive: true });
  }

  private onPointer(x: number, y: number): void {
    if (this.open?.pinned) return;
    const index = this.marks.hitTest(x, y);
    clearTimeout(this.hoverTimer);
    if (index !== null && index !== this.open?.index) {
      this.hoverTimer = this.ctx.setTimeout(() => {
        this.show({ index, pinned: false, returnFocus: null, takeFocus: false, pointerY: y });
      }, HOVER_OPEN_MS);
    } else if (index === null && this.open && !this.pointerInTooltip) {
      this.hoverTimer = this.ctx.setTimeout(() => {
        if (!this.pointerInTooltip && !this.open?.pinned) this.close(false);
      }, HOVER_CLOSE_MS);
    }
  }

  private onClick(event: MouseEvent): void {
    if (this.isOurs(event)) return;
    // The end of a text selection is not a request for the comparison.
    if (document.getSelection()?.isCollapsed === false) return;
    const index = this.marks.hitTest(event.clientX, event.clientY);
    if (index !== null) {
      clearTimeout(this.hoverTimer);
      this.show({ index, pinned: true, returnFocus: null, takeFocus: false, pointerY: event.clientY });
    } else if (this.open) {
      this.close(false);
    }
  }

  private onFocus(event: FocusEvent): void {
    if (this.isOurs(event)) return;
    const target = event.target;
    const index = target instanceof Node ? this.marks.indexContaining(target) : null;
    if (index !== null) this.show({ index, pinned: false, returnFocus: null, takeFocus: false, pointerY: null });
    else if (this.open && !this.open.pinned) this.close(false);
  }

  private onKey(event: KeyboardEvent): void {
    if (this.isOurs(event)) return;
    if (event.key === 'Escape' && this.open) {
      this.close(true);
      return;
    }
    if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyN' || event.code === 'KeyP')) {
      if (isEditable(event.target) || this.marks.count === 0) return;
      event.preventDefault();
      event.stopPropagation();
      this.step(event.code === 'KeyN' ? 1 : -1, document.activeElement);
    }
  }

  /** Open the next or previous marked sentence, with keyboard focus in the tooltip. */
  private step(direction: 1 | -1, returnFocus: Element | null): void {
    const order = this.marks.order;
    if (order.length === 0) return;
    const at = this.open ? order.indexOf(this.open.index) : -1;
    const next = at < 0 ? (direction === 1 ? 0 : order.length - 1) : (at + direction + order.length) % order.length;
    const index = order[next]!;
    this.marks.reveal(index);
    this.show({ index, pinned: true, returnFocus: this.open?.returnFocus ?? returnFocus, takeFocus: true, pointerY: null });
  }

  private isOurs(event: Event): boolean {
    return event.composedPath().some((node) => node instanceof Element && node.localName === SHADOW_HOST_NAME);
  }

  private show(open: Open): void {
    if (this.ctx.isInvalid || !this.report || !this.marks.has(open.index)) return;
    this.open = open;
    this.marks.setActive(open.index);
    this.render();
  }

  private close(restoreFocus: boolean): void {
    clearTimeout(this.hoverTimer);
    const was = this.open;
    this.open = null;
    this.pointerInTooltip = false;
    this.marks.setActive(null);
    if (this.ui) void this.ui.then((ui) => ui.hide());
    if (restoreFocus && was?.returnFocus instanceof HTMLElement && was.returnFocus.isConnected) {
      was.returnFocus.focus({ preventScroll: true });
    }
  }

  /** Render (or re-position) the open tooltip. */
  private render(): void {
    const open = this.open;
    const report = this.report;
    if (!open || !report) return;
    const sentence: ReportSentence | undefined = report.sentences.find((s) => s.index === open.index);
    const kind: MarkKind | null = sentence ? markKind(sentence) : null;
    if (!sentence || !kind) return;
    const rects = this.marks.rects(open.index).map(({ left, top, right, bottom }) => ({ left, top, right, bottom }));
    const order = this.marks.order;
    this.ui ??= createTooltipUi(this.ctx);
    void this.ui.then((ui) => {
      if (this.open !== open) return;
      ui.show({
        report,
        sentence,
        kind,
        rects,
        pointerY: open.pointerY,
        position: { current: order.indexOf(open.index) + 1, total: order.length },
        takeFocus: open.takeFocus,
        onClose: () => this.close(true),
        onPrev: () => this.step(-1, null),
        onNext: () => this.step(1, null),
        onPointerInside: (inside) => {
          this.pointerInTooltip = inside;
          if (inside) clearTimeout(this.hoverTimer);
          else if (!open.pinned) this.onPointerLeftTooltip();
        },
      });
    });
  }

  private onPointerLeftTooltip(): void {
    clearTimeout(this.hoverTimer);
    this.hoverTimer = this.ctx.setTimeout(() => {
      if (!this.pointerInTooltip && !this.open?.pinned) this.close(false);
    }, HOVER_CLOSE_MS);
  }
}

/** A clean-up that may run after the extension is gone (its APIs then throw "context invalidated"). */
function quietly(cleanup: () => void): () => void {
  return () => {
    try {
      cleanup();
    } catch {
      // Nothing left to remove.
    }
  };
}

/** "en-GB" → "en"; null when absent or not a language tag. */
function primaryLanguage(tag: string | null): string | null {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/** Wait until the page stops changing (a single-page app rendering its next view), at most 3 s. */
function settle(ctx: ContentScriptContext): Promise<void> {
  return new Promise((resolve) => {
    let timer = ctx.setTimeout(done, 400);
    const limit = ctx.setTimeout(done, 3000);
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = ctx.setTimeout(done, 400);
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    function done(): void {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(limit);
      resolve();
    }
    ctx.onInvalidated(done);
  });
}
