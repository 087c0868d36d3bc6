/**
 * Cross-referencing quality against the hand-made gold standard (tests/eval/points.json; measures as
 * defined in shared/eval/README.md): each seed is read in turn, the bundled corpus (which contains it,
 * recognised as itself) as the other outlets.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { articleFromText } from '../../lib/extract';
import { analyze, articleSentences, findSelfInCorpus, type AnalyzeOptions } from '../../lib/report';
import { collectCandidates, scoreCandidates, thresholdFor } from '../../lib/match';
import { buildCorpusIndex, loadCorpusIndex, parseCorpusFile, type BuildOptions, type CorpusIndex } from '../../lib/corpus';
import type { CorpusArticle, Report } from '../../lib/types';
import { contentTerms } from '../../lib/text';

const root = resolve(import.meta.dirname, '../..');

interface Mention {
  doc: string;
  snippet: string;
}
interface Point {
  id: string;
  point: string;
  kind: string;
  mentions: Mention[];
  conflict: string | null;
}
interface Gold {
  docs: Record<string, string>;
  points: Point[];
}

export function loadGold(): Gold {
  return JSON.parse(readFileSync(join(root, 'tests/eval/points.json'), 'utf8'));
}

/** The corpus articles named by the gold standard, read from corpus/articles/. */
export function loadGoldArticles(gold: Gold): Map<string, CorpusArticle> {
  const articles = new Map<string, CorpusArticle>();
  for (const id of Object.keys(gold.docs)) {
    const file = join(root, 'corpus/articles', `${id}.txt`);
    articles.set(id, parseCorpusFile(file, readFileSync(file, 'utf8')));
  }
  return articles;
}

/**
 * How many content words two outlets' snippets of one point share (a word and the corpus words related to it
 * count as shared): the pairs of snippets counted by 0, 1, 2 and 3 or more words shared. It bounds what
 * word overlap can find, whatever the matcher does with it.
 */
export function snippetOverlap(corpus: CorpusIndex): number[] {
  const counts = [0, 0, 0, 0];
  for (const point of loadGold().points) {
    for (const [i, a] of point.mentions.entries()) {
      const terms = new Set(contentTerms(a.snippet));
      for (const b of point.mentions.slice(i + 1)) {
        if (b.doc === a.doc) continue;
        const other = new Set(contentTerms(b.snippet));
        const shared = [...terms].filter((t) => other.has(t) || (corpus.related.get(t) ?? []).some((r) => other.has(r))).length;
        counts[Math.min(shared, 3)]!++;
      }
    }
  }
  return counts;
}

interface Span {
  start: number;
  end: number;
}
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

export interface Figures {
  pairPrecision: number;
  pairRecall: number;
  pairF1: number;
  singleSourcePrecision: number;
  singleSourceRecall: number;
  conflictRecall: number;
  counts: Record<string, number>;
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

/** What became of one gold pair (a mention in one seed, another outlet reporting the point). */
export interface PairOutcome {
  point: string;
  kind: string;
  doc: string;
  other: string;
  /** found; or, for a miss, where it was lost: never a candidate, scored below the threshold, or dropped after. */
  stage: 'found' | 'not retrieved' | 'below threshold' | 'dropped after scoring';
  /** The best score of a candidate pair carrying the point (null when none was retrieved). */
  best: number | null;
}

/**
 * Evaluates the engine. `docs` limits which seeds are read (for cross-validation); every seed's
 * report is produced with the same corpus and options. With `outcomes`, each gold pair's fate is
 * added to it (the candidates are collected and scored again, as the matcher does).
 */
export function evaluate(corpus: CorpusIndex, options: AnalyzeOptions = {}, docs?: string[], outcomes?: PairOutcome[]): Figures {
  const gold = loadGold();
  const articles = loadGoldArticles(gold);
  const texts = new Map([...articles].map(([id, a]) => [id, articleFromText(a.text).text]));
  const multi = (p: Point) => new Set(p.mentions.map((m) => m.doc)).size > 1;

  // Mention spans per doc, located in the article text as the engine sees it.
  const spans = new Map<string, { point: Point; span: Span }[]>();
  for (const point of gold.points) {
    for (const m of point.mentions) {
      const text = texts.get(m.doc)!;
      const start = text.indexOf(m.snippet);
      if (start < 0) throw new Error(`gold snippet not found in ${m.doc}: ${m.snippet}`);
      const list = spans.get(m.doc) ?? [];
      list.push({ point, span: { start, end: start + m.snippet.length } });
      spans.set(m.doc, list);
    }
  }
  const pointsIn = (doc: string, span: Span) =>
    new Set((spans.get(doc) ?? []).filter((m) => overlaps(m.span, span)).map((m) => m.point));
  /** The span of a matched sentence in its own article. */
  const spanOf = (doc: string, sentence: string): Span => {
    const start = texts.get(doc)!.indexOf(sentence);
    return { start, end: start + sentence.length };
  };

  /** The candidates the matcher scores when it reads a seed, with their scores. */
  const scoredCandidates = (doc: string) => {
    const article = articleFromText(articles.get(doc)!.text);
    const sentences = articleSentences(article);
    const self = findSelfInCorpus(article, sentences, corpus);
    const candidates = collectCandidates(sentences.map((s) => (s.boilerplate ? '' : s.text)), corpus, { excludeArticle: self });
    const scores = scoreCandidates(candidates, options.model);
    return candidates.map((x, i) => ({ query: x.query, other: corpus.articles[x.article]!.id, text: corpus.sentences[x.sentence]!.text, score: scores[i]! }));
  };

  const c = { pairFound: 0, pairUnits: 0, pairCorrect: 0, pairMade: 0, ssCorrect: 0, ssFlagged: 0, ssFound: 0, ssUnits: 0, conflictsFound: 0, conflicts: 0, selfRecognised: 0 };
  const reports = new Map<string, Report>();
  for (const doc of docs ?? Object.keys(gold.docs)) {
    const report = analyze(articleFromText(articles.get(doc)!.text), corpus, options);
    if (report.article.corpusId === doc) c.selfRecognised++;
    reports.set(doc, report);

    for (const s of report.sentences) {
      const here = pointsIn(doc, s);
      if (here.size === 0) continue;
      for (const m of s.matches) {
        c.pairMade++;
        const there = pointsIn(m.articleId, spanOf(m.articleId, m.text));
        if ([...here].some((p) => there.has(p))) c.pairCorrect++;
      }
      if (s.status === 'single-source') {
        c.ssFlagged++;
        if ([...here].every((p) => !multi(p))) c.ssCorrect++;
      }
    }

    const scored = outcomes ? scoredCandidates(doc) : [];
    for (const { point, span } of spans.get(doc) ?? []) {
      const sentences = report.sentences.filter((s) => overlaps(s, span));
      const others = new Set(point.mentions.map((m) => m.doc).filter((d) => d !== doc));
      for (const other of others) {
        c.pairUnits++;
        const found = sentences.some((s) =>
          s.matches.some((m) => m.articleId === other && pointsIn(other, spanOf(other, m.text)).has(point)),
        );
        if (found) c.pairFound++;
        if (outcomes) {
          const queries = new Set(sentences.map((s) => s.index));
          const scores = scored
            .filter((x) => queries.has(x.query) && x.other === other && pointsIn(other, spanOf(other, x.text)).has(point))
            .map((x) => x.score);
          const best = scores.length ? Math.max(...scores) : null;
          const stage = found ? 'found' : best === null ? 'not retrieved' : best < thresholdFor(options.sensitivity) ? 'below threshold' : 'dropped after scoring';
          outcomes.push({ point: point.id, kind: point.kind, doc, other, stage, best });
        }
      }
      if (!multi(point)) {
        const clean = sentences.filter((s) => [...pointsIn(doc, s)].every((p) => !multi(p)));
        if (clean.length > 0) {
          c.ssUnits++;
          if (clean.some((s) => s.status === 'single-source')) c.ssFound++;
        }
      }
    }
  }

  // A noted conflict is found when a match between two of the outlets involved reports a conflicting
  // detail that lies within the mention on either side.
  for (const point of gold.points.filter((p) => p.conflict)) {
    c.conflicts++;
    const involved = new Set(point.mentions.map((m) => m.doc));
    const found = [...reports].some(([doc, report]) =>
      (spans.get(doc) ?? [])
        .filter((m) => m.point === point)
        .some(({ span }) =>
          report.sentences
            .filter((s) => overlaps(s, span))
            .some((s) =>
              s.matches.some((m) => {
                if (!involved.has(m.articleId) || m.articleId === doc) return false;
                const thereSpans = (spans.get(m.articleId) ?? []).filter((x) => x.point === point).map((x) => x.span);
                const thereSentence = spanOf(m.articleId, m.text);
                return m.conflicts.some((conflict) => {
                  const hereAt = s.text.indexOf(conflict.here);
                  const thereAt = m.text.indexOf(conflict.there);
                  const hereIn = hereAt >= 0 && overlaps({ start: s.start + hereAt, end: s.start + hereAt + conflict.here.length }, span);
                  const thereIn =
                    thereAt >= 0 &&
                    thereSpans.some((t) => overlaps({ start: thereSentence.start + thereAt, end: thereSentence.start + thereAt + conflict.there.length }, t));
                  return hereIn || thereIn;
                });
              }),
            ),
        ),
    );
    if (found) c.conflictsFound++;
  }

  const pairPrecision = ratio(c.pairCorrect, c.pairMade);
  const pairRecall = ratio(c.pairFound, c.pairUnits);
  return {
    pairPrecision,
    pairRecall,
    pairF1: ratio(2 * pairPrecision * pairRecall, pairPrecision + pairRecall),
    singleSourcePrecision: ratio(c.ssCorrect, c.ssFlagged),
    singleSourceRecall: ratio(c.ssFound, c.ssUnits),
    conflictRecall: ratio(c.conflictsFound, c.conflicts),
    counts: c,
  };
}

/**
 * Adds up the counts of evaluations that each read some of the seeds, and recomputes the figures.
 * Conflict recall is left out (NaN): a conflict is found once over all the readings, not per reading.
 */
export function sumFigures(parts: Figures[]): Figures {
  const counts: Record<string, number> = {};
  for (const f of parts) for (const [k, v] of Object.entries(f.counts)) counts[k] = (counts[k] ?? 0) + v;
  const r = (n: string, d: string) => ratio(counts[n]!, counts[d]!);
  const p = r('pairCorrect', 'pairMade');
  const rec = r('pairFound', 'pairUnits');
  return {
    pairPrecision: p,
    pairRecall: rec,
    pairF1: ratio(2 * p * rec, p + rec),
    singleSourcePrecision: r('ssCorrect', 'ssFlagged'),
    singleSourceRecall: r('ssFound', 'ssUnits'),
    conflictRecall: NaN,
    counts,
  };
}

/**
 * Each seed read as a new outlet's article: against an index built from the other four alone (their
 * term statistics and related words), as another outlet's real article would be read against the corpus.
 */
export function evaluateAgainstOthers(build: BuildOptions, options: AnalyzeOptions = {}): Figures {
  const gold = loadGold();
  const articles = loadGoldArticles(gold);
  return sumFigures(
    [...articles.keys()].map((doc) => {
      const others = [...articles].filter(([id]) => id !== doc).map(([, a]) => a);
      return evaluate(loadCorpusIndex(buildCorpusIndex(others, build)), options, [doc]);
    }),
  );
}
