/**
 * The shared data model. Data flows one way:
 * page → Article → Sentence[] → matches → Report → views (CLI, popup, inline marks).
 */

/** An article as extracted from a page or read from a text file. */
export interface Article {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  /** ISO date or date-time, when the page states one. */
  published: string | null;
  /** BCP 47 primary language ("en", "fr") when known. */
  language: string | null;
  url: string | null;
  /** The article body: paragraphs joined by "\n". Sentence offsets index into this string. */
  text: string;
  paragraphs: string[];
}

/** A sentence of an article; `text === article.text.slice(start, end)`. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Whether a sentence states something checkable, and why we think so. */
export interface ClaimVerdict {
  claim: boolean;
  /** Short, human-readable: "number", "quote", "attribution", "named entity", "question", "too short", … */
  reason: string;
}

/** Metadata of one corpus article (one file in corpus/articles/). */
export interface CorpusArticleMeta {
  /** Unique id, e.g. "000". */
  id: string;
  /** Display label of the outlet. */
  outlet: string;
  title: string;
  language: string;
  /** ISO date (YYYY-MM-DD) or date-time. */
  published: string;
  url?: string;
}

export interface CorpusArticle extends CorpusArticleMeta {
  text: string;
}

/** One piece of a word-level diff between the reader's sentence ("here") and another outlet's ("there"). */
export interface DiffPart {
  text: string;
  /** same: in both; here: only in the reader's sentence; there: only in the other outlet's. */
  side: 'same' | 'here' | 'there';
}

/**
 * certainty: one outlet states as fact what another hedges ("it appeared that …", "reportedly");
 * negation: one denies what another states ("without taking questions" / "took several questions").
 */
export type ConflictKind = 'number' | 'duration' | 'count' | 'date' | 'name' | 'title' | 'quote' | 'certainty' | 'negation';

/** A detail the two outlets give differently. */
export interface Conflict {
  kind: ConflictKind;
  /** The wording in the reader's article. */
  here: string;
  /** The wording in the other outlet's article. */
  there: string;
}

/** Another outlet's sentence that reports the same point. */
export interface Match {
  articleId: string;
  outlet: string;
  /** Title of the other outlet's article. */
  title: string;
  /** The other outlet's sentence, verbatim from its corpus article. */
  text: string;
  /** Calibrated confidence in [0, 1] that both sentences report the same point. */
  score: number;
  diff: DiffPart[];
  conflicts: Conflict[];
}

/**
 * corroborated: another outlet reports the same point; single-source: a claim no other outlet reports;
 * unchecked: no match, and either not a claim or a close call (closeCall).
 */
export type SentenceStatus = 'corroborated' | 'single-source' | 'unchecked';

/**
 * The nearest other outlet's sentence of a claim that scored just below the match threshold: too close
 * to call the claim single-source, not close enough to call it the same point.
 */
export interface CloseCall {
  articleId: string;
  outlet: string;
  text: string;
  score: number;
}

/** Why a page was left alone: not laid out as an article, no article text, not English, or too large to check. */
export type NotArticleReason = 'layout' | 'extraction' | 'language' | 'size';

export interface ReportSentence extends Sentence {
  index: number;
  claim: boolean;
  reason: string;
  status: SentenceStatus;
  matches: Match[];
  closeCall: CloseCall | null;
}

export interface ReportSummary {
  sentences: number;
  claims: number;
  corroborated: number;
  singleSource: number;
  /** Claims that are close calls: neither corroborated nor single-source. */
  closeCalls: number;
  /** Sentences with at least one conflicting detail. */
  conflicts: number;
  /** Labels of the other outlets that report at least one point of this article. */
  outlets: string[];
}

/** What every view shows: the CLI, the popup and the inline marks read this one shape. */
export interface Report {
  article: {
    title: string | null;
    text: string;
    url: string | null;
    siteName: string | null;
    language: string | null;
    /** Set when the article being read is itself in the corpus; it is never matched to itself. */
    corpusId: string | null;
  };
  sentences: ReportSentence[];
  summary: ReportSummary;
  /** How many corpus articles (other than this one) were searched. */
  corpusSize: number;
}
