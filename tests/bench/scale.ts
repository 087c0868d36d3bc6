/**
 * Part 2 — scale: synthetic corpora of 1×, 10×, 100× and 1000× the bundled corpus. For each: index
 * build time, serialised size (raw, gzip), load time (JSON.parse and loadCorpusIndex apart), heap
 * after load, and per-article time for 40-sentence articles (analyze end to end, and matching alone).
 *
 * The index is built without WordNet relations (the related-word table is empty): reading WordNet is
 * a fixed build-time cost, and the table is bounded by the English vocabulary, not by corpus size.
 */
import { performance } from 'node:perf_hooks';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildCorpusIndex, loadCorpusIndex, type CorpusIndex, type CorpusIndexData } from '../../lib/corpus';
import { articleFromText } from '../../lib/extract';
import { analyze, articleSentences, findSelfInCorpus } from '../../lib/report';
import type { Article, CorpusArticle, Report } from '../../lib/types';
import { readCorpusFolder } from '../../bin/corpus';
import { DEFAULT_SEED, GENERATOR_VERSION, generateCorpus } from './synthetic-corpus';
import { collectGarbage, median, once, summarize, type Timing } from './stats';
import { matchArticle, repoRoot } from './pages';

export interface ScaleResult {
  /** "1×" … "1000×", or "bundled" for the real corpus. */
  label: string;
  scale: number;
  articles: number;
  sentences: number;
  /** Distinct index terms (document-frequency table size): the vocabulary grows with the corpus. */
  terms: number;
  generateMs: number;
  build: Timing;
  jsonBytes: number;
  gzipBytes: number;
  parse: Timing;
  load: Timing;
  /** parse + load medians. */
  loadTotalMs: number;
  /** heapUsed after GC with the loaded index held, and the part the index adds to the process. */
  heapMB: number;
  indexHeapMB: number;
  queries: number;
  querySentences: number;
  /** Per article: analyze() end to end, and matching its story sentences only (as analyze does). */
  analyze: Timing;
  match: Timing;
  /** Share of the query articles' sentences reported as corroborated (shows matching does real work). */
  corroborated: number;
}

export interface ScaleOptions {
  sizes: number[];
  seed?: number;
  log: (line: string) => void;
}

const MB = 2 ** 20;
const MIN_QUERIES = 5;
const MATCH_BUDGET_MS = 60_000;

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Fewer repetitions where one run already takes seconds. */
const repetitions = (sentences: number): number => (sentences > 50_000 ? 3 : sentences > 5_000 ? 5 : 10);

/**
 * `input.articles` is released once the index is built (and the JSON text once written), so the heap
 * figures hold the loaded index and the harness, not the benchmark's generated inputs.
 */
function measureCorpus(
  label: string,
  scale: number,
  input: { articles: CorpusArticle[] | null },
  queries: Article[],
  generateMs: number,
  log: (line: string) => void,
): ScaleResult {
  const articles = input.articles!;
  const articleCount = articles.length;
  input.articles = null;
  log(`  ${label}: building the index of ${articles.length} articles…`);
  const builds: number[] = [];
  let data: CorpusIndexData | undefined;
  const buildRuns = articles.length > 500 ? 1 : 3;
  for (let i = 0; i < buildRuns; i++) builds.push(once(() => (data = buildCorpusIndex(articles))));
  articles.length = 0;
  let json: string | undefined = JSON.stringify(data);
  const sentences = data!.sentences.length;
  const terms = Object.keys(data!.documentFrequency).length;
  data = undefined;
  const jsonBytes = Buffer.byteLength(json);
  const gzipBytes = gzipSync(json).length;

  // Load from a file as the extension loads from its package: the text, then JSON.parse, then loadCorpusIndex.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-'));
  const file = path.join(dir, 'index.json');
  writeFileSync(file, json);
  json = undefined;
  const baseline = heapUsed();

  log(`  ${label}: loading ${(jsonBytes / MB).toFixed(1)} MB of index…`);
  const parses: number[] = [];
  const loads: number[] = [];
  let corpus: CorpusIndex | undefined;
  for (let i = 0, runs = repetitions(sentences); i < runs; i++) {
    corpus = undefined;
    collectGarbage();
    const text = readFileSync(file, 'utf8');
    let parsed: CorpusIndexData | undefined;
    parses.push(once(() => (parsed = JSON.parse(text) as CorpusIndexData)));
    loads.push(once(() => (corpus = loadCorpusIndex(parsed!))));
  }
  rmSync(dir, { recursive: true, force: true });
  const heap = heapUsed();

  log(`  ${label}: matching ${queries.length} articles…`);
  const index = corpus!;
  const storySentences = queries.map((q) => {
    const sentences = articleSentences(q);
    // As analyze does: an article that is itself in the corpus is never matched to itself.
    const exclude = findSelfInCorpus(q, sentences, index);
    return { exclude, texts: sentences.filter((s) => !s.boilerplate).map((s) => s.text) };
  });
  // Warm-up: the first articles pay for JIT compilation and MiniSearch's lazy structures.
  for (const q of queries.slice(0, 2)) analyze(q, index);
  const perArticle = sentences > 50_000 ? 1 : 3;
  const analyzeMs: number[] = [];
  const matchMs: number[] = [];
  let corroborated = 0;
  let total = 0;
  // A time cap, so the benchmark stays within minutes when per-article time is seconds: at least
  // MIN_QUERIES articles, then stop once MATCH_BUDGET_MS is spent (the count measured is reported).
  const started = performance.now();
  let measured = 0;
  queries.forEach((q, k) => {
    if (measured >= MIN_QUERIES && performance.now() - started > MATCH_BUDGET_MS) return;
    measured++;
    const a: number[] = [];
    const m: number[] = [];
    let report: Report | undefined;
    for (let i = 0; i < perArticle; i++) {
      a.push(once(() => (report = analyze(q, index))));
      const { exclude, texts } = storySentences[k]!;
      m.push(once(() => matchArticle(texts, index, exclude)));
    }
    analyzeMs.push(median(a));
    matchMs.push(median(m));
    corroborated += report!.summary.corroborated;
    total += report!.summary.sentences;
  });

  const parse = summarize(parses);
  const load = summarize(loads);
  log(
    `  ${label}: ${sentences} sentences, build ${Math.round(median(builds))} ms, ${(jsonBytes / MB).toFixed(1)} MB, ` +
      `load ${Math.round(parse.median + load.median)} ms, heap ${(heap / MB).toFixed(0)} MB, ` +
      `analyze ${Math.round(median(analyzeMs))} ms/article over ${measured} articles`,
  );
  return {
    label,
    scale,
    articles: articleCount,
    sentences,
    terms,
    generateMs,
    build: summarize(builds),
    jsonBytes,
    gzipBytes,
    parse,
    load,
    loadTotalMs: parse.median + load.median,
    heapMB: heap / MB,
    indexHeapMB: (heap - baseline) / MB,
    queries: measured,
    querySentences: total / measured,
    analyze: summarize(analyzeMs),
    match: summarize(matchMs),
    corroborated: total ? corroborated / total : 0,
  };
}

export interface ScaleReport {
  seed: number;
  generatorVersion: number;
  relatedWords: false;
  results: ScaleResult[];
  /** Budgets at 1000×. */
  budget: { matchMedianMs: number; loadMs: number; heapMB: number };
  /** log(t_1000 / t_1) / log(1000) of the median per-article time: 1 is linear in the corpus, 0 flat. */
  growthExponent: number | null;
}

export function runScale(options: ScaleOptions): ScaleReport {
  const seed = options.seed ?? DEFAULT_SEED;
  const bundled = readCorpusFolder(path.join(repoRoot, 'corpus/articles'));
  const templates = buildCorpusIndex(bundled).sentences.map((s) => s.text);
  const results: ScaleResult[] = [];

  // The real bundled corpus as a reference, with its five articles read against it (each excluded from itself).
  results.push(
    measureCorpus(
      'bundled',
      1,
      { articles: [...bundled] },
      bundled.map((a) => articleFromText(a.text, { title: a.title })),
      0,
      options.log,
    ),
  );

  for (const scale of options.sizes) {
    options.log(`  ${scale}×: generating…`);
    let corpus: ReturnType<typeof generateCorpus> | undefined;
    const generateMs = once(() => (corpus = generateCorpus({ scale, seed, templates })));
    const queries = corpus!.queries.map((q) => articleFromText(q.text, { title: q.title }));
    const input = { articles: corpus!.articles };
    corpus = undefined;
    results.push(measureCorpus(`${scale}×`, scale, input, queries, generateMs, options.log));
  }

  const one = results.find((r) => r.scale === 1 && r.label !== 'bundled');
  const thousand = results.find((r) => r.scale === 1000);
  return {
    seed,
    generatorVersion: GENERATOR_VERSION,
    relatedWords: false,
    results,
    budget: { matchMedianMs: 100, loadMs: 1000, heapMB: 300 },
    growthExponent: one && thousand ? Math.log(thousand.analyze.median / one.analyze.median) / Math.log(1000) : null,
  };
}
