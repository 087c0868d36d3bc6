import { useState } from 'preact/hooks';
import type { Report, ReportSentence } from '../lib/types';
import { markKind, type MarkKind } from '../lib/extension/kinds';
import { ComparisonList, sentenceHeadline } from './ComparisonList';

export type ClaimFilter = 'all' | 'single-source' | 'conflicts';

interface Props {
  report: Report;
  hereLabel: string;
  /** Scroll the page to a sentence (by report index). */
  onReveal: (index: number) => void;
  initialFilter?: ClaimFilter;
}

const FILTERS: { id: ClaimFilter; label: string }[] = [
  { id: 'all', label: 'All claims' },
  { id: 'single-source', label: 'Single-source' },
  { id: 'conflicts', label: 'Conflicts' },
];

function keep(filter: ClaimFilter, sentence: ReportSentence): boolean {
  if (filter === 'all') return true;
  const kind = markKind(sentence);
  return filter === 'single-source' ? kind === 'single-source' : kind === 'conflict';
}

/** The article's claims, filterable, each with the other outlets' wording. */
export function ClaimList({ report, hereLabel, onReveal, initialFilter = 'all' }: Props) {
  const [filter, setFilter] = useState<ClaimFilter>(initialFilter);
  const claims = report.sentences.filter((s) => s.claim);
  const shown = claims.filter((s) => keep(filter, s));
  const countOf = (id: ClaimFilter): number => claims.filter((s) => keep(id, s)).length;
  return (
    <section class="cb-claims" aria-label="Claims">
      <div class="cb-filters" role="radiogroup" aria-label="Show">
        {FILTERS.map(({ id, label }) => (
          <button
            type="button"
            key={id}
            role="radio"
            aria-checked={filter === id}
            class={`cb-filter${filter === id ? ' cb-on' : ''}`}
            data-filter={id}
            onClick={() => setFilter(id)}
          >
            {label} <span class="cb-muted">{countOf(id)}</span>
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p class="cb-none">No claims of this kind.</p>
      ) : (
        <ol class="cb-claim-list">
          {shown.map((sentence) => (
            <ClaimItem
              key={sentence.index}
              sentence={sentence}
              hereLabel={hereLabel}
              corpusSize={report.corpusSize}
              onReveal={onReveal}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function ClaimItem({
  sentence,
  hereLabel,
  corpusSize,
  onReveal,
}: {
  sentence: ReportSentence;
  hereLabel: string;
  corpusSize: number;
  onReveal: (index: number) => void;
}) {
  const kind: MarkKind | null = markKind(sentence);
  return (
    <li class={`cb-claim cb-kind-${kind ?? 'none'}`} data-index={sentence.index} data-kind={kind ?? 'none'}>
      <div class="cb-claim-kind">{sentenceHeadline(sentence)}</div>
      <button
        type="button"
        class="cb-claim-text"
        title="Show this sentence in the page"
        onClick={() => onReveal(sentence.index)}
      >
        {sentence.text}
      </button>
      {sentence.matches.length > 0 ? (
        <details class="cb-claim-details" open={kind === 'conflict'}>
          <summary>
            {sentence.matches.length === 1 ? "The other outlet's wording" : `The other outlets' wording (${sentence.matches.length})`}
          </summary>
          <ComparisonList sentence={sentence} hereLabel={hereLabel} corpusSize={corpusSize} />
        </details>
      ) : (
        <ComparisonList sentence={sentence} hereLabel={hereLabel} corpusSize={corpusSize} />
      )}
    </li>
  );
}
