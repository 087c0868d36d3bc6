import type { ReportSentence } from '../lib/types';
import { markKind } from '../lib/extension/kinds';
import { MatchView } from './MatchView';

interface Props {
  sentence: ReportSentence;
  hereLabel: string;
  /** How many corpus articles were searched (for the single-source explanation). */
  corpusSize: number;
}

/** What the other outlets say about one sentence, or why nobody else does. */
export function ComparisonList({ sentence, hereLabel, corpusSize }: Props) {
  const { closeCall } = sentence;
  if (closeCall) {
    return (
      <div class="cb-none">
        <p>
          A close call: {closeCall.outlet} has a similar sentence, but not clearly the same point, so this claim is not
          marked single-source.
        </p>
        <blockquote class="cb-close-call">{closeCall.text}</blockquote>
      </div>
    );
  }
  if (sentence.matches.length === 0) {
    return (
      <p class="cb-none">
        {sentence.status === 'single-source'
          ? `No other outlet in the corpus (${corpusSize} articles searched) was found to report this ${describeReason(sentence.reason)}. Outlets are compared by their wording, so the same point told in quite other words can be missed.`
          : 'Not a checkable claim, so it was not compared.'}
      </p>
    );
  }
  // Outlets that give a detail differently first: that is what the reader most needs to see.
  const matches = [...sentence.matches].sort(
    (a, b) => Number(b.conflicts.length > 0) - Number(a.conflicts.length > 0) || b.score - a.score,
  );
  return (
    <ul class="cb-matches">
      {matches.map((match) => (
        <MatchView key={`${match.articleId}:${match.text}`} match={match} hereLabel={hereLabel} hereText={sentence.text} />
      ))}
    </ul>
  );
}

function describeReason(reason: string): string {
  return reason ? `claim (${reason})` : 'claim';
}

/** One line that says what kind of sentence this is. */
export function sentenceHeadline(sentence: ReportSentence): string {
  const outlets = new Set(sentence.matches.map((m) => m.outlet)).size;
  switch (markKind(sentence)) {
    case 'conflict':
      return `Reported by ${outlets} other outlet${outlets === 1 ? '' : 's'}, with different details`;
    case 'corroborated':
      return `Also reported by ${outlets} other outlet${outlets === 1 ? '' : 's'}`;
    case 'single-source':
      return 'No other outlet found reporting this claim';
    default:
      return sentence.closeCall ? 'Possibly reported elsewhere: a close call' : 'Not a checkable claim';
  }
}
