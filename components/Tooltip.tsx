import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Report, ReportSentence } from '../lib/types';
import { KIND_LABEL, type MarkKind } from '../lib/extension/kinds';
import { ComparisonList, sentenceHeadline } from './ComparisonList';

export interface TooltipProps {
  report: Report;
  sentence: ReportSentence;
  kind: MarkKind;
  /** Line boxes of the sentence in viewport coordinates; the tooltip sits next to one of them. */
  rects: { left: number; top: number; right: number; bottom: number }[];
  /** Viewport y of the pointer, to pick the line the reader is on. */
  pointerY?: number | null;
  /** "3 of 17": place among the marked sentences. */
  position: { current: number; total: number };
  /** Move keyboard focus into the tooltip when it opens (opened by keyboard). */
  takeFocus: boolean;
  onClose: () => void;
  onPrev: () => void;
  onNext: () => void;
  onPointerInside: (inside: boolean) => void;
}

const GAP = 8;
const MARGIN = 8;

/** The comparison for one marked sentence, shown next to it in the page (inside our shadow root). */
export function Tooltip(props: TooltipProps) {
  const { report, sentence, kind, rects, pointerY, position, takeFocus } = props;
  const box = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);
  const hereLabel = report.article.siteName ?? 'This article';

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const view = el.ownerDocument.defaultView ?? window;
    const width = el.offsetWidth;
    const height = el.offsetHeight;
    const line =
      (pointerY != null ? rects.find((r) => pointerY >= r.top && pointerY <= r.bottom) : undefined) ??
      rects[rects.length - 1];
    if (!line) return;
    const below = line.bottom + GAP;
    const above = line.top - GAP - height;
    const top = below + height <= view.innerHeight - MARGIN || above < MARGIN ? below : above;
    const left = Math.max(MARGIN, Math.min(line.left, view.innerWidth - width - MARGIN));
    setPlace({ left, top: Math.max(MARGIN, top) });
  }, [rects, pointerY, sentence.index]);

  // Focus once placed: a hidden element cannot take focus.
  const placed = place !== null;
  useLayoutEffect(() => {
    if (takeFocus && placed) box.current?.focus({ preventScroll: true });
  }, [takeFocus, placed, sentence.index]);

  return (
    <div
      ref={box}
      class={`cb-tooltip cb-kind-${kind}`}
      role="dialog"
      aria-label={`Corroborate: ${sentenceHeadline(sentence)}`}
      tabIndex={-1}
      style={place ? { left: `${place.left}px`, top: `${place.top}px` } : { left: '0px', top: '0px', visibility: 'hidden' }}
      onMouseEnter={() => props.onPointerInside(true)}
      onMouseLeave={() => props.onPointerInside(false)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          props.onClose();
        } else if (event.altKey && event.shiftKey && (event.code === 'KeyN' || event.code === 'KeyP')) {
          event.preventDefault();
          (event.code === 'KeyN' ? props.onNext : props.onPrev)();
        }
      }}
    >
      <div class="cb-tooltip-head">
        <span class={`cb-chip cb-kind-${kind}`}>{KIND_LABEL[kind]}</span>
        <span class="cb-headline">{sentenceHeadline(sentence)}</span>
        <button type="button" class="cb-icon-button" aria-label="Close (Escape)" title="Close (Escape)" onClick={props.onClose}>
          ×
        </button>
      </div>
      {/* Focusable: a long comparison scrolls, and keyboard users scroll it with the arrow keys. */}
      <div class="cb-tooltip-body" tabIndex={0}>
        <ComparisonList sentence={sentence} hereLabel={hereLabel} corpusSize={report.corpusSize} />
        {sentence.matches.some((m) => m.diff.some((p) => p.side === 'there')) && (
          <p class="cb-legend">
            <ins class="cb-there">Marked words</ins> are worded differently by the other outlet.
          </p>
        )}
      </div>
      <div class="cb-tooltip-foot">
        <button type="button" class="cb-nav" onClick={props.onPrev} title="Previous marked sentence (Alt+Shift+P)">
          ← Previous
        </button>
        <span class="cb-muted" aria-live="polite">
          {position.current} of {position.total}
        </span>
        <button type="button" class="cb-nav" onClick={props.onNext} title="Next marked sentence (Alt+Shift+N)">
          Next →
        </button>
      </div>
    </div>
  );
}
