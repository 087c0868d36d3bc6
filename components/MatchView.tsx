import type { Match } from '../lib/types';
import { describeConflict } from '../lib/format';
import { DiffText } from './DiffText';

interface Props {
  match: Match;
  /** How to name the article being read in conflict statements ("This article", or its site). */
  hereLabel: string;
  /** The reader's sentence, which the conflicts' wordings are cut from. */
  hereText: string;
}

/** One other outlet's report of the same point: outlet, article title, wording and conflicts. */
export function MatchView({ match, hereLabel, hereText }: Props) {
  return (
    <li class="cb-match">
      <div class="cb-match-head">
        <span class="cb-outlet">{match.outlet}</span>
        <span class="cb-score" title="How sure the match is that both sentences report the same point">
          {Math.round(match.score * 100)}% match
        </span>
      </div>
      <div class="cb-article-title">{match.title}</div>
      <blockquote class="cb-wording">
        <DiffText diff={match.diff} text={match.text} outlet={match.outlet} />
      </blockquote>
      {match.conflicts.length > 0 && (
        <ul class="cb-conflicts" aria-label="Details the outlets give differently">
          {match.conflicts.map((conflict, i) => (
            <li key={i} class="cb-conflict">
              <span class="cb-conflict-kind">Differs ({conflict.kind}):</span>{' '}
              {describeConflict(conflict, hereLabel, match.outlet, { here: hereText, there: match.text })}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
