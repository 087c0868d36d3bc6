/**
 * The hand-written development set (tests/eval/devset/devset.json, kept apart from the gold): sentences
 * as a new outlet might write them, read as one article against the bundled corpus.
 *  - paraphrase recall: of (paraphrase, outlet that reports its point) pairs, the share matched to a
 *    sentence of that outlet carrying the point (located with the gold's mention snippets);
 *  - paraphrase precision: of the matches made from paraphrases, the share to a sentence carrying the point;
 *  - distractor false-match rate: the share of on-topic distractors matched to anything.
 * With `alone`, each sentence is read on its own instead (a one-sentence text), as a check might feed them.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { articleFromText } from '../../lib/extract';
import { analyze, type AnalyzeOptions } from '../../lib/report';
import type { CorpusIndex } from '../../lib/corpus';
import { loadGold, loadGoldArticles } from './evaluate';

const root = resolve(import.meta.dirname, '../..');

interface DevSet {
  paraphrases: { point: string; text: string }[];
  distractors: string[];
}

export interface DevFigures {
  paraphraseRecall: number;
  paraphrasePrecision: number;
  paraphrasesMatched: number;
  distractorFalseMatchRate: number;
  counts: { found: number; units: number; correct: number; made: number; sentencesFound: number; paraphrases: number; falseMatched: number; distractors: number };
}

export function evaluateDevSet(corpus: CorpusIndex, options: AnalyzeOptions = {}, alone = false): DevFigures {
  const dev: DevSet = JSON.parse(readFileSync(join(root, 'tests/eval/devset/devset.json'), 'utf8'));
  const gold = loadGold();
  const texts = new Map([...loadGoldArticles(gold)].map(([id, a]) => [id, articleFromText(a.text).text]));
  /** Does this sentence of `doc` carry a mention of the point? */
  const carries = (point: string, doc: string, sentence: string): boolean => {
    const text = texts.get(doc)!;
    const start = text.indexOf(sentence);
    const p = gold.points.find((x) => x.id === point)!;
    return p.mentions.some((m) => {
      if (m.doc !== doc) return false;
      const at = text.indexOf(m.snippet);
      return at < start + sentence.length && start < at + m.snippet.length;
    });
  };

  const items = [...dev.paraphrases.map((p) => ({ ...p, distractor: false })), ...dev.distractors.map((text) => ({ point: '', text, distractor: true }))];
  const together = alone ? null : analyze(articleFromText(items.map((i) => i.text).join('\n')), corpus, options);
  const c = { found: 0, units: 0, correct: 0, made: 0, sentencesFound: 0, paraphrases: 0, falseMatched: 0, distractors: 0 };
  for (const item of items) {
    const report = together ?? analyze(articleFromText(item.text), corpus, options);
    const sentence = report.sentences.find((s) => s.text === item.text);
    if (!sentence) throw new Error(`dev sentence was split differently: ${item.text}`);
    if (item.distractor) {
      c.distractors++;
      if (sentence.matches.length > 0) c.falseMatched++;
      continue;
    }
    c.paraphrases++;
    const outlets = new Set(gold.points.find((p) => p.id === item.point)!.mentions.map((m) => m.doc));
    let any = false;
    for (const outlet of outlets) {
      c.units++;
      if (sentence.matches.some((m) => m.articleId === outlet && carries(item.point, outlet, m.text))) c.found++;
    }
    for (const m of sentence.matches) {
      c.made++;
      if (carries(item.point, m.articleId, m.text)) {
        c.correct++;
        any = true;
      }
    }
    if (any) c.sentencesFound++;
  }
  const ratio = (n: number, d: number) => (d ? n / d : 0);
  return {
    paraphraseRecall: ratio(c.found, c.units),
    paraphrasePrecision: ratio(c.correct, c.made),
    paraphrasesMatched: ratio(c.sentencesFound, c.paraphrases),
    distractorFalseMatchRate: ratio(c.falseMatched, c.distractors),
    counts: c,
  };
}

export function formatDevFigures(f: DevFigures): string {
  const c = f.counts;
  return [
    `paraphrase recall       ${f.paraphraseRecall.toFixed(3)}   (${c.found}/${c.units} (paraphrase, outlet) pairs found)`,
    `paraphrase precision    ${f.paraphrasePrecision.toFixed(3)}   (${c.correct}/${c.made} matches correct)`,
    `paraphrases matched     ${f.paraphrasesMatched.toFixed(3)}   (${c.sentencesFound}/${c.paraphrases} with at least one correct match)`,
    `distractor false-match  ${f.distractorFalseMatchRate.toFixed(3)}   (${c.falseMatched}/${c.distractors} on-topic distractors matched to something)`,
  ].join('\n');
}
