/**
 * What the background does with the reader's corpus (lib/extension/own-corpus.ts), in Node with
 * fake-indexeddb: add a page's article, see the next article matched against it, export, wipe,
 * re-import and get the same report; duplicates; a restarted worker finds the articles again.
 */
import 'fake-indexeddb/auto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCorpusIndex, type CorpusIndexData } from '../../lib/corpus';
import { articleFromText } from '../../lib/extract';
import { defaultOutlet, languageCode, OwnCorpus, publishedDate, toNewArticle } from '../../lib/extension/own-corpus';
import { analyze } from '../../lib/report';
import { openCorpusStore } from '../../lib/store';
import type { Article, CorpusArticle } from '../../lib/types';
import { readCorpusFolder } from '../../bin/corpus';
import { FIRE_ARTICLES } from '../fixtures/fire-corpus';
import { extractArticle } from '../../lib/extract';
import { parseHtml } from '../../lib/html';
import { OUTLET_A, PAGE_A, PAGE_B, PARAGRAPHS_B } from '../fixtures/landslide-pages';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLED = readCorpusFolder(path.join(ROOT, 'corpus/articles'));
const DATA = JSON.stringify(buildCorpusIndex(BUNDLED));
const [north, south, west] = FIRE_ARTICLES as [CorpusArticle, CorpusArticle, CorpusArticle];
let n = 0;

/** The article a content script would send for a corpus article's page. */
const pageOf = (a: CorpusArticle, url = `https://${a.id}.example/fire`): Article => ({
  ...articleFromText(a.text, { title: a.title }),
  siteName: `${a.outlet} News`,
  published: '2031-03-06T21:15:00+00:00',
  language: 'en-GB',
  url,
});

function service(name = `svc-${++n}`): { corpus: OwnCorpus; changes: () => number; name: string } {
  let changes = 0;
  const corpus = new OwnCorpus(async () => JSON.parse(DATA) as CorpusIndexData, () => changes++, name);
  return { corpus, changes: () => changes, name };
}

const outletsFor = async (corpus: OwnCorpus, article: CorpusArticle) => analyze(pageOf(article), await corpus.index()).summary.outlets;
const marks = async (corpus: OwnCorpus, article: CorpusArticle) =>
  analyze(pageOf(article), await corpus.index()).sentences.map((s) => [s.status, s.matches.map((m) => `${m.outlet}: ${m.text}`)]);

describe('the reader’s corpus in the background', () => {
  it('adds a page, and the next article on the story is matched against it', async () => {
    const { corpus, changes } = service();
    expect(await outletsFor(corpus, west)).toEqual([]);
    const added = await corpus.addArticle(pageOf(north), 'Port Elsmere Post', 'https://north.example/fire#top');
    expect(added).toMatchObject({ status: 'added', outlet: 'Port Elsmere Post', title: north.title });
    expect(changes()).toBe(1);
    expect(await outletsFor(corpus, west)).toEqual(['Port Elsmere Post']);
    // The same page again, by URL or by text: a duplicate, nothing changes.
    expect(await corpus.addArticle(pageOf(north), 'X', 'https://north.example/fire')).toMatchObject({ status: 'duplicate', of: { where: 'mine', reason: 'url' } });
    expect(await corpus.addArticle(pageOf(north), 'X', 'https://elsewhere.example/a')).toMatchObject({ status: 'duplicate', of: { where: 'mine', reason: 'text' } });
    // A bundled article: a duplicate of the bundled corpus.
    expect(await corpus.addArticle(pageOf(BUNDLED[2]!), 'X', 'https://seed.example/2')).toMatchObject({ status: 'duplicate', of: { where: 'bundled', id: '002' } });
    // An empty extraction: a clear message.
    expect(await corpus.addArticle({ ...pageOf(north), text: '', paragraphs: [] }, 'X', 'https://empty.example/')).toEqual({
      status: 'error',
      kind: 'empty',
      message: 'No article text was found on this page, so there is nothing to add.',
    });
    expect(changes()).toBe(1);
    // The page itself, read again, is recognised as the added article.
    expect(await corpus.placeOf(analyze(pageOf(north), await corpus.index()), null)).toMatchObject({ where: 'mine', outlet: 'Port Elsmere Post' });
    expect(await corpus.placeOf(null, 'https://north.example/fire')).toMatchObject({ where: 'mine', reason: 'url' });
  });

  it('export, delete everything, re-import: the same marks', async () => {
    const { corpus, name } = service();
    await corpus.addArticle(pageOf(north), 'Outlet North', 'https://north.example/fire');
    await corpus.addArticle(pageOf(south), 'Outlet South', 'https://south.example/fire');
    const before = await marks(corpus, west);
    expect(before.some(([status]) => status === 'corroborated')).toBe(true);

    const store = await openCorpusStore({}, name);
    const pack = JSON.stringify(await store.exportPack());
    store.close();
    expect(await corpus.clear()).toEqual({ removed: 2 });
    expect(await corpus.ownIds()).toEqual([]);
    expect(await outletsFor(corpus, west)).toEqual([]);

    expect(await corpus.importPack('my-corpus.json', pack)).toEqual({ status: 'imported', added: 2, duplicates: 0, renamed: 0 });
    expect(await marks(corpus, west)).toEqual(before);
    // Importing it again adds nothing.
    expect(await corpus.importPack('my-corpus.json', pack)).toEqual({ status: 'imported', added: 0, duplicates: 2, renamed: 0 });
    // A foreign file: a clear message, the corpus unchanged.
    const foreign = await corpus.importPack('notes.json', '{"notes": []}');
    expect(foreign).toMatchObject({ status: 'error', kind: 'foreign' });
    expect(await marks(corpus, west)).toEqual(before);

    // A restarted worker reads the store again and searches the same corpus.
    const restarted = new OwnCorpus(async () => JSON.parse(DATA) as CorpusIndexData, () => {}, name);
    expect(await marks(restarted, west)).toEqual(before);

    // Removing one article takes its matches away.
    const [first] = await corpus.ownIds();
    expect(await corpus.remove([first!, 'not-mine', '000'])).toEqual({ removed: 1 });
    expect(await outletsFor(corpus, west)).toEqual(['Outlet South']);
  });

  it('turns a page’s extraction into a corpus article', () => {
    const now = new Date('2031-03-07T10:00:00Z');
    expect(toNewArticle(pageOf(north), ' Outlet ', 'https://north.example/a#b', now)).toEqual({
      outlet: 'Outlet',
      title: north.title,
      language: 'en',
      published: '2031-03-06',
      url: 'https://north.example/a',
      text: north.text,
    });
    expect(publishedDate('March 6, 2031 21:15 UTC', now)).toBe('2031-03-06');
    expect(publishedDate(null, now)).toBe('2031-03-07');
    expect(languageCode('EN_us')).toBe('en');
    expect(languageCode(null)).toBe('en');
    expect(defaultOutlet({ siteName: null }, 'https://www.paper.example/x')).toBe('paper.example');
    expect(defaultOutlet({ siteName: 'The Paper' }, null)).toBe('The Paper');
  });
});

describe('the browser test’s pages (tests/fixtures/landslide-pages.ts)', () => {
  it('B is marked against A once A is added: the shared points corroborated, B’s own claims single-source', async () => {
    const a = extractArticle(parseHtml(PAGE_A))!;
    const b = extractArticle(parseHtml(PAGE_B))!;
    expect(a.siteName).toBe(OUTLET_A);
    const { corpus } = service();
    expect(analyze(b, await corpus.index()).summary.outlets).toEqual([]);
    expect(await corpus.addArticle(a, a.siteName!, 'http://127.0.0.1/a/')).toMatchObject({ status: 'added' });
    const report = analyze(b, await corpus.index());
    expect(report.summary.outlets).toEqual([OUTLET_A]);
    const status = (paragraph: string) => report.sentences.find((s) => s.text === paragraph)?.status;
    expect([0, 1, 2, 3, 5].map((i) => status(PARAGRAPHS_B[i]!))).toEqual(Array(5).fill('corroborated'));
    expect([4, 6, 7].map((i) => status(PARAGRAPHS_B[i]!))).toEqual(Array(3).fill('single-source'));
  });
});
