/**
 * Part 1 — per stage on real pages: the nine saved news pages of ../shared/pages and the five seed
 * articles wrapped as simple HTML, each stage timed on its own with the inputs the previous stage
 * produced, so every variant sees the same inputs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHtml } from '../../lib/html';
import { extractArticle } from '../../lib/extract';
import { analyze, articleSentences, findSelfInCorpus } from '../../lib/report';
import { judgeClaim } from '../../lib/claims';
import * as match from '../../lib/match';
import { compareSentences } from '../../lib/compare';
import type { CorpusIndex } from '../../lib/corpus';
import type { Article } from '../../lib/types';
import { readCorpusFolder } from '../../bin/corpus';
import { measure, median, type Timing } from './stats';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const pagesDir = path.resolve(repoRoot, '../shared/pages');

export interface BenchPage {
  name: string;
  html: string;
  url: string;
}

export const STAGES = ['parse', 'floor', 'extraction', 'segmentation', 'claims', 'matching', 'comparison', 'analyze'] as const;
export type Stage = (typeof STAGES)[number];

export interface PageResult {
  name: string;
  htmlBytes: number;
  language: string | null;
  paragraphs: number;
  sentences: number;
  /** Sentences matched (non-boilerplate). */
  matched: number;
  /** Matches compared (the ones the report keeps). */
  comparisons: number;
  stages: Record<Stage, Timing>;
  /** (segmentation + claims + matching + comparison) / extraction, on medians. */
  ratio: number;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The real pages (when ../shared/pages is present) and the seeds wrapped as a plain article page. */
export function loadPages(): BenchPage[] {
  const pages: BenchPage[] = [];
  if (existsSync(pagesDir)) {
    for (const name of readdirSync(pagesDir).sort()) {
      const file = path.join(pagesDir, name, 'source.html');
      if (existsSync(file)) pages.push({ name, html: readFileSync(file, 'utf8'), url: `https://example.org/${name}/` });
    }
  }
  for (const seed of readCorpusFolder(path.join(repoRoot, 'corpus/articles'))) {
    const body = seed.text
      .split('\n')
      .map((p) => `      <p>${escapeHtml(p)}</p>`)
      .join('\n');
    const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(seed.title)}</title></head>
<body>
  <header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav></header>
  <main><article>
    <h1>${escapeHtml(seed.title)}</h1>
    <p class="byline">By a reporter · ${seed.published}</p>
${body}
  </article></main>
  <footer><p>© Example News</p></footer>
</body></html>`;
    pages.push({ name: `seed-${seed.id}`, html, url: `https://example.org/seed/${seed.id}` });
  }
  return pages;
}

type MatchAll = (texts: readonly string[], corpus: CorpusIndex, options: { excludeArticle?: number | null }) => unknown[];

/**
 * Matches an article's story sentences the way analyze() does: all at once with matchSentences when
 * lib/match.ts has it (each match weighed against the article's other sentences), else one by one.
 */
export function matchArticle(texts: readonly string[], corpus: CorpusIndex, excludeArticle: number | null): unknown[] {
  const batch = (match as { matchSentences?: MatchAll }).matchSentences;
  if (batch) return batch(texts, corpus, { excludeArticle });
  return texts.map((text) => match.matchSentence(text, corpus, { excludeArticle }));
}

/** The floor: one pass over the text nodes of the body, reading each one. */
export function walkTextNodes(doc: Document): number {
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) chars += node.nodeValue?.length ?? 0;
  return chars;
}

export function benchPage(page: BenchPage, corpus: CorpusIndex, runs: number, warmup: number): PageResult {
  const doc = parseHtml(page.html, page.url);
  const article: Article | null = extractArticle(doc);
  if (!article) throw new Error(`${page.name}: Readability extracted nothing`);
  const sentences = articleSentences(article);
  const story = sentences.filter((s) => !s.boilerplate);
  const storyTexts = story.map((s) => s.text);
  const report = analyze(article, corpus);
  const pairs = report.sentences.flatMap((s) => s.matches.map((m) => [s.text, m.text] as const));

  const stages: Record<Stage, Timing> = {
    parse: measure(() => parseHtml(page.html, page.url), runs, warmup),
    floor: measure(() => walkTextNodes(doc), runs, warmup),
    extraction: measure(() => extractArticle(doc), runs, warmup),
    segmentation: measure(() => articleSentences(article), runs, warmup),
    claims: measure(() => story.map((s) => judgeClaim(s.text)), runs, warmup),
    matching: measure(() => matchArticle(storyTexts, corpus, findSelfInCorpus(article, sentences, corpus)), runs, warmup),
    // One cache per run, as analyze() keeps one per report.
    comparison: measure(() => {
      const cache = new Map();
      return pairs.map(([here, there]) => compareSentences(here, there, cache));
    }, runs, warmup),
    analyze: measure(() => analyze(article, corpus), runs, warmup),
  };
  const after = stages.segmentation.median + stages.claims.median + stages.matching.median + stages.comparison.median;
  return {
    name: page.name,
    htmlBytes: Buffer.byteLength(page.html),
    language: article.language,
    paragraphs: article.paragraphs.length,
    sentences: sentences.length,
    matched: story.length,
    comparisons: pairs.length,
    stages,
    ratio: after / stages.extraction.median,
  };
}

export interface PagesResult {
  pages: PageResult[];
  /** Median over pages of the per-page ratio; the budget is ≤ 0.25. */
  medianRatio: number;
  budget: number;
  runs: number;
  warmup: number;
}

export function runPages(corpus: CorpusIndex, runs: number, warmup: number, log: (line: string) => void): PagesResult {
  const pages = loadPages().map((page) => {
    log(`  page ${page.name}…`);
    return benchPage(page, corpus, runs, warmup);
  });
  return { pages, medianRatio: median(pages.map((p) => p.ratio)), budget: 0.25, runs, warmup };
}
