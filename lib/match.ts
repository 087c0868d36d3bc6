/**
 * Sentence matching: for one sentence of the article being read, find the sentences of other outlets
 * that report the same point — not merely the same topic.
 *
 * Two stages, as in retrieve-and-rerank search: MiniSearch retrieves candidates cheaply, then each
 * candidate is scored on evidence that the two sentences state the same thing (shared rare terms,
 * shared numbers and names, long shared wording such as a quote), weighed against what they do not
 * share. Topic words (the people and places of the story) occur in many corpus sentences, so inverse
 * document frequency keeps them from carrying a match alone.
 */
import type { CorpusIndex } from './corpus';
import { termOf, tokenize } from './text';
import { scoreWith, SHIPPED_WEIGHTS, type PairFeatures } from './score';

export interface MatchOptions {
  /** 0 (only near-certain matches) … 1 (looser); 0.5 is the default. */
  sensitivity?: number;
  /** Corpus article index never to match (the article being read, when it is in the corpus). */
  excludeArticle?: number | null;
  /** How many retrieved candidates are reranked. */
  candidates?: number;
  /** Score weights other than the shipped ones (used when fitting and cross-validating them). */
  weights?: readonly number[];
}

export interface SentenceMatch {
  /** Corpus sentence id. */
  sentence: number;
  score: number;
}

/** The score a match needs at a given sensitivity. */
export function thresholdFor(sensitivity = 0.5): number {
  const s = Math.min(1, Math.max(0, sensitivity));
  return 0.8 - 0.6 * s;
}

/** A sentence prepared for scoring: its terms in order, clause boundaries and words, computed once. */
export interface PreparedSentence {
  terms: string[];
  termSet: Set<string>;
  /** Term index ranges [from, to) of the sentence's clauses (split at punctuation and connectives). */
  clauses: [number, number][];
  words: string[];
}

/** Where a sentence splits into clauses: punctuation, dashes and connectives that join separate statements. */
const CLAUSE_BREAK = /^(?:but|though|although|while|whereas|after|before|as|because|since|despite|however|and|which|who|with|without|following)$/;

export function prepareSentence(text: string): PreparedSentence {
  const terms: string[] = [];
  const clauses: [number, number][] = [];
  const words: string[] = [];
  let clauseStart = 0;
  let last = 0;
  for (const token of tokenize(text)) {
    const between = text.slice(last, token.start);
    last = token.start + token.raw.length;
    if (/[,;:()“”"–—]|\s-\s/.test(between) || CLAUSE_BREAK.test(token.word)) {
      if (terms.length > clauseStart) clauses.push([clauseStart, terms.length]);
      clauseStart = terms.length;
    }
    words.push(token.word);
    const term = termOf(token.word);
    if (term) terms.push(term);
  }
  if (terms.length > clauseStart) clauses.push([clauseStart, terms.length]);
  return { terms, termSet: new Set(terms), clauses, words };
}

/** Inverse document frequency of a term over the corpus sentences (smoothed). */
export function idf(corpus: CorpusIndex, term: string): number {
  const n = corpus.sentences.length;
  const df = corpus.documentFrequency.get(term) ?? 0;
  return Math.log((n + 1) / (df + 1)) + 1;
}

/** Length, in words, of the longest run of words the two sentences share verbatim. */
export function longestSharedRun(a: string[], b: string[]): number {
  let best = 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        row[j] = prev[j - 1]! + 1;
        if (row[j]! > best) best = row[j]!;
      }
    }
    prev = row;
  }
  return best;
}

/** Weight of a soft alignment (related word or same word family) relative to an exact one. */
const SOFT = 0.7;

/** Terms of one word family: a long shared prefix ("ukrain" ~ "ukrainian", "negoti" ~ "negotiat"). */
function sameFamily(a: string, b: string): boolean {
  if (a.length < 5 || b.length < 5 || /^\d/.test(a)) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i >= 5;
}

/** How well each term of `from` is matched in `to`: 1 exact, SOFT related, 0 not at all. */
function alignTerms(corpus: CorpusIndex, from: PreparedSentence, to: PreparedSentence, fromIsCorpus: boolean): number[] {
  return from.terms.map((t) => {
    if (to.termSet.has(t)) return 1;
    for (const u of to.termSet) {
      const related = fromIsCorpus ? corpus.related.get(u)?.includes(t) : corpus.related.get(t)?.includes(u);
      if (related || sameFamily(t, u)) return SOFT;
    }
    return 0;
  });
}

/** Evidence that two sentences report the same point. `there` is the corpus sentence. */
export function pairFeatures(corpus: CorpusIndex, here: PreparedSentence, there: PreparedSentence): PairFeatures {
  const maxIdf = idf(corpus, '\u0000');
  const side = (s: PreparedSentence, align: number[]) => {
    const weights = s.terms.map((t) => idf(corpus, t));
    let exact = 0;
    let soft = 0;
    let total = 0;
    const seen = new Set<string>();
    s.terms.forEach((t, i) => {
      if (seen.has(t)) return;
      seen.add(t);
      total += weights[i]!;
      if (align[i] === 1) exact += weights[i]!;
      else soft += align[i]! * weights[i]!;
    });
    // The best-covered clause: a point is often one clause of a longer sentence.
    let clause = 0;
    for (const [from, to] of s.clauses) {
      let mass = 0;
      let got = 0;
      for (let i = from; i < to; i++) {
        mass += weights[i]!;
        got += align[i]! * weights[i]!;
      }
      if (to - from >= 2 && mass > 0) clause = Math.max(clause, (got / mass) * Math.min(1, got / maxIdf));
    }
    return { exact, soft, coverage: total ? (exact + soft) / total : 0, clause };
  };
  const h = side(here, alignTerms(corpus, here, there, false));
  const t = side(there, alignTerms(corpus, there, here, true));
  let sharedNumbers = 0;
  for (const term of here.termSet) if (/^\d/.test(term) && there.termSet.has(term)) sharedNumbers++;
  return {
    sharedMass: h.exact / maxIdf,
    softMass: h.soft / maxIdf,
    coverageHere: h.coverage,
    coverageThere: t.coverage,
    clauseCoverage: Math.max(h.clause, t.clause),
    sharedRun: longestSharedRun(here.words, there.words),
    sharedNumbers,
  };
}

/**
 * Matches one sentence against the corpus. Returns, best first, the corpus sentences that report
 * the same point; at most a few per outlet (a long sentence can carry several points).
 */
export function matchSentence(text: string, corpus: CorpusIndex, options: MatchOptions = {}): SentenceMatch[] {
  const here = prepareSentence(text);
  if (here.termSet.size < 2) return [];
  const threshold = thresholdFor(options.sensitivity);
  const exclude = options.excludeArticle ?? null;

  const hits = corpus.search
    .search(text, { combineWith: 'OR', filter: (r) => corpus.sentences[r.id as number]?.article !== exclude })
    .slice(0, options.candidates ?? 40);

  const scored: SentenceMatch[] = [];
  for (const hit of hits) {
    const id = hit.id as number;
    const there = prepareSentence(corpus.sentences[id]!.text);
    const score = scoreWith(options.weights ?? SHIPPED_WEIGHTS, pairFeatures(corpus, here, there));
    if (score >= threshold) scored.push({ sentence: id, score });
  }
  scored.sort((a, b) => b.score - a.score);

  // Per outlet: the best match, plus others that are nearly as good (the sentence carries several points).
  const bestByArticle = new Map<number, number>();
  const kept: SentenceMatch[] = [];
  for (const m of scored) {
    const article = corpus.sentences[m.sentence]!.article;
    const best = bestByArticle.get(article);
    if (best === undefined) bestByArticle.set(article, m.score);
    else if (m.score < best - 0.15) continue;
    kept.push(m);
  }
  return kept;
}
