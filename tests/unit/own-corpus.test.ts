/**
 * The reader's own corpus on the engine side: corpus packs (format, validation shared with corpus
 * files) and a loaded index that grows and shrinks incrementally, searched together with the bundled one.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addArticleToIndex,
  buildCorpusIndex,
  CORPUS_PACK_FORMAT,
  CorpusError,
  formatCorpusPack,
  loadCorpusIndex,
  parseCorpusFile,
  parseCorpusPack,
  removeArticleFromIndex,
  storyQuery,
  type CorpusIndex,
} from '../../lib/corpus';
import { articleFromText } from '../../lib/extract';
import { analyze } from '../../lib/report';
import type { CorpusArticle } from '../../lib/types';
import { contentTerms } from '../../lib/text';
import { readCorpusFolder } from '../../bin/corpus';
import { FIRE_ARTICLES } from '../fixtures/fire-corpus';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLED = readCorpusFolder(path.join(ROOT, 'corpus/articles'));
const [north, south, west] = FIRE_ARTICLES as [CorpusArticle, CorpusArticle, CorpusArticle];

/** A fresh copy of an index built from scratch (what `npm run corpus` writes, read back). */
const built = (articles: CorpusArticle[]): CorpusIndex => loadCorpusIndex(JSON.parse(JSON.stringify(buildCorpusIndex(articles))));

/** What the matcher reads, in comparable form (sentence ids included). */
function snapshot(index: CorpusIndex) {
  return {
    articles: index.articles,
    sentences: index.sentences,
    documentFrequency: Object.fromEntries([...index.documentFrequency].sort(([a], [b]) => a.localeCompare(b))),
    sentenceIds: [...index.sentenceIds].sort(([a], [b]) => a - b),
    documentCount: index.stories.documentCount,
  };
}

/** Matches per sentence, as (outlet, corpus sentence) pairs. */
const matchesOf = (index: CorpusIndex, article: CorpusArticle) =>
  analyze(articleFromText(article.text), index).sentences.map((s) => s.matches.map((m) => `${m.articleId}:${m.text}`).sort());

describe('corpus packs', () => {
  it('round-trips articles through formatCorpusPack and parseCorpusPack (object or JSON text)', () => {
    const pack = formatCorpusPack(FIRE_ARTICLES);
    expect(pack.format).toBe(CORPUS_PACK_FORMAT);
    expect(pack.version).toBe(1);
    expect(parseCorpusPack('p.json', pack)).toEqual(FIRE_ARTICLES);
    expect(parseCorpusPack('p.json', JSON.stringify(pack))).toEqual(FIRE_ARTICLES);
  });

  it('applies the rules of corpus files to every entry, naming the entry', () => {
    const pack = formatCorpusPack(FIRE_ARTICLES) as unknown as { articles: Record<string, unknown>[] };
    const broken = (edit: (a: Record<string, unknown>) => void) => {
      const copy = JSON.parse(JSON.stringify(pack)) as typeof pack;
      edit(copy.articles[1]!);
      try {
        parseCorpusPack('p.json', copy);
      } catch (error) {
        expect(error).toBeInstanceOf(CorpusError);
        return (error as Error).message;
      }
      throw new Error('expected a CorpusError');
    };
    expect(broken((a) => delete a.outlet)).toBe('p.json, article 2 (id south): missing field "outlet"');
    expect(broken((a) => (a.published = '2031-02-30'))).toContain('is not a date');
    expect(broken((a) => (a.language = 'English'))).toContain('is not a language code');
    expect(broken((a) => (a.url = 'ftp://x'))).toContain('is not an http(s) address');
    expect(broken((a) => (a.text = ' \n '))).toContain('has no article text');
    expect(broken((a) => (a.id = 'a b'))).toContain('may only contain');
    expect(broken((a) => (a.colour = 'red'))).toContain('unknown field "colour"');
    expect(broken((a) => (a.title = 42))).toContain('field "title" is not a string');
    expect(broken((a) => (a.id = 'north'))).toContain('duplicate id "north"');
    // The same rules as a corpus file: the same message for the same problem.
    expect(() => parseCorpusFile('f.txt', '---\nid: x\noutlet: O\ntitle: T\nlanguage: en\npublished: 2031-02-30\n---\nText.')).toThrow('is not a date');
  });

  it('tells a foreign or malformed file from a pack', () => {
    expect(() => parseCorpusPack('p.json', 'not json')).toThrow('p.json: is not JSON');
    expect(() => parseCorpusPack('p.json', [1, 2])).toThrow('expected a JSON object');
    expect(() => parseCorpusPack('p.json', { format: 'something-else', articles: [] })).toThrow('is not a corpus pack (its "format" is "something-else"');
    expect(() => parseCorpusPack('p.json', { articles: [] })).toThrow('"format" is missing');
    expect(() => parseCorpusPack('p.json', { format: CORPUS_PACK_FORMAT, version: 2, articles: [] })).toThrow('version 2');
    expect(() => parseCorpusPack('p.json', { format: CORPUS_PACK_FORMAT, version: 1 })).toThrow('has no "articles" list');
    expect(() => parseCorpusPack('p.json', { format: CORPUS_PACK_FORMAT, version: 1, articles: [] })).toThrow('has no articles');
    expect(() => parseCorpusPack('p.json', { format: CORPUS_PACK_FORMAT, version: 1, articles: ['x'] })).toThrow('article 1: is not an object');
  });
});

describe('a loaded index grows and shrinks incrementally', () => {
  it('adding articles gives the same index as building it with them from scratch', () => {
    let index = built(BUNDLED);
    for (const article of FIRE_ARTICLES) index = addArticleToIndex(index, article);
    const scratch = built([...BUNDLED, ...FIRE_ARTICLES]);
    expect(snapshot(index)).toEqual(snapshot(scratch));
    // And the story index finds the same articles with the same scores.
    const query = storyQuery(new Set(contentTerms('Kowalczyk said the warehouse fire was contained by 3am')), index);
    expect(index.stories.search(query).slice(0, 10)).toEqual(scratch.stories.search(query).slice(0, 10));
  });

  it('removing an article (first, middle or last added) gives the index without it', () => {
    for (const gone of FIRE_ARTICLES) {
      let index = built(BUNDLED);
      for (const article of FIRE_ARTICLES) index = addArticleToIndex(index, article);
      index = removeArticleFromIndex(index, gone.id);
      const rest = FIRE_ARTICLES.filter((a) => a !== gone);
      const scratch = built([...BUNDLED, ...rest]);
      expect(snapshot(index)).toEqual(snapshot(scratch));
      const query = storyQuery(new Set(contentTerms('fire chief Dana Kowalczyk crews holding the line')), scratch);
      // The same hits and scores (to rounding: the average document length is kept incrementally).
      const hits = (i: CorpusIndex) => i.stories.search(query).map((r) => [r.id, Math.round(r.score * 1e9)]);
      expect(hits(index)).toEqual(hits(scratch));
    }
  });

  it('refuses a second article with an id already there, and ignores removing an unknown id', () => {
    const index = addArticleToIndex(built(BUNDLED), north);
    expect(() => addArticleToIndex(index, north)).toThrow('already has an article with id "north"');
    expect(removeArticleFromIndex(index, 'nope')).toBe(index);
  });

  it('analyze() against bundled + added articles matches the added ones, and removal undoes it', () => {
    const bundled = built(BUNDLED);
    const before = analyze(articleFromText(west.text), bundled);
    expect(before.summary.outlets).toEqual([]);

    let index = addArticleToIndex(built(BUNDLED), north);
    index = addArticleToIndex(index, south);
    const report = analyze(articleFromText(west.text), index);
    expect(report.summary.outlets).toEqual(['Outlet North', 'Outlet South']);
    expect(report.corpusSize).toBe(BUNDLED.length + 2);
    const ids = new Set(report.sentences.flatMap((s) => s.matches.map((m) => m.articleId)));
    expect([...ids].sort()).toEqual(['north', 'south']);
    // The same matches as with an index built from scratch.
    expect(matchesOf(index, west)).toEqual(matchesOf(built([...BUNDLED, north, south]), west));

    // An added article read again is recognised as itself.
    expect(analyze(articleFromText(south.text), index).article.corpusId).toBe('south');

    index = removeArticleFromIndex(index, 'north');
    const after = analyze(articleFromText(west.text), index);
    expect(after.sentences.some((s) => s.matches.some((m) => m.articleId === 'north'))).toBe(false);
    expect(matchesOf(index, west)).toEqual(matchesOf(built([...BUNDLED, south]), west));

    index = removeArticleFromIndex(index, 'south');
    expect(snapshot(index)).toEqual(snapshot(bundled));
    expect(analyze(articleFromText(west.text), index).summary.outlets).toEqual([]);
  });
});
