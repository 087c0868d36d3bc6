/**
 * Sentence matching: for one sentence of the article being read, find the sentences of other outlets
 * that report the same point — not merely the same topic.
 *
 * Retrieve, then rerank: MiniSearch finds the corpus articles on the reader's story, the sentences of
 * those articles that share the most rare words with each reader sentence are its candidates (with those
 * that repeat its quotations or state a compatible amount), and each candidate is scored on evidence
 * that the two sentences state the same thing (shared rare terms, shared numbers, names and amounts, long
 * shared wording such as a quote), weighed against what they do not share. Topic words (the people and places of the story) occur in many corpus sentences, so inverse
 * document frequency keeps them from carrying a match alone. Two sentences that carry one statement (one a
 * passage of the other word for word, or a quotation reworded) report the same point whatever the rest scores.
 */
import { cosine, namesVector, SAME_STORY } from './clusters';
import { articleStarts, storyQuery, type CorpusIndex } from './corpus';
import { agreeingAmounts, amountsOf, type Quantity } from './amounts';
import { contentTerms, NEGATION_WORD, termOf, tokenize, type Token } from './text';
import { once } from './memo';
import { mayQuote, rewordsQuotation } from './compare';
import { corpusSentence, type ComparisonCache } from './tokens';
import { contextVector, featureVector, linear, logistic, secondStage, SHIPPED_MODEL, type Model, type PairFeatures } from './score';

export interface MatchOptions {
  /** 0 (only near-certain matches) … 1 (looser); 0.5 is the default. */
  sensitivity?: number;
  /** Corpus article index never to match (the article being read, when it is in the corpus). */
  excludeArticle?: number | null;
  /** How many retrieved candidates are reranked. */
  candidates?: number;
  /** A score model other than the shipped one (used when fitting and cross-validating it). */
  model?: Model;
  /** The reader's sentences already tokenised for comparison (lib/report shares its own). */
  sentences?: ComparisonCache;
}

export interface SentenceMatch {
  /** Corpus sentence id. */
  sentence: number;
  score: number;
}

/**
 * The score a match needs at a given sensitivity. The default (0.56) was chosen by leave-one-outlet-out
 * cross-validation (`npm run fit -- --sensitivity`): the strictest point before held-out recall stops rising.
 */
export function thresholdFor(sensitivity = 0.5): number {
  const s = Math.min(1, Math.max(0, sensitivity));
  return 0.86 - 0.6 * s;
}

/** A sentence prepared for scoring: its terms in order, clause boundaries and words, computed once. */
export interface PreparedSentence {
  text: string;
  terms: string[];
  termSet: Set<string>;
  /** Per term: written with a capital inside the sentence (a name), so topic rather than predicate. */
  names: boolean[];
  /** Term index ranges [from, to) of the sentence's clauses (split at punctuation and connectives). */
  clauses: [number, number][];
  words: string[];
  /** Per word: inside quotation marks. */
  quoted: boolean[];
  /** Per word: part of a name (a capitalised content word inside the sentence). */
  nameWords: boolean[];
  /** Per clause: it carries a negation ("no", "not", "without", "failed to" …). */
  negated: boolean[];
}

/** Where a sentence splits into clauses: punctuation, dashes and connectives that join separate statements. */
const CLAUSE_BREAK = /^(?:but|though|although|while|whereas|after|before|as|because|since|despite|however|and|which|who|with|without|following)$/;

export function prepareSentence(text: string, tokens: readonly Token[] = tokenize(text)): PreparedSentence {
  const terms: string[] = [];
  const names: boolean[] = [];
  const clauses: [number, number][] = [];
  const words: string[] = [];
  const quoted: boolean[] = [];
  const nameWords: boolean[] = [];
  const negatedAt = new Set<number>();
  let inQuote = false;
  let clauseStart = 0;
  let last = 0;
  tokens.forEach((token, index) => {
    const between = text.slice(last, token.start);
    last = token.start + token.raw.length;
    if (/[,;:()“”"–—]|\s-\s/.test(between) || CLAUSE_BREAK.test(token.word)) {
      if (terms.length > clauseStart) clauses.push([clauseStart, terms.length]);
      clauseStart = terms.length;
    }
    if (NEGATION_WORD.test(token.word)) negatedAt.add(clauses.length);
    for (const ch of between) {
      if (ch === '“') inQuote = true;
      else if (ch === '”') inQuote = false;
      else if (ch === '"') inQuote = !inQuote;
    }
    words.push(token.word);
    quoted.push(inQuote);
    const term = termOf(token.word);
    nameWords.push(index > 0 && term !== null && /^\p{Lu}/u.test(token.raw) && !/^\d/.test(term));
    if (term) {
      terms.push(term);
      names.push(index > 0 && /^\p{Lu}/u.test(token.raw) && !/^\d/.test(term));
    }
  });
  if (terms.length > clauseStart) clauses.push([clauseStart, terms.length]);
  return { text, terms, termSet: new Set(terms), names, clauses, words, quoted, nameWords, negated: clauses.map((_, i) => negatedAt.has(i)) };
}

/** Inverse document frequency of a term over the corpus sentences (smoothed). */
export function idf(corpus: CorpusIndex, term: string): number {
  let cache = idfCache.get(corpus);
  if (!cache) idfCache.set(corpus, (cache = new Map()));
  let value = cache.get(term);
  if (value === undefined) {
    const n = corpus.sentences.length;
    const df = corpus.documentFrequency.get(term) ?? 0;
    cache.set(term, (value = Math.log((n + 1) / (df + 1)) + 1));
  }
  return value;
}
const idfCache = new WeakMap<CorpusIndex, Map<string, number>>();

/** Where each word occurs in a sentence. */
const wordPositions = once((s: PreparedSentence): Map<string, number[]> => {
  const at = new Map<string, number[]>();
  s.words.forEach((word, j) => {
    const list = at.get(word);
    if (list) list.push(j);
    else at.set(word, [j]);
  });
  return at;
});

const PASSAGE_WORDS = 6;

/**
 * One sentence is wholly a passage of the other, word for word and long enough not to be a stock phrase ("There
 * are just a very few that are left." inside another outlet's longer quotation): the same statement, however much
 * else the other says.
 */
function isPassage(a: PreparedSentence, b: PreparedSentence): boolean {
  const [short, long] = a.words.length <= b.words.length ? [a, b] : [b, a];
  return short.words.length >= PASSAGE_WORDS && repeatsWords(long, short.words);
}

/** Whether the sentence has these words in a row, verbatim (it repeats a quotation). */
export function repeatsWords(s: PreparedSentence, run: readonly string[]): boolean {
  return run.length > 0 && (wordPositions(s).get(run[0]!) ?? []).some((j) => run.every((word, k) => s.words[j + k] === word));
}

/**
 * Longest shared runs of words, in one pass: any wording (names and titles excluded: "Secretary of State
 * Marco Rubio" is topic, not a shared phrase), and wording inside quotation marks on either side.
 * A dynamic programme over only the word pairs that are equal, so it costs what the sentences share.
 */
function sharedRuns(here: PreparedSentence, there: PreparedSentence): { sharedRun: number; quotedRun: number } {
  const at = wordPositions(there);
  let sharedRun = 0;
  let quotedRun = 0;
  // Run lengths ending at (previous word of here, j), as [j, run, quoted run] triples.
  let prev: number[] = [];
  let row: number[] = [];
  for (let i = 0; i < here.words.length; i++) {
    row.length = 0;
    const js = at.get(here.words[i]!);
    if (js) {
      for (const j of js) {
        if (here.nameWords[i] && there.nameWords[j]) continue;
        let run = 1;
        let quoted = 0;
        for (let k = 0; k < prev.length; k += 3) {
          if (prev[k] === j - 1) {
            run = prev[k + 1]! + 1;
            quoted = prev[k + 2]!;
            break;
          }
        }
        quoted = here.quoted[i] || there.quoted[j] ? quoted + 1 : 0;
        row.push(j, run, quoted);
        if (run > sharedRun) sharedRun = run;
        if (quoted > quotedRun) quotedRun = quoted;
      }
    }
    [prev, row] = [row, prev];
  }
  return { sharedRun, quotedRun };
}

/**
 * Weight of a soft alignment relative to an exact one: a related word, or one of the same word family
 * (terms of five letters or more sharing their first five: "ukrain" ~ "ukrainian", "negoti" ~ "negotiat").
 */
const SOFT = 0.7;

/** A clause counts as covered by the other sentence at this damped coverage (the clauseCoverage measure). */
const CLAUSE_COVERED = 0.5;

/**
 * The term alignment, reader terms × corpus terms: 1 for the same term, SOFT for a related word or one
 * word family, else 0. Kept sparse, as the aligned pairs in column order, with each term's best alignment
 * on either side. Filled through the reader's terms, their related terms and their word-family prefixes,
 * so the work grows with the two sentences' lengths and what they share, not their product.
 */
interface Alignment {
  /** Aligned pairs (reader term i, corpus term j, value), j ascending. */
  rows: number[];
  cols: number[];
  values: number[];
  alignHere: Float64Array;
  alignThere: Float64Array;
}

function alignTerms(corpus: CorpusIndex, here: PreparedSentence, there: PreparedSentence): Alignment {
  const index = lookupIndex(here, corpus);
  const info = infoOf(there, corpus);
  const m = there.terms.length;
  const al: Alignment = { rows: [], cols: [], values: [], alignHere: new Float64Array(here.terms.length), alignThere: new Float64Array(m) };
  // Each pair is aligned once: exact first, then soft only where the column has nothing for that row yet.
  const takenIn = new Int32Array(here.terms.length).fill(-1); // the column each row was last aligned in
  const align = (rows: readonly number[] | undefined, j: number, v: number) => {
    if (!rows) return;
    for (const i of rows) {
      if (takenIn[i] === j) continue;
      takenIn[i] = j;
      al.rows.push(i);
      al.cols.push(j);
      al.values.push(v);
      if (v > al.alignHere[i]!) al.alignHere[i] = v;
      if (v > al.alignThere[j]!) al.alignThere[j] = v;
    }
  };
  for (let j = 0; j < m; j++) {
    const b = there.terms[j]!;
    align(index.exact.get(b), j, 1);
    if (info.numeric[j]) continue;
    if (info.prefix[j]) align(index.family.get(info.prefix[j]!), j, SOFT);
    align(index.relatedTo.get(b), j, SOFT);
    for (const r of corpus.related.get(b) ?? []) align(index.exact.get(r), j, SOFT);
  }
  return al;
}

/** Per-term facts of a prepared sentence, computed once: weights, first occurrences, numbers, family prefixes, clauses. */
interface TermInfo {
  weights: number[];
  first: boolean[];
  numeric: boolean[];
  prefix: (string | null)[];
  /** Per term: the index of its clause. */
  clauseOf: Int32Array;
  /** Per clause: the weight of its terms. */
  clauseMass: number[];
  /** Its distinct numbers. */
  numbers: string[];
}
const infoOf = once((s: PreparedSentence, corpus: CorpusIndex): TermInfo => {
  const seen = new Set<string>();
  const numeric = s.terms.map((t) => /^\d/.test(t));
  const weights = s.terms.map((t) => idf(corpus, t));
  const clauseOf = new Int32Array(s.terms.length);
  const clauseMass = s.clauses.map(([from, to], c) => {
    let mass = 0;
    for (let i = from; i < to; i++) {
      mass += weights[i]!;
      clauseOf[i] = c;
    }
    return mass;
  });
  return {
    weights,
    first: s.terms.map((t) => !seen.has(t) && Boolean(seen.add(t))),
    numeric,
    prefix: s.terms.map((t, i) => (!numeric[i] && t.length >= 5 ? t.slice(0, 5) : null)),
    clauseOf,
    clauseMass,
    numbers: [...s.termSet].filter((t) => /^\d/.test(t)),
  };
});

/** A reader sentence's terms indexed for alignment lookups: exact term, 5-letter family prefix, related terms. */
interface LookupIndex {
  exact: Map<string, number[]>;
  family: Map<string, number[]>;
  relatedTo: Map<string, number[]>;
}
const lookupIndex = once((s: PreparedSentence, corpus: CorpusIndex): LookupIndex => {
  const index: LookupIndex = { exact: new Map(), family: new Map(), relatedTo: new Map() };
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  s.terms.forEach((t, i) => {
    add(index.exact, t, i);
    if (/^\d/.test(t)) return;
    if (t.length >= 5) add(index.family, t.slice(0, 5), i);
    for (const r of corpus.related.get(t) ?? []) add(index.relatedTo, r, i);
  });
  return index;
});

/** Evidence that two sentences report the same point. `there` is the corpus sentence. */
export function pairFeatures(corpus: CorpusIndex, here: PreparedSentence, there: PreparedSentence): PairFeatures {
  const maxIdf = idf(corpus, '\u0000');
  const al = alignTerms(corpus, here, there);
  const { alignHere, alignThere } = al;

  const side = (s: PreparedSentence, align: Float64Array) => {
    const { weights, first, numeric } = infoOf(s, corpus);
    let exact = 0;
    let soft = 0;
    let total = 0;
    let predicate = 0;
    let predicateTotal = 0;
    let namesMissed = 0;
    for (let i = 0; i < s.terms.length; i++) {
      if (!first[i]) continue;
      const w = weights[i]!;
      const a = align[i]!;
      total += w;
      if (a === 1) exact += w;
      else soft += a * w;
      if (s.names[i]) {
        if (!a) namesMissed += w;
      } else if (!numeric[i]) {
        predicateTotal += w;
        predicate += a * w;
      }
    }
    // The best-covered clause: a point is often one clause of a longer sentence.
    let clause = 0;
    let covered = 0;
    s.clauses.forEach(([from, to], c) => {
      let mass = 0;
      let got = 0;
      for (let i = from; i < to; i++) {
        mass += weights[i]!;
        got += align[i]! * weights[i]!;
      }
      if (to - from < 2 || mass === 0) return;
      const value = (got / mass) * Math.min(1, got / maxIdf);
      clause = Math.max(clause, value);
      if (value >= CLAUSE_COVERED && c < 31) covered |= 1 << c;
    });
    return { exact, soft, coverage: total ? (exact + soft) / total : 0, clause, covered, weights, predicate, predicateTotal, namesMissed };
  };
  const h = side(here, alignHere);
  const t = side(there, alignThere);

  const { clausePair, polarityDiffers } = bestClausePair(al, here, there, corpus, maxIdf);

  const hereNumbers = infoOf(here, corpus).numbers;
  const numbersHere = hereNumbers.length;
  const numbersThere = infoOf(there, corpus).numbers.length;
  const sharedNumbers = hereNumbers.filter((n) => there.termSet.has(n)).length;
  const predicateCov = (s: typeof h) => (s.predicateTotal ? s.predicate / s.predicateTotal : 0);
  return {
    sharedMass: h.exact / maxIdf,
    softMass: h.soft / maxIdf,
    coverageHere: h.coverage,
    coverageThere: t.coverage,
    clauseCoverage: Math.max(h.clause, t.clause),
    // Shared wording, not shared names: a run of names and titles ("Secretary of State Marco Rubio") is topic.
    ...sharedRuns(here, there),
    sharedNumbers,
    numbersDiffer: numbersHere > sharedNumbers && numbersThere > sharedNumbers && sharedNumbers === 0 ? 1 : 0,
    predicateMass: h.predicate / maxIdf,
    predicateCoverage: Math.min(predicateCov(h), predicateCov(t)),
    namesMissed: (h.namesMissed + t.namesMissed) / maxIdf,
    clausePair,
    polarityDiffers,
    amountsAgree: amountsAgree(here, there, alignHere),
    readerClauses: h.covered,
  };
}

/**
 * Clause against clause: the weighted overlap (Dice) of the best pair of clauses, damped when light, and
 * whether that pair differs in negation. Only pairs of clauses with aligned terms can score, so only they
 * are visited: each pair's aligned terms, found by sorting the alignment by clause pair.
 */
function bestClausePair(al: Alignment, here: PreparedSentence, there: PreparedSentence, corpus: CorpusIndex, maxIdf: number): { clausePair: number; polarityDiffers: number } {
  const h = infoOf(here, corpus);
  const t = infoOf(there, corpus);
  const clauses = here.clauses.length;
  const keys = al.rows.map((i, e) => t.clauseOf[al.cols[e]!]! * clauses + h.clauseOf[i]!);
  // Grouped by pair of clauses (corpus clause first, as the pairs are tried); a stable sort keeps the
  // aligned terms of each group in column order.
  const order = keys.map((_, e) => e).sort((x, y) => keys[x]! - keys[y]!);
  const bestHere = new Map<number, number>();
  let clausePair = 0;
  let polarityDiffers = 0;
  for (let k = 0; k < order.length; ) {
    const key = keys[order[k]!]!;
    const [tc, hc] = [Math.floor(key / clauses), key % clauses];
    // Each term's best alignment within the other clause, weighted: corpus terms (in column order) and reader terms.
    let gotThere = 0;
    bestHere.clear();
    while (k < order.length && keys[order[k]!] === key) {
      const j = al.cols[order[k]!]!;
      let best = 0;
      for (; k < order.length && keys[order[k]!] === key && al.cols[order[k]!] === j; k++) {
        const e = order[k]!;
        const [i, v] = [al.rows[e]!, al.values[e]!];
        best = Math.max(best, v);
        bestHere.set(i, Math.max(bestHere.get(i) ?? 0, v));
      }
      gotThere += best * t.weights[j]!;
    }
    let gotHere = 0;
    for (const i of [...bestHere.keys()].sort((x, y) => x - y)) gotHere += bestHere.get(i)! * h.weights[i]!;
    const mass = h.clauseMass[hc]! + t.clauseMass[tc]!;
    if (mass === 0) continue;
    const got = gotHere + gotThere;
    const value = (got / mass) * Math.min(1, got / (2 * 2 * maxIdf));
    if (value > clausePair) {
      clausePair = value;
      polarityDiffers = here.negated[hc]! !== there.negated[tc]! ? 1 : 0;
    }
  }
  return { clausePair, polarityDiffers };
}

/**
 * How many amounts the two sentences state compatibly. A vague amount ("several hours") agrees with many
 * values, so it counts only when a reader term outside the amount phrases is aligned too: "soaked for
 * several hours" and "left after just under three hours" share a duration, not a point.
 */
function amountsAgree(here: PreparedSentence, there: PreparedSentence, alignHere: Float64Array): number {
  const a = amounts(here);
  if (!a.length) return 0;
  const b = amounts(there);
  const inAmounts = amountTerms(here);
  if (here.terms.some((t, i) => alignHere[i]! > 0 && !inAmounts.has(t))) return agreeingAmounts(a, b);
  const precise = (q: Quantity) => q.value !== null;
  return agreeingAmounts(a.filter(precise), b.filter(precise));
}

/** The amounts a prepared sentence states. */
const amounts = once((s: PreparedSentence): Quantity[] => amountsOf(s.text));

/** The terms of a prepared sentence's amount phrases ("nearly", "three", "hour"). */
const amountTerms = once((s: PreparedSentence) => new Set(amounts(s).flatMap((q) => tokenize(q.text).map((t) => termOf(t.word)))));

/** A retrieved corpus sentence for one of the reader's sentences, with its evidence. */
export interface Candidate {
  /** Index of the reader's sentence. */
  query: number;
  /** Corpus sentence id. */
  sentence: number;
  /** Corpus article index. */
  article: number;
  /** Pair features as the score's input vector (featureVector). */
  base: number[];
  /** Other candidates of the same reader sentence in other outlets, with their similarity to this one. */
  links: [number, number][];
  /** The reader's clauses this sentence covers, as a bit mask (PairFeatures.readerClauses). */
  clauses: number;
  /** One of the two sentences is wholly a passage of the other, word for word (isPassage). */
  passage: boolean;
}

/** Unit-length TF-IDF vector of a sentence's terms: the terms sorted (so sums run in one order), each with its weight. */
type SparseVector = { terms: string[]; weights: Map<string, number> };
function tfidfVector(corpus: CorpusIndex, s: PreparedSentence): SparseVector {
  const v = new Map<string, number>();
  for (const t of s.terms) v.set(t, (v.get(t) ?? 0) + idf(corpus, t));
  let norm = 0;
  for (const w of v.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  const terms = [...v.keys()].sort();
  return { terms, weights: new Map(terms.map((t) => [t, v.get(t)! / norm])) };
}

/** Looks the shorter vector's terms up in the longer one: a few hash lookups instead of a merge of sorted strings. */
function sparseCosine(a: SparseVector, b: SparseVector): number {
  const [short, long] = a.terms.length <= b.terms.length ? [a, b] : [b, a];
  let dot = 0;
  for (const t of short.terms) {
    const w = long.weights.get(t);
    if (w !== undefined) dot += short.weights.get(t)! * w;
  }
  return dot;
}

/** Corpus sentences prepared once (lazily, only those ever retrieved) and kept with the loaded corpus. */
const preparedCache = new WeakMap<
  CorpusIndex,
  { prepared: Map<number, PreparedSentence>; vectors: Map<number, SparseVector>; names: Map<number, Map<string, number>> }
>();

const PREPARED_CACHE_LIMIT = 20_000;

/** How many retrieved sentences per reader sentence are reranked (more changes nothing measurable on the gold). */
const CANDIDATES = 15;

/**
 * A corpus article is matched sentence by sentence only if at least this many of the reader's sentences
 * (fewer when the reader has fewer) each share this many terms with one of its sentences. The gate spares
 * long pages on other stories the matching; a short text costs little to match in full and has few
 * sentences to show its story with, so two shared terms suffice there.
 */
const SUPPORT_SENTENCES = 2;
const SUPPORT_TERMS = 3;
const SHORT_TEXT = 10;
const SHORT_TEXT_SUPPORT_TERMS = 2;

/** How many articles on the reader's story are searched sentence by sentence. */
const STORY_ARTICLES = 24;

/**
 * The articles on the reader's story, best first: the story index is searched with the article's
 * rarest terms, so the work per article does not grow with the corpus; its sentences are then
 * matched only against these articles' sentences.
 */
export function storyArticles(terms: ReadonlySet<string>, corpus: CorpusIndex, exclude: number | null = null): number[] {
  const byId = new Map(corpus.articles.map((a, i) => [a.id, i]));
  const excluded = exclude === null ? [] : [exclude];
  const search = (leftOut: number[]): number[] => {
    const query = storyQuery(terms, corpus, leftOut);
    if (!query) return [];
    return corpus.stories
      .search(query, { combineWith: 'OR' })
      .map((hit) => byId.get(hit.id as string))
      .filter((a): a is number => a !== undefined && !leftOut.includes(a));
  };
  const found = search(excluded);
  if (!found.length) return [];
  // A text that repeats much of one corpus article (an updated version, a long extract) has that
  // article's own terms for its rarest, and they find nothing else: search again without them.
  const best = found[0]!;
  return [...new Set([best, ...search([...excluded, best]), ...found])].slice(0, STORY_ARTICLES);
}

/** Retrieves and featurises candidates for every reader sentence (empty texts are skipped). */
export function collectCandidates(texts: readonly string[], corpus: CorpusIndex, options: MatchOptions = {}): Candidate[] {
  const exclude = options.excludeArticle ?? null;
  let cache = preparedCache.get(corpus);
  if (!cache) preparedCache.set(corpus, (cache = { prepared: new Map(), vectors: new Map(), names: new Map() }));
  const { prepared, vectors, names } = cache;
  // Bounded: a long-lived extension reads many articles against a large corpus.
  if (prepared.size > PREPARED_CACHE_LIMIT) {
    prepared.clear();
    vectors.clear();
    names.clear();
  }
  const prepare = (id: number): PreparedSentence => {
    let there = prepared.get(id);
    if (!there) {
      prepared.set(id, (there = prepareSentence(corpus.sentences[id]!.text)));
      vectors.set(id, tfidfVector(corpus, there));
    }
    return there;
  };

  // The story's sentences, and which of them hold each term (an inverted index of just these).
  const starts = articleStarts(corpus);
  const short = texts.filter(Boolean).length < SHORT_TEXT;
  const readerNames = short ? null : namesVector(texts.join('\n'));
  const articleNames = (article: number) => {
    let v = names.get(article);
    if (!v) names.set(article, (v = namesVector(corpus.sentences.slice(starts[article], starts[article + 1]).map((x) => x.text).join('\n'))));
    return v;
  };
  const holding = new Map<string, number[]>();
  const storySentences: number[] = [];
  // Each reader sentence tokenised once: for the story search and, if there is a story, for its candidates.
  const tokens = texts.map((text) => tokenize(text));
  const terms = new Set(texts.flatMap((text, i) => contentTerms(text, tokens[i])));
  for (const article of storyArticles(terms, corpus, exclude)) {
    // A long text shows its story by the names it shares (people, places, organisations); a page on
    // another story that shares common words ("president", "talks") costs no matching.
    if (readerNames && cosine(readerNames, articleNames(article)) < SAME_STORY) continue;
    for (let id = starts[article]!; id < starts[article + 1]!; id++) {
      storySentences.push(id);
      for (const term of prepare(id).termSet) {
        const ids = holding.get(term);
        if (ids) ids.push(id);
        else holding.set(term, [id]);
      }
    }
  }

  if (!storySentences.length) return [];
  const readers = texts.map((text, i) => (text ? prepareSentence(text, tokens[i]) : null));

  // Retrieve: for each reader sentence, the story sentences sharing the most inverse-document-frequency
  // weight with it, and how many terms they share.
  const queries: { query: number; here: PreparedSentence; shared: Map<number, number> }[] = [];
  const support = new Map<number, number>();
  const supportTerms = short ? SHORT_TEXT_SUPPORT_TERMS : SUPPORT_TERMS;
  readers.forEach((here, query) => {
    if (!here || here.termSet.size < 2) return;
    const shared = new Map<number, number>();
    const count = new Map<number, number>();
    for (const term of here.termSet) {
      const ids = holding.get(term);
      if (!ids) continue;
      const weight = idf(corpus, term);
      for (const id of ids) {
        shared.set(id, (shared.get(id) ?? 0) + weight);
        count.set(id, (count.get(id) ?? 0) + 1);
      }
    }
    queries.push({ query, here, shared });
    const supported = new Set<number>();
    for (const [id, n] of count) if (n >= supportTerms) supported.add(corpus.sentences[id]!.article);
    for (const article of supported) support.set(article, (support.get(article) ?? 0) + 1);
  });
  // The report keeps an outlet only when several sentences match it (lib/report.ts), so articles that
  // fewer than two reader sentences share enough terms with are not worth matching: a page on another
  // story costs no pair features at all.
  const needed = Math.min(SUPPORT_SENTENCES, queries.length);
  const covers = (id: number) => (support.get(corpus.sentences[id]!.article) ?? 0) >= needed;

  const out: Candidate[] = [];
  for (const { query, here, shared } of queries) {
    const hits = [...shared].filter(([id]) => covers(id)).sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, options.candidates ?? CANDIDATES);
    // Evidence the shared-weight ranking misses: a quotation whose words are all common ("just a very
    // few") and an amount stated in other words ("nearly three hours" / "more than two and a half
    // hours"). The story sentences that repeat the quotation word for word, or state a compatible
    // amount, are candidates too.
    const quotes = quotations(here);
    const stated = amounts(here);
    if (quotes.length || stated.length) {
      const have = new Set(hits.map(([id]) => id));
      for (const id of storySentences) {
        if (have.has(id) || !covers(id)) continue;
        const there = prepare(id);
        if (quotes.some((q) => repeatsWords(there, q)) || (stated.length && agreeingAmounts(stated, amounts(there)) > 0)) hits.push([id, 0]);
      }
    }
    const first = out.length;
    for (const [id] of hits) {
      const there = prepare(id);
      const features = pairFeatures(corpus, here, there);
      out.push({ query, sentence: id, article: corpus.sentences[id]!.article, base: featureVector(features), links: [], clauses: features.readerClauses, passage: isPassage(here, there) });
    }
    // How the candidates of different outlets resemble each other (a point reported by several outlets).
    for (let i = first; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        if (out[i]!.article === out[j]!.article) continue;
        const sim = sparseCosine(vectors.get(out[i]!.sentence)!, vectors.get(out[j]!.sentence)!);
        if (sim < 0.15) continue;
        out[i]!.links.push([j, sim]);
        out[j]!.links.push([i, sim]);
      }
    }
  }
  return out;
}

/** Runs of three or more words inside quotation marks. */
function quotations(s: PreparedSentence): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  s.words.forEach((w, i) => {
    if (s.quoted[i]) run.push(w);
    if (!s.quoted[i] || i === s.words.length - 1) {
      if (run.length >= 3) out.push(run);
      run = [];
    }
  });
  return out;
}

/**
 * Scores candidates in context (competitive linking): a first score from the pair alone, then, for
 * each pair, how it stands against the other sentences of the same outlet for this reader sentence,
 * and against the reader's other sentences for this corpus sentence. Returns the final scores.
 */
export function scoreCandidates(candidates: readonly Candidate[], model: Model = SHIPPED_MODEL): number[] {
  const first = candidates.map((c) => linear(model.pair, c.base));
  const contexts = contextVectors(candidates, first);
  return candidates.map((c, i) => logistic(secondStage(model, [...c.base, ...contexts[i]!])));
}

/** The context features of each candidate, given first-stage logits. */
export function contextVectors(candidates: readonly Candidate[], first: readonly number[]): number[][] {
  const bestInOutlet = new Map<string, number>();
  const bestForSentence = new Map<number, number>();
  candidates.forEach((c, i) => {
    const key = `${c.query}:${c.article}`;
    bestInOutlet.set(key, Math.max(bestInOutlet.get(key) ?? -Infinity, first[i]!));
    bestForSentence.set(c.sentence, Math.max(bestForSentence.get(c.sentence) ?? -Infinity, first[i]!));
  });
  return candidates.map((c, i) => {
    // Support through another outlet: this sentence resembles one that another outlet's matches well.
    let via = 0;
    for (const [j, sim] of c.links) via = Math.max(via, Math.min(logistic(first[j]!), sim));
    return contextVector(first[i]!, bestInOutlet.get(`${c.query}:${c.article}`)!, bestForSentence.get(c.sentence)!, via);
  });
}

/**
 * Matches the reader's sentences against the corpus, all at once (each sentence's matches are weighed
 * against the article's other sentences). Returns, per sentence and best first, the corpus sentences
 * that report the same point; at most a few per outlet (a long sentence can carry several points).
 */
export function matchSentences(texts: readonly string[], corpus: CorpusIndex, options: MatchOptions = {}): SentenceMatch[][] {
  return matchArticle(texts, corpus, options).matches;
}

/** An article's matches, and per sentence its best-scoring candidate, matched or not. */
export interface ArticleMatches {
  matches: SentenceMatch[][];
  nearest: (SentenceMatch | null)[];
}

/**
 * The score of a pair that carries one statement, whatever the model makes of the rest: one sentence is a
 * passage of the other word for word, or both quote it in different words (lib/compare rewordsQuotation: a
 * sentence quoting "a very productive meeting" reports the statement another quotes as "an extremely productive
 * meeting", and the reader should see that the wordings differ).
 */
const SAME_STATEMENT = 0.9;

function oneStatement(c: Candidate, here: string, there: string, readerSentences: ComparisonCache): boolean {
  if (c.passage) return true;
  return (mayQuote(here) || mayQuote(there)) && rewordsQuotation(here, corpusSentence(there), readerSentences);
}

/** matchSentences, with each sentence's nearest candidate too. */
export function matchArticle(texts: readonly string[], corpus: CorpusIndex, options: MatchOptions = {}): ArticleMatches {
  const threshold = thresholdFor(options.sensitivity);
  const candidates = collectCandidates(texts, corpus, options);
  const scores = scoreCandidates(candidates, options.model ?? SHIPPED_MODEL);
  const out: ScoredMatch[][] = texts.map(() => []);
  const nearest: (SentenceMatch | null)[] = texts.map(() => null);
  const readerSentences: ComparisonCache = options.sentences ?? new Map();
  candidates.forEach((c, i) => {
    let score = scores[i]!;
    if (score < SAME_STATEMENT && oneStatement(c, texts[c.query]!, corpus.sentences[c.sentence]!.text, readerSentences)) score = SAME_STATEMENT;
    if (score >= threshold) out[c.query]!.push({ sentence: c.sentence, score, clauses: c.clauses });
    if (score > (nearest[c.query]?.score ?? -1)) nearest[c.query] = { sentence: c.sentence, score };
  });
  return { matches: out.map((scored) => keepPerOutlet(scored, (id) => corpus.sentences[id]!.article)), nearest };
}

/** A match above the threshold, with the reader's clauses it covers (bit mask). */
export interface ScoredMatch extends SentenceMatch {
  clauses: number;
}

/** How far below an outlet's best match a further match of the same reader sentence may score. */
const OUTLET_MARGIN = 0.15;

/**
 * Best first; per outlet, the best match plus those nearly as good or covering a clause of the reader's
 * sentence that the better ones do not (a sentence can carry several points, reported apart).
 */
export function keepPerOutlet(scored: readonly ScoredMatch[], articleOf: (sentence: number) => number): SentenceMatch[] {
  const byArticle = new Map<number, { best: number; clauses: number }>();
  const kept: SentenceMatch[] = [];
  for (const { sentence, score, clauses } of [...scored].sort((a, b) => b.score - a.score)) {
    const article = articleOf(sentence);
    const seen = byArticle.get(article);
    if (!seen) byArticle.set(article, { best: score, clauses });
    else if (score < seen.best - OUTLET_MARGIN && (clauses & ~seen.clauses) === 0) continue;
    else seen.clauses |= clauses;
    kept.push({ sentence, score });
  }
  return kept;
}

/** Matches one sentence on its own (no other reader sentences to weigh it against). */
export function matchSentence(text: string, corpus: CorpusIndex, options: MatchOptions = {}): SentenceMatch[] {
  return matchSentences([text], corpus, options)[0]!;
}
