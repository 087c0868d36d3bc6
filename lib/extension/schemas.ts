/**
 * valibot schemas for everything that crosses a script boundary. Messages are untrusted input:
 * the article comes from a web page, and a message can arrive from any script of the extension.
 * Each schema is checked against the TypeScript model at compile time (see `Same` below), so the
 * two cannot drift apart silently.
 */
import * as v from 'valibot';
import type { Article, Report } from '../types';
import type { AnalysisResult, PageState, TabState } from './protocol';

/** Upper bounds that keep one message from tying up the service worker. */
export const LIMITS = {
  text: 400_000,
  paragraphs: 10_000,
  short: 4_000,
  sentences: 20_000,
  matches: 100,
} as const;

const short = v.pipe(v.string(), v.maxLength(LIMITS.short));
const long = v.pipe(v.string(), v.maxLength(LIMITS.text));
const nullableShort = v.nullable(short);
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const unit = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

export const ArticleSchema = v.object({
  title: nullableShort,
  byline: nullableShort,
  siteName: nullableShort,
  published: v.nullable(v.pipe(v.string(), v.maxLength(64))),
  language: v.nullable(v.pipe(v.string(), v.maxLength(35))),
  url: v.nullable(v.pipe(v.string(), v.maxLength(8192))),
  text: long,
  paragraphs: v.pipe(v.array(long), v.maxLength(LIMITS.paragraphs)),
});

const DiffPartSchema = v.object({
  text: long,
  side: v.picklist(['same', 'here', 'there']),
});

const ConflictSchema = v.object({
  kind: v.picklist(['number', 'duration', 'count', 'date', 'name', 'title', 'quote', 'certainty', 'negation']),
  here: short,
  there: short,
});

const MatchSchema = v.object({
  articleId: short,
  outlet: short,
  title: short,
  text: long,
  score: unit,
  diff: v.array(DiffPartSchema),
  conflicts: v.array(ConflictSchema),
});

const CloseCallSchema = v.object({
  articleId: short,
  outlet: short,
  text: long,
  score: unit,
});

const ReportSentenceSchema = v.object({
  text: long,
  start: count,
  end: count,
  index: count,
  claim: v.boolean(),
  reason: short,
  status: v.picklist(['corroborated', 'single-source', 'unchecked']),
  matches: v.pipe(v.array(MatchSchema), v.maxLength(LIMITS.matches)),
  closeCall: v.nullable(CloseCallSchema),
});

export const ReportSchema = v.object({
  article: v.object({
    title: nullableShort,
    text: long,
    url: v.nullable(v.pipe(v.string(), v.maxLength(8192))),
    siteName: nullableShort,
    language: v.nullable(v.pipe(v.string(), v.maxLength(35))),
    corpusId: nullableShort,
  }),
  sentences: v.pipe(v.array(ReportSentenceSchema), v.maxLength(LIMITS.sentences)),
  summary: v.object({
    sentences: count,
    claims: count,
    corroborated: count,
    singleSource: count,
    closeCalls: count,
    conflicts: count,
    outlets: v.array(short),
  }),
  corpusSize: count,
});

export const TabIdSchema = v.object({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) });
export const SentenceIndexSchema = v.object({ index: count });

// Compile-time proof that the schemas produce exactly the model's types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const articleMatches: Same<v.InferOutput<typeof ArticleSchema>, Article> = true;
const reportMatches: Same<v.InferOutput<typeof ReportSchema>, Report> = true;
void articleMatches;
void reportMatches;

export function parseAnalysisResult(data: unknown): AnalysisResult {
  return v.parse(AnalysisResultSchema, data);
}

export function parseTabState(data: unknown): TabState {
  return v.parse(TabStateSchema, data);
}

export function parsePageState(data: unknown): PageState {
  return v.parse(PageStateSchema, data);
}

export function parseArticle(data: unknown): Article {
  return v.parse(ArticleSchema, data);
}

export function parseReport(data: unknown): Report {
  return v.parse(ReportSchema, data);
}

export const TabStateSchema = v.variant('status', [
  v.object({ status: v.literal('none') }),
  v.object({ status: v.literal('analysing'), url: v.string() }),
  v.object({ status: v.literal('ready'), url: v.string(), report: ReportSchema }),
  v.object({ status: v.literal('error'), url: v.string(), message: short }),
]);

export const PageStateSchema = v.variant('status', [
  v.object({ status: v.literal('starting') }),
  v.object({ status: v.literal('excluded'), site: short }),
  v.object({
    status: v.literal('not-article'),
    reason: v.picklist(['layout', 'extraction', 'language', 'size']),
    language: v.optional(v.pipe(v.string(), v.maxLength(35))),
  }),
  v.object({ status: v.literal('analysing') }),
  v.object({
    status: v.literal('ready'),
    marked: count,
    unanchored: count,
    sentences: count,
    anchored: count,
    startedAt: v.pipe(v.number(), v.minValue(0)),
    markedAt: v.pipe(v.number(), v.minValue(0)),
  }),
  v.object({ status: v.literal('error'), message: short }),
]);

const tabStateMatches: Same<v.InferOutput<typeof TabStateSchema>, TabState> = true;
const pageStateMatches: Same<v.InferOutput<typeof PageStateSchema>, PageState> = true;
void tabStateMatches;
void pageStateMatches;

export const AnalysisResultSchema = v.variant('status', [
  v.object({ status: v.literal('report'), report: ReportSchema }),
  v.object({ status: v.literal('not-english'), language: v.pipe(v.string(), v.maxLength(35)) }),
]);
const analysisResultMatches: Same<v.InferOutput<typeof AnalysisResultSchema>, AnalysisResult> = true;
void analysisResultMatches;
