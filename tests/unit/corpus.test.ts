import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCorpusIndex,
  checkCorpus,
  CORPUS_INDEX_VERSION,
  CorpusError,
  formatCorpusFile,
  loadCorpusIndex,
  parseCorpusFile,
  storyQuery,
  type CorpusIndexData,
} from '../../lib/corpus';
import { FIRE_ARTICLES } from '../fixtures/fire-corpus';
import { contentTerms } from '../../lib/text';
import type { CorpusArticle } from '../../lib/types';
import { buildIndexFile, loadBundledCorpus, readCorpusFolder } from '../../bin/corpus';

const CORPUS_DIR = path.resolve(__dirname, '../../corpus/articles');

/** A well-formed corpus file, with one metadata line replaced or removed by `edit`. */
const FIELDS: Record<string, string> = {
  id: 'harbour-1',
  outlet: 'Outlet Harbour',
  title: 'Ferry strike halts crossings',
  language: 'en',
  published: '2031-04-02',
  url: 'https://example.org/news/ferry-strike',
};
const BODY = [
  'Ferry crews at the port of Kelvane walked out at dawn on Tuesday, halting all crossings to the islands.',
  'The union said 240 deck hands had joined the strike over a proposed change to shift patterns.',
].join('\n');

function corpusFile(fields: Record<string, string | undefined> = {}, body = BODY): string {
  const meta = Object.entries({ ...FIELDS, ...fields })
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${meta.join('\n')}\n---\n${body}\n`;
}

/** The CorpusError thrown by `fn`, checked to name `file`. */
function corpusErrorOf(fn: () => unknown, file: string): CorpusError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CorpusError);
    const corpusError = error as CorpusError;
    expect(corpusError.file).toBe(file);
    expect(corpusError.message.startsWith(`${file}: `)).toBe(true);
    return corpusError;
  }
  throw new Error('expected a CorpusError, but nothing was thrown');
}

const parseError = (content: string): string => corpusErrorOf(() => parseCorpusFile('broken.txt', content), 'broken.txt').message;

describe('parseCorpusFile / formatCorpusFile', () => {
  it('parses a valid file into metadata and text', () => {
    const article = parseCorpusFile('good.txt', corpusFile());
    expect(article).toEqual({ ...FIELDS, text: BODY });
  });

  it('round-trips an article through formatCorpusFile, with and without a url', () => {
    const withUrl: CorpusArticle = {
      id: 'a',
      outlet: 'Outlet A',
      title: 'Strike: crossings halted, talks "next week"',
      language: 'en',
      published: '2031-04-02T09:30:00Z',
      url: 'https://example.org/a?b=c',
      text: BODY,
    };
    const { url: _url, ...withoutUrl } = withUrl;
    for (const article of [withUrl, withoutUrl]) {
      const text = formatCorpusFile(article);
      expect(parseCorpusFile('x.txt', text)).toEqual(article);
      // Formatting is canonical: a formatted file formats back to itself.
      expect(formatCorpusFile(parseCorpusFile('x.txt', text))).toBe(text);
    }
  });

  it('round-trips every bundled corpus article', () => {
    const files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const name of files) {
      const article = parseCorpusFile(name, readFileSync(path.join(CORPUS_DIR, name), 'utf8'));
      expect(parseCorpusFile(name, formatCorpusFile(article))).toEqual(article);
    }
  });

  it('accepts CRLF line endings, a byte-order mark and blank lines between paragraphs', () => {
    const content = `\uFEFF${corpusFile({}, BODY.replace('\n', '\n\n'))}`.replace(/\n/g, '\r\n');
    expect(parseCorpusFile('crlf.txt', content)).toEqual({ ...FIELDS, text: BODY });
  });

  it('rejects a file without front matter', () => {
    expect(parseError(BODY)).toMatch(/must start with a "---" line/);
    expect(parseError('')).toMatch(/must start with a "---" line/);
  });

  it('rejects an unclosed metadata block', () => {
    expect(parseError(corpusFile().replace(/\n---\n(?!id)/, '\n'))).toMatch(/not closed/);
  });

  it.each(['id', 'outlet', 'title', 'language', 'published'])('rejects a file missing the required field "%s"', (field) => {
    expect(parseError(corpusFile({ [field]: undefined }))).toContain(`missing field "${field}"`);
    // An empty value counts as missing too.
    expect(parseError(corpusFile({ [field]: '' }))).toContain(`missing field "${field}"`);
  });

  it('accepts a file without the optional url', () => {
    expect(parseCorpusFile('no-url.txt', corpusFile({ url: undefined })).url).toBeUndefined();
  });

  it('rejects an unknown field', () => {
    expect(parseError(corpusFile({ author: 'Jane Doe' }))).toContain('unknown field "author"');
  });

  it('rejects a repeated field', () => {
    const content = corpusFile().replace('outlet: Outlet Harbour', 'outlet: Outlet Harbour\noutlet: Outlet Quay');
    expect(parseError(content)).toContain('field "outlet" is given twice');
  });

  it('rejects a line that is not "key: value"', () => {
    expect(parseError(corpusFile().replace('language: en', 'language en'))).toMatch(/line \d+ is not "key: value"/);
  });

  it.each(['English', 'e', 'EN', 'en_GB'])('rejects the language code "%s"', (language) => {
    expect(parseError(corpusFile({ language }))).toContain(`language "${language}" is not a language code`);
  });

  it('accepts an ISO date-time and a closing line with trailing spaces', () => {
    const file = corpusFile({ published: '2025-08-15T20:30:00Z' }).replace(/\n---\n/, '\n---  \n');
    expect(parseCorpusFile('x.txt', file).published).toBe('2025-08-15T20:30:00Z');
  });

  it('accepts language codes with a region', () => {
    expect(parseCorpusFile('x.txt', corpusFile({ language: 'en-GB' })).language).toBe('en-GB');
  });

  it.each(['yesterday', '2031-13-01', 'soon', '2025-02-30', '1', '15 August'])('rejects the date "%s"', (published) => {
    expect(parseError(corpusFile({ published }))).toContain(`published "${published}" is not a date`);
  });

  it.each(['example.org/news', 'ftp://example.org/a', 'https://exa mple.org'])('rejects the url "%s"', (url) => {
    expect(parseError(corpusFile({ url }))).toContain('is not an http(s) address');
  });

  it('rejects a file with no text after the metadata', () => {
    expect(parseError(corpusFile({}, ''))).toContain('has no article text');
    expect(parseError(corpusFile({}, '   \n\n  \t'))).toContain('has no article text');
  });

  it('rejects binary content', () => {
    expect(parseError(corpusFile({}, 'PK\u0003\u0004\u0000\u0000garbage'))).toContain('binary');
  });

  it('rejects an id with characters outside letters, digits, ".", "_" and "-"', () => {
    expect(parseError(corpusFile({ id: 'a/b' }))).toContain('id "a/b"');
  });
});

describe('checkCorpus', () => {
  const article = (id: string): CorpusArticle => ({ ...parseCorpusFile('x.txt', corpusFile()), id });

  it('accepts distinct ids', () => {
    expect(() => checkCorpus([{ file: 'a.txt', article: article('a') }, { file: 'b.txt', article: article('b') }])).not.toThrow();
  });

  it('rejects a duplicate id, naming both files', () => {
    const error = corpusErrorOf(
      () =>
        checkCorpus([
          { file: 'first.txt', article: article('same') },
          { file: 'other.txt', article: article('x') },
          { file: 'second.txt', article: article('same') },
        ]),
      'second.txt',
    );
    expect(error.message).toContain('duplicate id "same"');
    expect(error.message).toContain('first.txt');
  });
});

// ---------------------------------------------------------------------------------------------
// bin/corpus.ts on real folders

const tempRoot = mkdtempSync(path.join(tmpdir(), 'corroborate-corpus-'));
afterAll(() => rmSync(tempRoot, { recursive: true, force: true }));

let folderCount = 0;
/** A fresh folder under the temp root holding the given files. */
function folderWith(files: Record<string, string>): string {
  const folder = path.join(tempRoot, `folder-${folderCount++}`);
  mkdirSync(folder);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(folder, name), content);
  return folder;
}

const RIVER_TEXT = [
  'Engineers closed the Aldmoor river bridge on Monday after divers found a crack in its central pier.',
  'READ MORE: Ten things to do in Aldmoor this weekend',
  'The council said the bridge, which carries 18,000 vehicles a day, would stay shut for at least six weeks.',
  '"We cannot take any risks with public safety," the council leader, Maria Ostrand, told reporters.',
  'Buses will be diverted over the Kettle Lane crossing, adding about 25 minutes to journeys into the city.',
  'You may also like',
  'Celebrity chef opens third restaurant in Old Town',
  'Ten best walking routes for the autumn',
].join('\n');

const riverFile = (id: string, outlet: string): string =>
  formatCorpusFile({ id, outlet, title: 'Aldmoor bridge shut', language: 'en', published: '2031-05-12', text: RIVER_TEXT });

const BOILERPLATE_LINES = [
  'READ MORE: Ten things to do in Aldmoor this weekend',
  'You may also like',
  'Celebrity chef opens third restaurant in Old Town',
  'Ten best walking routes for the autumn',
];

describe('readCorpusFolder', () => {
  it('reads every .txt file of a folder, in file name order, ignoring other files', () => {
    const folder = folderWith({ 'b.txt': corpusFile({ id: 'b' }), 'a.txt': corpusFile({ id: 'a' }), 'notes.md': 'not an article' });
    expect(readCorpusFolder(folder).map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('rejects a missing folder, naming it', () => {
    const missing = path.join(tempRoot, 'does-not-exist');
    expect(corpusErrorOf(() => readCorpusFolder(missing), missing).message).toContain('is not a readable folder');
  });

  it('rejects a path that is a file, not a folder', () => {
    const folder = folderWith({ 'a.txt': corpusFile() });
    const file = path.join(folder, 'a.txt');
    expect(corpusErrorOf(() => readCorpusFolder(file), file).message).toContain('is not a readable folder');
  });

  it('rejects an empty folder', () => {
    const folder = folderWith({});
    expect(corpusErrorOf(() => readCorpusFolder(folder), folder).message).toContain('has no article files');
  });

  it('rejects an unreadable article file, naming it', () => {
    const folder = folderWith({ 'a.txt': corpusFile({ id: 'a' }) });
    // A folder named like an article cannot be read as a file (even by root, unlike chmod 000).
    const unreadable = path.join(folder, 'b.txt');
    mkdirSync(unreadable);
    expect(corpusErrorOf(() => readCorpusFolder(folder), unreadable).message).toContain('cannot be read');
  });

  it('rejects a file that is not UTF-8, naming it, and reads one with a byte-order mark', () => {
    const legacy = folderWith({ 'a.txt': corpusFile({ id: 'a' }) });
    writeFileSync(path.join(legacy, 'b.txt'), Buffer.from(corpusFile({ id: 'b', outlet: 'Le Café' }), 'latin1'));
    expect(corpusErrorOf(() => readCorpusFolder(legacy), path.join(legacy, 'b.txt')).message).toContain('is not UTF-8 text');
    const bom = folderWith({ 'a.txt': `\uFEFF${corpusFile({ id: 'a', outlet: 'Le Café' })}` });
    expect(readCorpusFolder(bom).map((a) => a.outlet)).toEqual(['Le Café']);
  });

  it('rejects a duplicate id across two files, naming both', () => {
    const folder = folderWith({ 'a.txt': corpusFile({ id: 'dup' }), 'b.txt': corpusFile({ id: 'dup' }) });
    const error = corpusErrorOf(() => readCorpusFolder(folder), path.join(folder, 'b.txt'));
    expect(error.message).toContain(path.join(folder, 'a.txt'));
  });
});

describe('buildIndexFile', () => {
  it('on a broken file, throws naming that file and leaves the previous index byte-identical', () => {
    const folder = folderWith({ '1.txt': riverFile('1', 'Outlet One'), '2.txt': riverFile('2', 'Outlet Two') });
    const out = path.join(folder, 'index.json');
    buildIndexFile(folder, out);
    const before = readFileSync(out);

    const broken = path.join(folder, '3.txt');
    writeFileSync(broken, corpusFile({ published: undefined }));
    const error = corpusErrorOf(() => buildIndexFile(folder, out), broken);
    expect(error.message).toContain('missing field "published"');
    expect(readFileSync(out).equals(before)).toBe(true);
    // No stray temp file either.
    expect(readdirSync(folder).filter((f) => f.includes('tmp'))).toEqual([]);
  });

  it('an index file cut short or hand-edited gets a message that says what to do', () => {
    const folder = folderWith({ '1.txt': riverFile('1', 'Outlet One'), '2.txt': riverFile('2', 'Outlet Two') });
    const out = path.join(folder, 'index.json');
    buildIndexFile(folder, out);
    expect(loadBundledCorpus(out).articles.map((a) => a.id)).toEqual(['1', '2']);
    writeFileSync(out, readFileSync(out, 'utf8').slice(0, 100));
    expect(() => loadBundledCorpus(out)).toThrow(/^The corpus index \(.*index\.json\) is not readable JSON; run `npm run corpus`\.$/);
  });

  it('on an empty folder, does not create the index', () => {
    const folder = folderWith({});
    const out = path.join(folder, 'index.json');
    expect(() => buildIndexFile(folder, out)).toThrow(CorpusError);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('writes an index that loads, holds every story sentence verbatim, and no boilerplate', () => {
    const folder = folderWith({
      'r1.txt': riverFile('r1', 'Outlet One'),
      'r2.txt': formatCorpusFile({
        id: 'r2',
        outlet: 'Outlet Two',
        title: 'Bridge closure',
        language: 'en',
        published: '2031-05-12',
        url: 'https://example.org/bridge',
        text: 'Divers found a crack in a pier of the Aldmoor bridge, which closed on Monday.\nAlso Read: Mayor backs new cycle lanes\nDrivers face long delays.',
      }),
    });
    const out = path.join(folder, 'index.json');
    const result = buildIndexFile(folder, out);

    const data = JSON.parse(readFileSync(out, 'utf8')) as CorpusIndexData;
    expect(data.version).toBe(CORPUS_INDEX_VERSION);
    expect(result).toEqual({ articles: 2, sentences: data.sentences.length });
    expect(data.articles.map((a) => [a.id, a.outlet, a.url])).toEqual([
      ['r1', 'Outlet One', undefined],
      ['r2', 'Outlet Two', 'https://example.org/bridge'],
    ]);

    const articles = readCorpusFolder(folder);
    for (const s of data.sentences) {
      expect(s.text).toBe(articles[s.article]!.text.slice(s.start, s.end));
    }
    const texts = data.sentences.map((s) => s.text);
    for (const line of [...BOILERPLATE_LINES, 'Also Read: Mayor backs new cycle lanes']) {
      expect(texts.some((t) => t.includes(line) || line.includes(t))).toBe(false);
    }
    // Every story sentence is there: 4 in r1, 2 in r2.
    expect(texts).toContain('"We cannot take any risks with public safety," the council leader, Maria Ostrand, told reporters.');
    expect(texts).toContain('Drivers face long delays.');
    expect(data.sentences.filter((s) => s.article === 0)).toHaveLength(4);
    expect(data.sentences.filter((s) => s.article === 1)).toHaveLength(2);

    const index = loadCorpusIndex(data);
    expect(index.articles).toHaveLength(2);
    expect(index.sentences).toHaveLength(data.sentences.length);
    // The story index finds the article by its words.
    const hits = index.stories.search('crack pier');
    expect(hits.length).toBeGreaterThan(0);
    expect(index.articles.find((a) => a.id === hits[0]!.id)).toBeDefined();
    expect(data.sentences.filter((s) => s.article === index.articles.findIndex((a) => a.id === hits[0]!.id)).map((s) => s.text).join(' ')).toMatch(/crack/);
  });
});

describe('buildCorpusIndex: related words', () => {
  // A stand-in for WordNet: word → related words (not symmetric, as WordNet's first senses are not).
  const RELATED: Record<string, string[]> = { ferry: ['boat'], walkout: ['strike'], vessel: ['ferry'], joined: [] };
  const build = (readerWords: string[]) =>
    buildCorpusIndex([parseCorpusFile('harbour.txt', corpusFile())], { relatedWords: (w) => RELATED[w] ?? [], readerWords }).related;
  const term = (word: string) => contentTerms(word)[0]!;

  it("points a corpus word's related words to it", () => {
    expect(build([])[term('boat')]).toEqual([term('ferry')]);
  });

  it('points a reader word the corpus lacks to the corpus words related to it, and only those', () => {
    const related = build(['walkout', 'vessel', 'ferry', 'unknownword']);
    expect(related[term('walkout')]).toEqual([term('strike')]);
    expect(related[term('vessel')]).toEqual([term('ferry')]);
    expect(related[term('unknownword')]).toBeUndefined();
    // A corpus word gets no entry of its own from the reader's side.
    expect(related[term('ferry')]).toBeUndefined();
    expect(build([])[term('walkout')]).toBeUndefined();
  });
});

describe('loadCorpusIndex', () => {
  const good = (): CorpusIndexData => JSON.parse(readFileSync(path.join(tempRoot, 'good.json'), 'utf8')) as CorpusIndexData;

  it('rejects garbage and other versions with a message that says what to do', () => {
    const folder = folderWith({ 'r.txt': riverFile('r', 'Outlet R') });
    buildIndexFile(folder, path.join(tempRoot, 'good.json'));
    expect(() => loadCorpusIndex(good())).not.toThrow();

    const bad: unknown[] = [null, undefined, 'garbage', 42, [], {}, { ...good(), version: CORPUS_INDEX_VERSION + 1 }, { ...good(), sentences: 'none' }];
    for (const data of bad) {
      expect(() => loadCorpusIndex(data as CorpusIndexData)).toThrow(/another version; run `npm run corpus`/);
    }
  });
});

describe('storyQuery', () => {
  const index = loadCorpusIndex(buildCorpusIndex(FIRE_ARTICLES));
  const readerTerms = new Set(contentTerms(FIRE_ARTICLES[0]!.text));

  it('looks the story up by terms other articles have, rarest first, at most the limit', () => {
    const terms = storyQuery(readerTerms, index, [], 5).split(' ');
    expect(terms).toHaveLength(5);
    const df = (t: string) => index.documentFrequency.get(t)!;
    expect(terms.map(df)).toEqual([...terms.map(df)].sort((a, b) => a - b));
  });

  it('leaves out the terms only the article being read has, when it is itself in the corpus', () => {
    const elsewhere = new Set(index.sentences.filter((s) => s.article !== 0).flatMap((s) => contentTerms(s.text)));
    const all = storyQuery(readerTerms, index, [], 1000).split(' ');
    const excluding = storyQuery(readerTerms, index, [0], 1000).split(' ');
    expect(excluding.length).toBeGreaterThan(0);
    expect(excluding.every((t) => elsewhere.has(t))).toBe(true);
    expect(all.filter((t) => !excluding.includes(t))).toEqual(all.filter((t) => !elsewhere.has(t)));
    expect(all.some((t) => !elsewhere.has(t))).toBe(true);
  });
});
