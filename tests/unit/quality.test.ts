/**
 * Cross-referencing quality on the gold standard (the same figures `npm run eval` prints).
 * The targets are not all met yet (see README, "Quality"); these floors are the figures the
 * engine reaches now, so any change that makes matching worse fails the suite, on the gold and on the
 * development set kept apart from it.
 */
import { describe, expect, it } from 'vitest';
import { loadBundledCorpus, wordNetRelations } from '../../bin/corpus';
import { evaluateDevArticles, evaluateDevSet } from '../eval/devset';
import { evaluate, evaluateAgainstOthers } from '../eval/evaluate';

const FLOORS = {
  pairPrecision: 0.88,
  pairRecall: 0.44,
  singleSourcePrecision: 0.52,
  singleSourceRecall: 0.9,
  conflictRecall: 0.4,
};

describe('quality on the gold standard', () => {
  const figures = evaluate(loadBundledCorpus());

  it('recognises every seed as itself', () => {
    expect(figures.counts.selfRecognised).toBe(5);
  });

  it.each(Object.entries(FLOORS))('%s stays at or above %d', (measure, floor) => {
    expect(figures[measure as keyof typeof FLOORS]).toBeGreaterThanOrEqual(floor);
  });
});

describe('quality with each seed read as a new outlet (an index of the other four only)', () => {
  const figures = evaluateAgainstOthers(wordNetRelations());

  it.each(Object.entries({ pairPrecision: 0.86, pairRecall: 0.44, singleSourcePrecision: 0.54, singleSourceRecall: 0.9 }))('%s stays at or above %d', (measure, floor) => {
    expect(figures[measure as 'pairPrecision']).toBeGreaterThanOrEqual(floor);
  });
});

describe('quality on the hand-written development set (paraphrases and on-topic distractors)', () => {
  const corpus = loadBundledCorpus();

  it.each([
    ['read as one text', false],
    ['each sentence read on its own', true],
  ] as const)('%s: paraphrases found, distractors left unmatched and flagged single-source', (_label, alone) => {
    const figures = evaluateDevSet(corpus, {}, alone);
    expect(figures.paraphraseRecall).toBeGreaterThanOrEqual(0.4);
    expect(figures.paraphrasePrecision).toBeGreaterThanOrEqual(0.88);
    expect(figures.distractorFalseMatchRate).toBeLessThanOrEqual(0.1);
    expect(figures.singleSourcePrecision).toBeGreaterThanOrEqual(0.7);
    expect(figures.singleSourceRecall).toBeGreaterThanOrEqual(0.8);
  });

  it('whole articles as a new outlet would write them: their points found, unreported points left unmatched', () => {
    const figures = evaluateDevArticles(corpus);
    // Floors below the current figures (recall 0.518, precision 0.879, single-source precision 0.565). The
    // third article, longer and with more asides, brought them down from 0.63 and 1.0: its paraphrased points
    // are missed and then flagged single-source, as on the gold; the fourth brought precision down from 0.922
    // (a short sentence on one person matches a long one naming the same people), the fifth from 0.886
    // (Putin's "constructive" to his spokesman's "very positive").
    expect(figures.pairRecall).toBeGreaterThanOrEqual(0.5);
    expect(figures.pairPrecision).toBeGreaterThanOrEqual(0.86);
    expect(figures.counts.unreportedMatched).toBeLessThanOrEqual(1);
    expect(figures.singleSourcePrecision).toBeGreaterThanOrEqual(0.5);
    expect(figures.singleSourceRecall).toBeGreaterThanOrEqual(0.8);
  });
});
