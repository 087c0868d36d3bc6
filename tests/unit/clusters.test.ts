/** Story clusters: the bundled seeds form one story, the fire fixture another, real pages on other stories stay apart. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { storyClusters } from '../../lib/clusters';
import { extractArticle } from '../../lib/extract';
import { parseHtml } from '../../lib/html';
import { readCorpusFolder } from '../../bin/corpus';
import { FIRE_ARTICLES } from '../fixtures/fire-corpus';

const ROOT = path.resolve(__dirname, '../..');
const PAGES_DIR = path.resolve(ROOT, '../shared/pages');
const seeds = readCorpusFolder(path.join(ROOT, 'corpus/articles'));
const pages = readdirSync(PAGES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => {
    const article = extractArticle(parseHtml(readFileSync(path.join(PAGES_DIR, e.name, 'source.html'), 'utf8')))!;
    return { id: e.name, title: article.title ?? '', text: article.text };
  });

describe('storyClusters', () => {
  it('groups articles on one story and leaves the others alone', () => {
    const clusters = storyClusters([...pages.slice(0, 4), ...FIRE_ARTICLES, ...seeds, ...pages.slice(4)]);
    expect(clusters.map((c) => [...c.ids].sort())).toEqual([
      ['000', '001', '002', '003', '004'],
      ['north', 'south', 'west'],
      ...pages.map((p) => [p.id]),
    ]);
    expect(clusters[0]!.words).toEqual(expect.arrayContaining(['Trump', 'Putin']));
    expect(clusters[1]!.words).toEqual(expect.arrayContaining(['Kowalczyk']));
    expect(clusters[2]!.words).toEqual([]);
  });

  it('links two articles on one story even when they are the whole corpus', () => {
    expect(storyClusters([FIRE_ARTICLES[0]!, FIRE_ARTICLES[2]!]).map((c) => c.ids)).toEqual([['north', 'west']]);
    expect(storyClusters([seeds[0]!, seeds[3]!])).toHaveLength(1);
    expect(storyClusters([FIRE_ARTICLES[0]!, seeds[0]!])).toHaveLength(2);
    expect(storyClusters([])).toEqual([]);
  });
});
