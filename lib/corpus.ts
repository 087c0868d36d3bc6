/**
 * The corpus: other outlets' articles, their format on disk, and the sentence index built from them.
 *
 * One file per article: a front-matter block of `key: value` lines between `---` lines, then the text,
 * one paragraph per line. The index holds every story sentence (boilerplate dropped) with its offsets,
 * searchable with MiniSearch, and serialises to JSON so the extension loads it without re-indexing.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { CorpusArticle, CorpusArticleMeta } from './types';
import { splitSentences } from './sentences';
import { boilerplateParagraphs } from './boilerplate';
import { contentTerms, normalizeForIdentity, termOf, tokenize } from './text';

export const CORPUS_INDEX_VERSION = 1;

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
  for (const key of REQUIRED_FIELDS) {
    if (!fields[key]) throw new CorpusError(file, `missing field "${key}"`);
  }
  if (!/^[\w.-]+$/.test(fields.id!)) throw new CorpusError(file, `id "${fields.id}" may only contain letters, digits, ".", "_" and "-"`);
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(fields.language!)) throw new CorpusError(file, `language "${fields.language}" is not a language code such as "en"`);
  if (!isIsoDate(fields.published!)) throw new CorpusError(file, `published "${fields.published}" is not a date (YYYY-MM-DD)`);
  if (fields.url !== undefined && !/^https?:\/\/\S+$/.test(fields.url)) throw new CorpusError(file, `url "${fields.url}" is not an http(s) address`);

  const text = lines
    .slice(close + 1)
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
  /** Number of sentences each term occurs in, for inverse document frequency. */
  documentFrequency: Record<string, number>;
  /** Term → corpus terms of related words (synonyms, derived forms), prepared at build time. */
  related: Record<string, string[]>;
  search: AsPlainObject;
}

/** A loaded index, ready for matching. */
export interface CorpusIndex {
  articles: CorpusArticleMeta[];
  sentences: CorpusSentence[];
  documentFrequency: Map<string, number>;
  related: Map<string, string[]>;
  search: MiniSearch<IndexedSentence>;
  /** Normalised sentence text → sentence ids, to recognise an article that is itself in the corpus. */
  sentenceIds: Map<string, number[]>;
}

interface IndexedSentence {
  id: number;
  text: string;
}

/** MiniSearch options shared by build and load: our tokeniser, stop words and stemmer. */
export const SEARCH_OPTIONS = {
  fields: ['text'],
  tokenize: (text: string) => tokenize(text).map((t) => t.word),
  processTerm: (word: string) => termOf(word) ?? null,
};

export interface BuildOptions {
  /** Words related to a lower-case word (e.g. WordNet synonyms); none when omitted. */
  relatedWords?: (word: string) => Iterable<string>;
}

/** Segments every article into sentences, drops boilerplate, and builds the search index. */
export function buildCorpusIndex(articles: CorpusArticle[], options: BuildOptions = {}): CorpusIndexData {
  const sentences: CorpusSentence[] = [];
  articles.forEach((article, articleIndex) => {
    const paragraphs = article.text.split('\n');
    const drop = boilerplateParagraphs(paragraphs);
    let offset = 0;
    paragraphs.forEach((paragraph, i) => {
      if (!drop[i]) {
        for (const s of splitSentences(paragraph)) {
          sentences.push({ article: articleIndex, text: s.text, start: offset + s.start, end: offset + s.end });
        }
      }
      offset += paragraph.length + 1;
    });
  });

  const search = new MiniSearch<IndexedSentence>(SEARCH_OPTIONS);
  search.addAll(sentences.map((s, id) => ({ id, text: s.text })));

  const documentFrequency: Record<string, number> = {};
  for (const s of sentences) {
    for (const term of new Set(contentTerms(s.text))) documentFrequency[term] = (documentFrequency[term] ?? 0) + 1;
  }

  return {
    version: CORPUS_INDEX_VERSION,
    articles: articles.map(({ text: _text, ...meta }) => meta),
    sentences,
    documentFrequency,
    related: options.relatedWords ? relatedTerms(sentences, options.relatedWords) : {},
    search: search.toJSON(),
  };
}

/**
 * For every word of the corpus vocabulary, its related words' terms point back to its own term, so a
 * reader's word can be aligned with a corpus word it is related to.
 */
function relatedTerms(sentences: CorpusSentence[], relatedWords: (word: string) => Iterable<string>): Record<string, string[]> {
  const words = new Set<string>();
  for (const s of sentences) for (const t of tokenize(s.text)) if (termOf(t.word) && /^[a-z]+$/.test(t.word)) words.add(t.word);
  const related = new Map<string, Set<string>>();
  for (const word of words) {
    const term = termOf(word)!;
    for (const other of relatedWords(word)) {
      const key = termOf(other);
      if (!key || key === term) continue;
      const set = related.get(key) ?? new Set<string>();
      set.add(term);
      related.set(key, set);
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
    typeof data.documentFrequency !== 'object' ||
    typeof data.search !== 'object' ||
    data.search === null ||
    !('index' in data.search)
  ) {
    throw new Error('The corpus index is missing or was built by another version; run `npm run corpus`.');
  }
  const sentenceIds = new Map<string, number[]>();
  data.sentences.forEach((s, id) => {
    const key = normalizeForIdentity(s.text);
    const ids = sentenceIds.get(key);
    if (ids) ids.push(id);
    else sentenceIds.set(key, [id]);
  });
  return {
    articles: data.articles,
    sentences: data.sentences,
    documentFrequency: new Map(Object.entries(data.documentFrequency)),
    related: new Map(Object.entries(data.related ?? {})),
    search: MiniSearch.loadJS<IndexedSentence>(data.search, SEARCH_OPTIONS),
    sentenceIds,
  };
}
