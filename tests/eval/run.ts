/** `npm run eval` — prints the cross-referencing quality figures on the gold standard. */
import { loadBundledCorpus, wordNetRelations } from '../../bin/corpus';
import { evaluate, evaluateAgainstOthers, snippetOverlap, type Figures, type PairOutcome } from './evaluate';
import { evaluateDevArticles, evaluateDevSet, formatDevArticleFigures, formatDevFigures } from './devset';

export const TARGETS = { pairPrecision: 0.85, pairRecall: 0.6, singleSourcePrecision: 0.8 };

export function formatFigures(f: Figures): string {
  const pct = (x: number) => x.toFixed(3);
  return [
    `pair precision          ${pct(f.pairPrecision)}   (${f.counts.pairCorrect}/${f.counts.pairMade} matches correct; target ≥ ${TARGETS.pairPrecision})`,
    `pair recall             ${pct(f.pairRecall)}   (${f.counts.pairFound}/${f.counts.pairUnits} gold pairs found; target ≥ ${TARGETS.pairRecall})`,
    `pair F1                 ${pct(f.pairF1)}`,
    `single-source precision ${pct(f.singleSourcePrecision)}   (${f.counts.ssCorrect}/${f.counts.ssFlagged} flags correct; target ≥ ${TARGETS.singleSourcePrecision})`,
    `single-source recall    ${pct(f.singleSourceRecall)}   (${f.counts.ssFound}/${f.counts.ssUnits})`,
    `conflict recall         ${pct(f.conflictRecall)}   (${f.counts.conflictsFound}/${f.counts.conflicts})`,
    `seeds recognised as themselves: ${f.counts.selfRecognised}`,
  ]
    .filter((line) => !(Number.isNaN(f.conflictRecall) && /^(conflict|seeds)/.test(line)))
    .join('\n');
}

/** Found / lost-where counts of gold pairs, per kind of point. */
export function formatOutcomes(outcomes: PairOutcome[]): string {
  const stages = ['found', 'not retrieved', 'below threshold', 'dropped after scoring'] as const;
  const kinds = [...new Set(outcomes.map((o) => o.kind))].sort();
  const row = (label: string, list: PairOutcome[]) =>
    `${label.padEnd(9)}${stages.map((st) => String(list.filter((o) => o.stage === st).length).padStart(st.length + 2)).join('')}   of ${list.length}`;
  return [`${''.padEnd(9)}${stages.map((st) => `  ${st}`).join('')}`, ...kinds.map((k) => row(k, outcomes.filter((o) => o.kind === k))), row('all', outcomes)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const corpus = loadBundledCorpus();
  const outcomes: PairOutcome[] = [];
  const figures = evaluate(corpus, {}, undefined, outcomes);
  console.log('Gold standard (tests/eval/points.json):');
  console.log(formatFigures(figures));
  console.log(`\nWhat became of the gold pairs, by kind of point:\n${formatOutcomes(outcomes)}`);
  const [none, one, two, more] = snippetOverlap(corpus);
  console.log(`Pairs of gold snippets of one point in two outlets, by content words shared (related words counted): none ${none}, one ${one}, two ${two}, three or more ${more}`);
  if (process.argv.includes('--misses')) {
    for (const o of outcomes.filter((x) => x.stage !== 'found')) console.log(`  ${o.point} ${o.kind.padEnd(7)} ${o.doc} → ${o.other}  ${o.stage}${o.best === null ? '' : ` (best ${o.best.toFixed(2)})`}`);
  }
  console.log('\nEach seed read as a new outlet would be, against an index built from the other four only:');
  console.log(formatFigures(evaluateAgainstOthers(wordNetRelations())));
  console.log('\nDevelopment set (tests/eval/devset/devset.json: hand-written paraphrases and on-topic distractors):');
  console.log(formatDevFigures(evaluateDevSet(corpus)));
  console.log('\nThe same, each sentence read on its own:');
  console.log(formatDevFigures(evaluateDevSet(corpus, {}, true)));
  console.log('\nThe development set’s whole articles (a new outlet’s report, each sentence labelled with its points):');
  console.log(formatDevArticleFigures(evaluateDevArticles(corpus)));
  console.log(`(${Math.round(performance.now() - started)} ms)`);
}
