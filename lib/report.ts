/**
 * The last stage: article → sentences → claims → matches → comparisons, gathered into one Report.
 * The command line, the popup and the inline marks all read what this returns.
 */
import type { Article, CloseCall, Match, Report, ReportSentence } from './types';
import { paragraphSentences, verbatimVotes, type CorpusIndex, type ParagraphSentence } from './corpus';
import { judgeClaim } from './claims';
import { matchArticle, thresholdFor, type SentenceMatch } from './match';
import type { Model } from './score';
import { compareSentences } from './compare';
import { corpusSentence, type ComparisonCache } from './tokens';

export interface AnalyzeOptions {
  /** Matching sensitivity, 0 … 1 (default 0.5). */
  sensitivity?: number;
  /** A score model other than the shipped one (fitting and cross-validation only). */
  model?: Model;
}

/** Sentences of the article, with the ones in boilerplate paragraphs (promos, link lists, headings) marked. */
export function articleSentences(article: Article): ParagraphSentence[] {
  return paragraphSentences(article.paragraphs, article.text);
}

/**
 * Finds the corpus article this article is, if any: the same URL, or most of its story sentences found verbatim in
 * one corpus article (page furniture left out: a page can carry more promos and link lists than story). Returns its
 * index in corpus.articles.
 */
export function findSelfInCorpus(article: Article, sentences: readonly ParagraphSentence[], corpus: CorpusIndex): number | null {
  if (article.url) {
    const byUrl = corpus.articles.findIndex((a) => a.url && a.url === article.url);
    if (byUrl >= 0) return byUrl;
  }
  const story = sentences.filter((s) => !s.boilerplate);
  let best: number | null = null;
  let bestVotes = 0;
  for (const [article, n] of verbatimVotes(corpus, story)) {
    if (n > bestVotes) [best, bestVotes] = [article, n];
  }
  return best !== null && bestVotes >= Math.max(3, story.length * 0.5) ? best : null;
}

/**
 * An outlet covers the story only if several of the article's sentences match it (or one matches
 * near-certainly); a lone weak match to an article on another story is noise. A text of one sentence
 * has only that sentence to go by.
 */
function outletsCoveringStory(matches: SentenceMatch[][], corpus: CorpusIndex, sentences: number): Set<number> {
  const sentencesMatched = new Map<number, number>();
  const strongest = new Map<number, number>();
  for (const perSentence of matches) {
    const articles = new Set<number>();
    for (const m of perSentence) {
      const a = corpus.sentences[m.sentence]!.article;
      articles.add(a);
      strongest.set(a, Math.max(strongest.get(a) ?? 0, m.score));
    }
    for (const a of articles) sentencesMatched.set(a, (sentencesMatched.get(a) ?? 0) + 1);
  }
  const covering = new Set<number>();
  for (const [a, n] of sentencesMatched) {
    if (n >= Math.min(2, sentences) || (strongest.get(a) ?? 0) >= 0.9) covering.add(a);
  }
  return covering;
}

/**
 * A claim whose nearest candidate scores this close below the match threshold is a close call: neither
 * matched nor flagged single-source. Measured on the gold and the development set: most near misses are
 * the same point in other words, and a single-source flag is only worth showing when it is likely right.
 */
const CLOSE_CALL = 0.2;

export function analyze(article: Article, corpus: CorpusIndex, options: AnalyzeOptions = {}): Report {
  const sentences = articleSentences(article);
  const self = findSelfInCorpus(article, sentences, corpus);

  // All sentences at once: each match is weighed against the article's other sentences.
  const comparisons: ComparisonCache = new Map();
  const { matches: rawMatches, nearest } = matchArticle(
    sentences.map((s) => (s.boilerplate ? '' : s.text)),
    corpus,
    { ...options, excludeArticle: self, sentences: comparisons },
  );
  const storySentences = sentences.filter((s) => !s.boilerplate).length;
  const covering = outletsCoveringStory(rawMatches, corpus, storySentences);
  // A one-sentence text has no other sentences to show which outlets cover its story.
  const onStory = (sentence: number) => storySentences === 1 || covering.has(corpus.sentences[sentence]!.article);
  const closeCallFrom = thresholdFor(options.sensitivity) - CLOSE_CALL;

  const reportSentences: ReportSentence[] = sentences.map((s, index) => {
    const verdict = s.boilerplate ? { claim: false, reason: s.text === article.title ? 'headline' : 'boilerplate' } : judgeClaim(s.text, s.listed);
    const matches: Match[] = rawMatches[index]!
      .filter((m) => covering.has(corpus.sentences[m.sentence]!.article))
      .map((m) => {
        const there = corpus.sentences[m.sentence]!;
        const meta = corpus.articles[there.article]!;
        const { diff, conflicts } = compareSentences(s.text, corpusSentence(there.text), comparisons);
        return {
          articleId: meta.id,
          outlet: meta.outlet,
          title: meta.title,
          text: there.text,
          score: Math.round(m.score * 1000) / 1000,
          diff,
          conflicts,
        };
      });
    const near = nearest[index];
    const closeCall: CloseCall | null =
      verdict.claim && matches.length === 0 && near && near.score >= closeCallFrom && onStory(near.sentence) ? closeCallOf(near, corpus) : null;
    const status = matches.length > 0 ? 'corroborated' : verdict.claim && !closeCall ? 'single-source' : 'unchecked';
    return { index, text: s.text, start: s.start, end: s.end, claim: verdict.claim, reason: verdict.reason, status, matches, closeCall };
  });

  // Labels, once each: the reader's own corpus may hold several articles of one outlet.
  const outlets = [...new Set([...covering].map((a) => corpus.articles[a]!.outlet))].sort();
  return {
    article: {
      title: article.title,
      text: article.text,
      url: article.url,
      siteName: article.siteName,
      language: article.language,
      corpusId: self === null ? null : corpus.articles[self]!.id,
    },
    sentences: reportSentences,
    summary: {
      sentences: reportSentences.length,
      claims: reportSentences.filter((s) => s.claim).length,
      corroborated: reportSentences.filter((s) => s.status === 'corroborated').length,
      singleSource: reportSentences.filter((s) => s.status === 'single-source').length,
      closeCalls: reportSentences.filter((s) => s.closeCall).length,
      conflicts: reportSentences.filter((s) => s.matches.some((m) => m.conflicts.length > 0)).length,
      outlets,
    },
    corpusSize: corpus.articles.length - (self === null ? 0 : 1),
  };
}

/**
 * Analyses the first sentences of the corpus's first article against the corpus, for the side effects
 * only. A new JavaScript engine runs code slowly the first few times, and the corpus's prepared
 * sentences are built on first use, so the first analysis in a fresh extension worker takes about twice
 * as long as later ones. The extension calls this as soon as a page starts loading, so that the page's
 * own analysis, asked for once the page has loaded, finds the engine warm.
 */
export function warmUp(corpus: CorpusIndex): void {
  // Twelve: more than a short text, so the warm-up takes the path an article takes (lib/match SHORT_TEXT).
  const paragraphs = corpus.sentences
    .filter((s) => s.article === 0)
    .slice(0, 12)
    .map((s) => s.text);
  if (paragraphs.length === 0) return;
  const article: Article = { title: null, byline: null, siteName: null, published: null, language: 'en', url: null, paragraphs, text: paragraphs.join('\n') };
  analyze(article, corpus);
}

function closeCallOf(near: SentenceMatch, corpus: CorpusIndex): CloseCall {
  const there = corpus.sentences[near.sentence]!;
  const meta = corpus.articles[there.article]!;
  return { articleId: meta.id, outlet: meta.outlet, text: there.text, score: Math.round(near.score * 1000) / 1000 };
}
