/**
 * The hand-written development set (tests/eval/devset/devset.json, kept apart from the gold): sentences
 * as a new outlet might write them, read as one article against the bundled corpus.
 *  - paraphrase recall: of (paraphrase, outlet that reports its point) pairs, the share matched to a
 *    sentence of that outlet carrying the point (located with the gold's mention snippets);
 *  - paraphrase precision: of the matches made from paraphrases, the share to a sentence carrying the point;
 *  - distractor false-match rate: the share of on-topic distractors matched to anything;
 *  - single-source flags: a flag is right on a distractor (no outlet reports it), wrong on a paraphrase.
 * With `alone`, each sentence is read on its own instead (a one-sentence text), as a check might feed them.
 * evaluateDevArticles reads the set's whole articles the same way, each sentence labelled with its points.
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
  articles: { title: string; sentences: { text: string; points: string[] }[] }[];
}

export interface DevFigures {
  paraphraseRecall: number;
  paraphrasePrecision: number;
  paraphrasesMatched: number;
  distractorFalseMatchRate: number;
  singleSourcePrecision: number;
  singleSourceRecall: number;
  counts: {
    found: number;
    units: number;
    correct: number;
    made: number;
    sentencesFound: number;
    paraphrases: number;
    falseMatched: number;
    distractors: number;
    ssFlagged: number;
    ssCorrect: number;
  };
}

const ratio = (n: number, d: number) => (d ? n / d : 0);

const loadDevSet = (): DevSet => JSON.parse(readFileSync(join(root, 'tests/eval/devset/devset.json'), 'utf8'));

/** Whether a sentence of a gold document carries a mention of a gold point; and which outlets report the point. */
function goldMentions() {
  const gold = loadGold();
  const texts = new Map([...loadGoldArticles(gold)].map(([id, a]) => [id, articleFromText(a.text).text]));
  const pointById = new Map(gold.points.map((p) => [p.id, p]));
  const carries = (point: string, doc: string, sentence: string): boolean => {
    const text = texts.get(doc)!;
    const start = text.indexOf(sentence);
    return pointById.get(point)!.mentions.some((m) => {
      if (m.doc !== doc) return false;
      const at = text.indexOf(m.snippet);
      return at < start + sentence.length && start < at + m.snippet.length;
    });
  };
  const outletsOf = (point: string): Set<string> => new Set(pointById.get(point)!.mentions.map((m) => m.doc));
  return { carries, outletsOf };
}

export function evaluateDevSet(corpus: CorpusIndex, options: AnalyzeOptions = {}, alone = false): DevFigures {
  const dev = loadDevSet();
  const { carries, outletsOf } = goldMentions();

  const items = [...dev.paraphrases.map((p) => ({ ...p, distractor: false })), ...dev.distractors.map((text) => ({ point: '', text, distractor: true }))];
  const together = alone ? null : analyze(articleFromText(items.map((i) => i.text).join('\n')), corpus, options);
  const c = { found: 0, units: 0, correct: 0, made: 0, sentencesFound: 0, paraphrases: 0, falseMatched: 0, distractors: 0, ssFlagged: 0, ssCorrect: 0 };
  for (const item of items) {
    const report = together ?? analyze(articleFromText(item.text), corpus, options);
    const sentence = report.sentences.find((s) => s.text === item.text);
    if (!sentence) throw new Error(`dev sentence was split differently: ${item.text}`);
    if (sentence.status === 'single-source') {
      c.ssFlagged++;
      if (item.distractor) c.ssCorrect++;
    }
    if (item.distractor) {
      c.distractors++;
      if (sentence.matches.length > 0) c.falseMatched++;
      continue;
    }
    c.paraphrases++;
    const outlets = outletsOf(item.point);
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
  return {
    paraphraseRecall: ratio(c.found, c.units),
    paraphrasePrecision: ratio(c.correct, c.made),
    paraphrasesMatched: ratio(c.sentencesFound, c.paraphrases),
    distractorFalseMatchRate: ratio(c.falseMatched, c.distractors),
    singleSourcePrecision: ratio(c.ssCorrect, c.ssFlagged),
    singleSourceRecall: ratio(c.ssCorrect, c.distractors),
    counts: c,
  };
}

export interface DevArticleFigures {
  pairRecall: number;
  pairPrecision: number;
  singleSourcePrecision: number;
  singleSourceRecall: number;
  counts: { found: number; units: number; correct: number; made: number; unreported: number; unreportedMatched: number; ssFlagged: number; ssCorrect: number };
}

/**
 * The set's whole articles, each read as one text: (sentence, outlet reporting one of its points) pairs
 * found, matches right (to a sentence carrying one of its points), sentences of points no outlet reports
 * that were matched anyway.
 */
export function evaluateDevArticles(corpus: CorpusIndex, options: AnalyzeOptions = {}): DevArticleFigures {
  const { carries, outletsOf } = goldMentions();
  const c = { found: 0, units: 0, correct: 0, made: 0, unreported: 0, unreportedMatched: 0, ssFlagged: 0, ssCorrect: 0 };
  for (const article of loadDevSet().articles) {
    const report = analyze(articleFromText(article.sentences.map((s) => s.text).join('\n'), { title: article.title }), corpus, options);
    for (const { text, points } of article.sentences) {
      const sentence = report.sentences.find((s) => s.text === text);
      if (!sentence) throw new Error(`dev article sentence was split differently: ${text}`);
      if (sentence.status === 'single-source') {
        c.ssFlagged++;
        if (points.length === 0) c.ssCorrect++;
      }
      if (points.length === 0) {
        c.unreported++;
        if (sentence.matches.length) c.unreportedMatched++;
        continue;
      }
      const outlets = new Set(points.flatMap((p) => [...outletsOf(p)]));
      for (const outlet of outlets) {
        c.units++;
        if (sentence.matches.some((m) => m.articleId === outlet && points.some((p) => carries(p, outlet, m.text)))) c.found++;
      }
      for (const m of sentence.matches) {
        c.made++;
        if (points.some((p) => carries(p, m.articleId, m.text))) c.correct++;
      }
    }
  }
  return {
    pairRecall: ratio(c.found, c.units),
    pairPrecision: ratio(c.correct, c.made),
    singleSourcePrecision: ratio(c.ssCorrect, c.ssFlagged),
    singleSourceRecall: ratio(c.ssCorrect, c.unreported),
    counts: c,
  };
}

export function formatDevArticleFigures(f: DevArticleFigures): string {
  const c = f.counts;
  return [
    `pair recall             ${f.pairRecall.toFixed(3)}   (${c.found}/${c.units} (sentence, outlet) pairs found)`,
    `pair precision          ${f.pairPrecision.toFixed(3)}   (${c.correct}/${c.made} matches correct)`,
    `unreported points       ${c.unreportedMatched}/${c.unreported} sentences matched to something`,
    `single-source flags     ${c.ssCorrect}/${c.ssFlagged} right (on unreported points), ${c.ssCorrect}/${c.unreported} unreported points flagged`,
  ].join('\n');
}

export function formatDevFigures(f: DevFigures): string {
  const c = f.counts;
  return [
    `paraphrase recall       ${f.paraphraseRecall.toFixed(3)}   (${c.found}/${c.units} (paraphrase, outlet) pairs found)`,
    `paraphrase precision    ${f.paraphrasePrecision.toFixed(3)}   (${c.correct}/${c.made} matches correct)`,
    `paraphrases matched     ${f.paraphrasesMatched.toFixed(3)}   (${c.sentencesFound}/${c.paraphrases} with at least one correct match)`,
    `distractor false-match  ${f.distractorFalseMatchRate.toFixed(3)}   (${c.falseMatched}/${c.distractors} on-topic distractors matched to something)`,
    `single-source flags     ${c.ssCorrect}/${c.ssFlagged} right (on distractors), ${c.ssCorrect}/${c.distractors} distractors flagged`,
  ].join('\n');
}
