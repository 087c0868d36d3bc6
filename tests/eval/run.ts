/** `npm run eval` — prints the cross-referencing quality figures on the gold standard. */
import { loadBundledCorpus, wordNetRelations } from '../../bin/corpus';
import { evaluate, evaluateAgainstOthers, type Figures } from './evaluate';
import { evaluateDevSet, formatDevFigures } from './devset';

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

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const corpus = loadBundledCorpus();
  const figures = evaluate(corpus);
  console.log('Gold standard (tests/eval/points.json):');
  console.log(formatFigures(figures));
  console.log('\nEach seed read as a new outlet would be, against an index built from the other four only:');
  console.log(formatFigures(evaluateAgainstOthers(wordNetRelations())));
  console.log('\nDevelopment set (tests/eval/devset/devset.json: hand-written paraphrases and on-topic distractors):');
  console.log(formatDevFigures(evaluateDevSet(corpus)));
  console.log('\nThe same, each sentence read on its own:');
  console.log(formatDevFigures(evaluateDevSet(corpus, {}, true)));
  console.log(`(${Math.round(performance.now() - started)} ms)`);
}
