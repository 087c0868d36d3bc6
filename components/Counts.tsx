import type { ReportSummary } from '../lib/types';

interface Props {
  summary: ReportSummary;
  corpusSize: number;
}

/** The headline numbers of a report. */
export function Counts({ summary, corpusSize }: Props) {
  const outlets = summary.outlets.length;
  return (
    <section class="cb-counts" aria-label="Summary">
      <p class="cb-coverage" data-testid="coverage">
        <strong data-testid="outlets">{outlets}</strong>
        {` other outlet${outlets === 1 ? '' : 's'} in the corpus cover${outlets === 1 ? 's' : ''} this story`}
        {outlets > 0 ? `: ${summary.outlets.join(', ')}` : ''}{' '}
        <span class="cb-muted">({corpusSize} articles searched)</span>
      </p>
      <dl class="cb-tiles">
        <div class="cb-tile cb-kind-corroborated">
          <dt>Corroborated</dt>
          <dd data-testid="count-corroborated">{summary.corroborated}</dd>
          <dd class="cb-tile-note">also reported by other outlets</dd>
        </div>
        <div class="cb-tile cb-kind-single-source">
          <dt>Single-source</dt>
          <dd data-testid="count-single-source">{summary.singleSource}</dd>
          <dd class="cb-tile-note">claims found in no other outlet</dd>
        </div>
        <div class="cb-tile cb-kind-conflict">
          <dt>Conflicts</dt>
          <dd data-testid="count-conflicts">{summary.conflicts}</dd>
          <dd class="cb-tile-note">corroborated, but details differ</dd>
        </div>
      </dl>
      {summary.closeCalls > 0 && (
        <p class="cb-muted cb-close-calls" data-testid="close-calls">
          {summary.closeCalls === 1 ? '1 close call' : `${summary.closeCalls} close calls`}: claims another outlet nearly
          reports, counted neither as corroborated nor as single-source.
        </p>
      )}
    </section>
  );
}
