/**
 * The corpus: other outlets' articles, their format on disk, and the sentence index built from them.
 *
 * One file per article: a front-matter block of `key: value` lines between `---` lines, then the text,
 * one paragraph per line. The index holds every story sentence (boilerplate dropped) with its offsets,
 * the term statistics, and a MiniSearch index of the articles that finds the ones on a reader's story;
 * it serialises to JSON so the extension loads it without re-indexing.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { CorpusArticle, CorpusArticleMeta, Sentence } from './types';
import { splitSentences } from './sentences';
import { boilerplateParagraphs, listedStatements } from './boilerplate';
import { contentTerms, identityKey, termOf, tokenize } from './text';
import { once } from './memo';

/** Raised whenever terms or the index layout change, so an index built by older code is rebuilt, not misread. */
export const CORPUS_INDEX_VERSION = 4;

/** A problem with one corpus file; the message names the file. */
export class CorpusError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'CorpusError';
  }
}

const REQUIRED_FIELDS = ['id', 'outlet', 'title', 'language', 'published'] as const;
const OPTIONAL_FIELDS = ['url'] as const;
const KNOWN_FIELDS = new Set<string>([...REQUIRED_FIELDS, ...OPTIONAL_FIELDS]);

/** Parses one corpus file (front matter + text). Throws CorpusError naming `file` on any problem. */
export function parseCorpusFile(file: string, content: string): CorpusArticle {
  if (content.includes('\u0000')) throw new CorpusError(file, 'is binary, not a text file');
  const lines = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') throw new CorpusError(file, 'must start with a "---" line opening the metadata block');
  const close = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (close < 0) throw new CorpusError(file, 'metadata block is not closed by a "---" line');

  const fields: Record<string, string> = {};
  for (const [i, line] of lines.slice(1, close).entries()) {
    if (!line.trim()) continue;
    const m = /^([a-z]+):\s*(.*)$/.exec(line.trim());
    if (!m) throw new CorpusError(file, `line ${i + 2} is not "key: value"`);
    const [, key, value] = m as unknown as [string, string, string];
    if (!KNOWN_FIELDS.has(key)) throw new CorpusError(file, `unknown field "${key}" (known: ${[...KNOWN_FIELDS].join(', ')})`);
    if (key in fields) throw new CorpusError(file, `field "${key}" is given twice`);
    fields[key] = value.trim();
  }
  return validateCorpusArticle(file, fields, lines.slice(close + 1));
}

/**
 * The rules every corpus article obeys, wherever it comes from (a corpus file, a corpus pack, the
 * reader's own corpus): required fields, id, language, date and url syntax, non-empty text. The text
 * is normalised the same way: lines trimmed, empty lines dropped, paragraphs joined by "\n".
 */
export function validateCorpusArticle(file: string, fields: Record<string, string>, textLines: string[]): CorpusArticle {
  for (const key of REQUIRED_FIELDS) {
    if (!fields[key]) throw new CorpusError(file, `missing field "${key}"`);
  }
  if (!/^[\w.-]+$/.test(fields.id!)) throw new CorpusError(file, `id "${fields.id}" may only contain letters, digits, ".", "_" and "-"`);
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(fields.language!)) throw new CorpusError(file, `language "${fields.language}" is not a language code such as "en"`);
  if (!isIsoDate(fields.published!)) throw new CorpusError(file, `published "${fields.published}" is not a date (YYYY-MM-DD)`);
  if (fields.url !== undefined && !/^https?:\/\/\S+$/.test(fields.url)) throw new CorpusError(file, `url "${fields.url}" is not an http(s) address`);

  const text = textLines
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
  if (!text) throw new CorpusError(file, 'has no article text after the metadata block');

  const article: CorpusArticle = {
    id: fields.id!,
    outlet: fields.outlet!,
    title: fields.title!,
    language: fields.language!,
    published: fields.published!,
    text,
  };
  if (fields.url) article.url = fields.url;
  return article;
}

/** A real calendar date as YYYY-MM-DD, optionally followed by an ISO time. */
function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

/** Formats an article in the corpus file format (the inverse of parseCorpusFile). */
export function formatCorpusFile(article: CorpusArticle): string {
  const meta = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS]
    .filter((key) => article[key] !== undefined)
    .map((key) => `${key}: ${String(article[key]).replace(/\s+/g, ' ')}`);
  return `---\n${meta.join('\n')}\n---\n${article.text}\n`;
}

/** Checks a set of parsed articles together (ids must be unique). */
export function checkCorpus(entries: { file: string; article: CorpusArticle }[]): void {
  const seen = new Map<string, string>();
  for (const { file, article } of entries) {
    const other = seen.get(article.id);
    if (other) throw new CorpusError(file, `duplicate id "${article.id}" (also used by ${other})`);
    seen.set(article.id, file);
  }
}

/** The `format` field of a corpus pack: one JSON file holding many corpus articles. */
export const CORPUS_PACK_FORMAT = 'corroborate-corpus-pack';
export const CORPUS_PACK_VERSION = 1;

/**
 * A corpus pack: `{ "format": "corroborate-corpus-pack", "version": 1, "articles": [...] }`, each
 * article with the fields of a corpus file (`id`, `outlet`, `title`, `language`, `published`, optional
 * `url`) and its `text` (paragraphs separated by "\n").
 */
export interface CorpusPack {
  format: typeof CORPUS_PACK_FORMAT;
  version: typeof CORPUS_PACK_VERSION;
  articles: CorpusArticle[];
}

/** Formats articles as a corpus pack (the inverse of parseCorpusPack). */
export function formatCorpusPack(articles: CorpusArticle[]): CorpusPack {
  return {
    format: CORPUS_PACK_FORMAT,
    version: CORPUS_PACK_VERSION,
    articles: articles.map((a) => {
      const entry: CorpusArticle = { id: a.id, outlet: a.outlet, title: a.title, language: a.language, published: a.published, text: a.text };
      if (a.url) entry.url = a.url;
      return entry;
    }),
  };
}

/**
 * Reads a corpus pack (parsed JSON, or its text). Every article is checked with the rules of a corpus
 * file (validateCorpusArticle) and ids must be unique; the first problem throws a CorpusError naming
 * `file` and the article ("pack.json, article 3 (id x)"). Nothing is returned unless all are valid.
 */
export function parseCorpusPack(file: string, input: unknown): CorpusArticle[] {
  let data = input;
  if (typeof input === 'string') {
    if (input.includes('\u0000')) throw new CorpusError(file, 'is binary, not a corpus pack');
    try {
      data = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch {
      throw new CorpusError(file, 'is not JSON, so not a corpus pack');
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new CorpusError(file, 'is not a corpus pack (expected a JSON object)');
  const pack = data as Record<string, unknown>;
  if (pack.format !== CORPUS_PACK_FORMAT) {
    throw new CorpusError(file, `is not a corpus pack (its "format" is ${pack.format === undefined ? 'missing' : JSON.stringify(pack.format).slice(0, 60)}, expected "${CORPUS_PACK_FORMAT}")`);
  }
  if (pack.version !== CORPUS_PACK_VERSION) {
    throw new CorpusError(file, `is a corpus pack of version ${JSON.stringify(pack.version).slice(0, 20)}; this version of Corroborate reads version ${CORPUS_PACK_VERSION}`);
  }
  if (!Array.isArray(pack.articles)) throw new CorpusError(file, 'has no "articles" list');
  if (pack.articles.length === 0) throw new CorpusError(file, 'has no articles');
  const entries = pack.articles.map((entry: unknown, i) => {
    let where = `${file}, article ${i + 1}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new CorpusError(where, 'is not an object');
    const record = entry as Record<string, unknown>;
    if (typeof record.id === 'string' && record.id) where += ` (id ${record.id.slice(0, 60)})`;
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      if (key === 'text') continue;
      if (!KNOWN_FIELDS.has(key)) throw new CorpusError(where, `unknown field "${key}" (known: ${[...KNOWN_FIELDS].join(', ')}, text)`);
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') throw new CorpusError(where, `field "${key}" is not a string`);
      fields[key] = value.replace(/\s+/g, ' ').trim();
    }
    if (record.text !== undefined && typeof record.text !== 'string') throw new CorpusError(where, 'field "text" is not a string');
    const text = typeof record.text === 'string' ? record.text : '';
    if (text.includes('\u0000')) throw new CorpusError(where, 'has binary text');
    return { file: where, article: validateCorpusArticle(where, fields, text.replace(/\r\n?/g, '\n').split('\n')) };
  });
  checkCorpus(entries);
  return entries.map((e) => e.article);
}

/** One indexed sentence of a corpus article. */
export interface CorpusSentence {
  /** Index into `articles`. */
  article: number;
  text: string;
  start: number;
  end: number;
}

/** The serialisable index: what `npm run corpus` writes and the extension loads. */
export interface CorpusIndexData {
  version: number;
  articles: CorpusArticleMeta[];
  sentences: CorpusSentence[];
  /** Per sentence: identityKey of its text, to recognise an article that is itself in the corpus. */
  identities: number[];
  /** Number of sentences each term occurs in, for inverse document frequency. */
  documentFrequency: Record<string, number>;
  /** Term → corpus terms of related words (synonyms, derived forms), prepared at build time. */
  related: Record<string, string[]>;
  /** MiniSearch index of the articles by their terms: finds the articles on the reader's story. */
  stories: AsPlainObject;
}

/** A loaded index, ready for matching. */
export interface CorpusIndex {
  articles: CorpusArticleMeta[];
  /** Story sentences of all articles, in article order. */
  sentences: CorpusSentence[];
  documentFrequency: Map<string, number>;
  related: Map<string, string[]>;
  stories: MiniSearch<StoryDocument>;
  /** identityKey of a sentence's text → sentence ids. */
  sentenceIds: Map<number, number[]>;
}

/** An article as the story index sees it: its id and its distinct terms. */
interface StoryDocument {
  id: string;
  terms: string;
}

/** At most this many of a reader article's terms (the rarest in the corpus) look its story up. */
const STORY_QUERY_TERMS = 50;

/** MiniSearch options of the story index: documents are lists of already processed terms. */
export const STORY_SEARCH_OPTIONS = {
  fields: ['terms'],
  tokenize: (terms: string) => terms.split(' '),
  processTerm: (term: string) => term || null,
};

/** An article's story document: its distinct story terms. */
function storyDocument(id: string, sentences: readonly CorpusSentence[]): StoryDocument {
  return { id, terms: [...new Set(sentences.flatMap((s) => contentTerms(s.text)))].join(' ') };
}

/**
 * The terms of a text (its distinct content terms) to look its story up by: those other corpus articles have,
 * rarest first. `exclude` lists articles whose own terms are left out: the article being read when it is
 * itself in the corpus, or one the text repeats; terms only they have would find nothing else.
 */
export function storyQuery(terms: ReadonlySet<string>, corpus: CorpusIndex, exclude: readonly number[] = [], limit = STORY_QUERY_TERMS): string {
  const own = exclude.map((article) => articleTerms(corpus, article));
  const elsewhere = new Map<string, number>();
  for (const t of terms) {
    const n = own.reduce((left, counts) => left - (counts.get(t) ?? 0), corpus.documentFrequency.get(t) ?? 0);
    if (n > 0) elsewhere.set(t, n);
  }
  return [...elsewhere.keys()]
    .sort((a, b) => elsewhere.get(a)! - elsewhere.get(b)!)
    .slice(0, limit)
    .join(' ');
}

/**
 * Each article's first sentence id, and the sentence count at the end: article a holds ids
 * [starts[a], starts[a + 1]) (sentences are in article order). Per loaded corpus.
 */
export const articleStarts = once((corpus: CorpusIndex): number[] => {
  const starts = new Array<number>(corpus.articles.length + 1).fill(corpus.sentences.length);
  for (let id = corpus.sentences.length - 1; id >= 0; id--) starts[corpus.sentences[id]!.article] = id;
  for (let a = corpus.articles.length - 1; a >= 0; a--) starts[a] = Math.min(starts[a]!, starts[a + 1]!);
  return starts;
});

const ARTICLE_TERMS_CACHE_LIMIT = 256;
/** Per loaded corpus and article: in how many of the article's sentences each term occurs. */
const articleTermsCache = new WeakMap<CorpusIndex, Map<number, Map<string, number>>>();
function articleTerms(corpus: CorpusIndex, article: number): Map<string, number> {
  let byArticle = articleTermsCache.get(corpus);
  if (!byArticle) articleTermsCache.set(corpus, (byArticle = new Map()));
  let counts = byArticle.get(article);
  if (!counts) {
    if (byArticle.size >= ARTICLE_TERMS_CACHE_LIMIT) byArticle.clear();
    byArticle.set(article, (counts = new Map()));
    const starts = articleStarts(corpus);
    for (let id = starts[article]!; id < starts[article + 1]!; id++) {
      for (const t of new Set(contentTerms(corpus.sentences[id]!.text))) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  return counts;
}

export interface BuildOptions {
  /** Words related to a lower-case word (e.g. WordNet synonyms); none when omitted. */
  relatedWords?: (word: string) => Iterable<string>;
  /** Words a reader may use (e.g. WordNet's common vocabulary): their relations to corpus words are kept too. */
  readerWords?: Iterable<string>;
}

/** Segments every article into sentences, drops boilerplate, and builds the term statistics and story index. */
export function buildCorpusIndex(articles: CorpusArticle[], options: BuildOptions = {}): CorpusIndexData {
  const perArticle = articles.map((article, articleIndex) => segmentArticle(article.text, articleIndex));
  const sentences = perArticle.flat();

  const documentFrequency: Record<string, number> = Object.create(null);
  for (const s of sentences) {
    for (const term of new Set(contentTerms(s.text))) documentFrequency[term] = (documentFrequency[term] ?? 0) + 1;
  }

  const stories = new MiniSearch<StoryDocument>(STORY_SEARCH_OPTIONS);
  stories.addAll(perArticle.map((list, i) => storyDocument(articles[i]!.id, list)));

  return {
    version: CORPUS_INDEX_VERSION,
    articles: articles.map(({ text: _text, ...meta }) => meta),
    sentences,
    identities: sentences.map((s) => identityKey(s.text)),
    documentFrequency,
    related: options.relatedWords ? relatedTerms(sentences, options.relatedWords, options.readerWords ?? []) : {},
    stories: stories.toJSON(),
  };
}

/** A sentence of an article's paragraphs, and what its paragraph is. */
export interface ParagraphSentence extends Sentence {
  /** Its paragraph is not story text (promos, link lists, headings). */
  boilerplate: boolean;
  /** Its paragraph is an item of a list of statements ("He said:" or "Key points:" and short lines). */
  listed: boolean;
}

/** The sentences of an article's paragraphs, with offsets into its text (the paragraphs joined by "\n"). */
export function paragraphSentences(paragraphs: readonly string[], text: string): ParagraphSentence[] {
  const listed = listedStatements(paragraphs);
  const drop = boilerplateParagraphs([...paragraphs], listed);
  const out: ParagraphSentence[] = [];
  let offset = 0;
  paragraphs.forEach((paragraph, i) => {
    // Find each paragraph in the text, so offsets stay exact even if the joining differs.
    const at = text.indexOf(paragraph, offset);
    const base = at >= 0 ? at : offset;
    for (const s of splitSentences(paragraph)) {
      out.push({ text: s.text, start: base + s.start, end: base + s.end, boilerplate: drop[i] ?? false, listed: listed[i] ?? false });
    }
    offset = base + paragraph.length;
  });
  return out;
}

/** The story sentences of one article's text (boilerplate paragraphs dropped), with offsets into the text. */
export function segmentArticle(text: string, articleIndex: number): CorpusSentence[] {
  return paragraphSentences(text.split('\n'), text)
    .filter((s) => !s.boilerplate)
    .map((s) => ({ article: articleIndex, text: s.text, start: s.start, end: s.end }));
}

/**
 * Term → corpus terms it may be aligned with. Both directions: a corpus word's related words point to it,
 * and a reader's word (one of `readerWords` the corpus lacks) points to the corpus words related to it,
 * since a reader's article may use a word no corpus article does.
 */
function relatedTerms(sentences: CorpusSentence[], relatedWords: (word: string) => Iterable<string>, readerWords: Iterable<string>): Record<string, string[]> {
  const words = new Set<string>();
  for (const s of sentences) for (const t of tokenize(s.text)) if (termOf(t.word) && /^[a-z]+$/.test(t.word)) words.add(t.word);
  const corpusTerms = new Set([...words].map((w) => termOf(w)!));
  const related = new Map<string, Set<string>>();
  const link = (from: string | null, to: string | null) => {
    if (!from || !to || from === to) return;
    const set = related.get(from) ?? new Set<string>();
    set.add(to);
    related.set(from, set);
  };
  for (const word of words) for (const other of relatedWords(word)) link(termOf(other), termOf(word));
  for (const word of readerWords) {
    const term = termOf(word);
    if (!term || corpusTerms.has(term)) continue;
    for (const other of relatedWords(word)) {
      const target = termOf(other);
      if (target && corpusTerms.has(target)) link(term, target);
    }
  }
  return Object.fromEntries([...related].map(([k, v]) => [k, [...v].sort()]));
}

/** Loads a serialised index without re-indexing. Throws when the data is not an index of this version. */
export function loadCorpusIndex(data: CorpusIndexData): CorpusIndex {
  if (
    !data ||
    data.version !== CORPUS_INDEX_VERSION ||
    !Array.isArray(data.sentences) ||
    !Array.isArray(data.articles) ||
    !Array.isArray(data.identities) ||
    data.identities.length !== data.sentences.length ||
    typeof data.documentFrequency !== 'object' ||
    typeof data.stories !== 'object' ||
    data.stories === null ||
    !('index' in data.stories)
  ) {
    throw new Error('The corpus index is missing or was built by another version; run `npm run corpus`.');
  }
  const sentenceIds = new Map<number, number[]>();
  data.identities.forEach((key, id) => addTo(sentenceIds, key, id));
  return {
    articles: data.articles,
    sentences: data.sentences,
    documentFrequency: new Map(Object.entries(data.documentFrequency)),
    related: new Map(Object.entries(data.related ?? {})),
    stories: MiniSearch.loadJS<StoryDocument>(data.stories, STORY_SEARCH_OPTIONS),
    sentenceIds,
  };
}

/**
 * Per corpus article, how many of these sentences it holds verbatim (same text up to spacing, quote
 * style and case): how an article that is itself in the corpus is recognised.
 */
export function verbatimVotes(index: CorpusIndex, sentences: readonly { text: string }[]): Map<number, number> {
  const votes = new Map<number, number>();
  for (const s of sentences) {
    const articles = new Set((index.sentenceIds.get(identityKey(s.text)) ?? []).map((id) => index.sentences[id]!.article));
    for (const a of articles) votes.set(a, (votes.get(a) ?? 0) + 1);
  }
  return votes;
}

function addTo(map: Map<number, number[]>, key: number, id: number): void {
  const ids = map.get(key);
  if (ids) ids.push(id);
  else map.set(key, [id]);
}

// ---- Growing and shrinking a loaded index (the reader's own articles), without rebuilding it.
//
// Sentence ids are positions in `sentences`; article numbers are positions in `articles`. Sentences
// are kept in article order, so an article's sentences and everything after them form a suffix of
// `sentences`. Every function below updates all the fields the matcher reads (articles, sentences,
// documentFrequency, sentenceIds, stories) together, and returns a new CorpusIndex object over the
// same structures: caches keyed by the index object (inverse document frequencies, prepared
// sentences) then start afresh for the changed corpus. The object passed in must not be used afterwards.

function indexSentences(index: CorpusIndex, sentences: CorpusSentence[]): void {
  for (const s of sentences) {
    const id = index.sentences.length;
    index.sentences.push(s);
    for (const term of new Set(contentTerms(s.text))) index.documentFrequency.set(term, (index.documentFrequency.get(term) ?? 0) + 1);
    addTo(index.sentenceIds, identityKey(s.text), id);
  }
}

/** Removes the sentences from `from` to the end; returns them. */
function unindexSentencesFrom(index: CorpusIndex, from: number): CorpusSentence[] {
  const removed = index.sentences.slice(from);
  removed.forEach((s, i) => {
    const id = from + i;
    for (const term of new Set(contentTerms(s.text))) {
      const n = (index.documentFrequency.get(term) ?? 0) - 1;
      if (n > 0) index.documentFrequency.set(term, n);
      else index.documentFrequency.delete(term);
    }
    const key = identityKey(s.text);
    const ids = index.sentenceIds.get(key)?.filter((x) => x !== id);
    if (ids?.length) index.sentenceIds.set(key, ids);
    else index.sentenceIds.delete(key);
  });
  index.sentences.length = from;
  return removed;
}

/**
 * Adds one article to a loaded index: segments it (boilerplate dropped, as at build time), and adds its
 * sentences to the term statistics and the article to the story index. Throws if the id is already in
 * the index. Related words (WordNet) are prepared at build time for the bundled vocabulary only.
 */
export function addArticleToIndex(index: CorpusIndex, article: CorpusArticle): CorpusIndex {
  if (index.articles.some((a) => a.id === article.id)) throw new Error(`The corpus already has an article with id "${article.id}".`);
  const { text, ...meta } = article;
  const articleIndex = index.articles.length;
  index.articles.push(meta);
  const sentences = segmentArticle(text, articleIndex);
  indexSentences(index, sentences);
  index.stories.add(storyDocument(meta.id, sentences));
  return { ...index };
}

/**
 * Removes an article from a loaded index (by id). The sentences of later articles move up; nothing
 * else is re-indexed. An unknown id leaves the index as it is.
 */
export function removeArticleFromIndex(index: CorpusIndex, id: string): CorpusIndex {
  const articleIndex = index.articles.findIndex((a) => a.id === id);
  if (articleIndex < 0) return index;
  let from = index.sentences.findIndex((s) => s.article >= articleIndex);
  if (from < 0) from = index.sentences.length;
  const removed = unindexSentencesFrom(index, from);
  // remove (not discard): the postings go at once, so story scores are exact straight away.
  index.stories.remove(storyDocument(id, removed.filter((s) => s.article === articleIndex)));
  index.articles.splice(articleIndex, 1);
  indexSentences(
    index,
    removed.filter((s) => s.article > articleIndex).map((s) => ({ ...s, article: s.article - 1 })),
  );
  return { ...index };
}
