/**
 * The comparison's tokens (lib/compare.ts, lib/amounts.ts): every word and mark of a sentence, with its
 * offsets and a comparison key. Unlike the matcher's terms (lib/text.ts), nothing is dropped or stemmed:
 * a comparison shows and quotes the words as written.
 */
import { eng as englishStopWords } from 'stopword';

export interface Token {
  /** As written. */
  text: string;
  start: number;
  end: number;
  /** Comparison key: lower case, curly → straight apostrophes, no in-word dots/hyphens ("U.S." ≈ "US"). */
  key: string;
}

/** Words (with in-word apostrophes, hyphens, dots, commas, colons between digits) or one other character. */
const TOKEN_RE = /[\p{L}\p{N}]+(?:(?:['’.\-‐‑–]|[,:](?=\d))[\p{L}\p{N}]+)*|\S/gu;
/** Hyphen-like joiners inside a word: "three-hour", "Elmendorf–Richardson". */
const HYPHENS = /[\-‐‑–]/g;

export function keyOf(text: string): string {
  const lower = text.toLowerCase();
  if (/^[a-z]+$/.test(lower)) return lower; // the common case, kept cheap
  let k = lower.replace(/’/g, "'").replace(/[“”„«»]/g, '"').replace(/[‘‚]/g, "'");
  // Only letters: drop dots and hyphens so "U.S" ≈ "us" and "business-like" ≈ "businesslike".
  if (/\p{L}/u.test(k) && !/\d/.test(k)) k = k.replace(/\./g, '').replace(HYPHENS, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(k)) k = k.replace(/,/g, '');
  if (/^[–—‐-]$/.test(k)) k = '-';
  return k;
}

/** A sentence with its tokens, tokenised once for all extractors (the tokens never change once made). */
export interface Sent {
  text: string;
  tokens: Token[];
}

/**
 * Sentences already tokenised, shared by the comparisons of one report: each reader sentence is compared
 * with several matches, and a corpus sentence may match several reader sentences.
 */
export type ComparisonCache = Map<string, Sent>;

/** The sentence, tokenised: a text is tokenised (once per cache), a sentence already tokenised is returned as it is. */
export function sentOf(sentence: string | Sent, cache?: ComparisonCache): Sent {
  if (typeof sentence !== 'string') return sentence;
  let sent = cache?.get(sentence);
  if (!sent) {
    sent = { text: sentence, tokens: tokenize(sentence) };
    cache?.set(sentence, sent);
  }
  return sent;
}

/**
 * Corpus sentences tokenised for comparison, kept from one analysis to the next: a corpus sentence is
 * compared again on every page that matches it. Bounded, as the prepared sentences of lib/match are.
 */
const corpusSentences: ComparisonCache = new Map();
const CORPUS_SENTENCES_KEPT = 2_000;
export function corpusSentence(text: string): Sent {
  if (corpusSentences.size >= CORPUS_SENTENCES_KEPT) corpusSentences.clear();
  return sentOf(text, corpusSentences);
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index ?? 0;
    out.push({ text: m[0], start, end: start + m[0].length, key: keyOf(m[0]) });
  }
  return out;
}

export const isWord = (t: Token | undefined): t is Token => t !== undefined && /[\p{L}\p{N}]/u.test(t.text);
export const isCapitalised = (t: Token | undefined): boolean => t !== undefined && /^\p{Lu}/u.test(t.text) && /\p{Ll}/u.test(t.text);

/** Function words: never a unit, a role word or evidence of quote overlap. */
const FUNCTION_WORDS = new Set<string>([
  ...englishStopWords,
  "'s", 's', 't', 'just', 'us', 'yet', 'also', 'even', 'upon', 'per', 'cent', 'mr', 'mrs', 'ms', 'dr', 'sir',
  'one', 'told', 'says', 'say', 'amid', 'among', 'within', 'without', 'toward', 'towards', 'via', 'whose',
  'it', "it's", "i'm", "we're", "we've", "i've", "don't", "didn't", "isn't", "wasn't", "won't", "can't",
  'would', 'could', 'should', 'will', 'shall', 'might', 'must', 'may', 'can', 'been', 'being', 'had', 'has',
  'have', 'was', 'were', 'is', 'are', 'be', 'do', 'did', 'does', 'done', 'there', 'here', 'then', 'than',
  'that', 'this', 'these', 'those', 'which', 'who', 'whom', 'what', 'when', 'where', 'while', 'why', 'how',
  'so', 'such', 'too', 'not', 'no', 'nor', 'both', 'each', 'either', 'neither', 'some', 'any', 'all',
  'few', 'other', 'another', 'own', 'same', 'again', 'further', 'once', 'only', 'quite', 'rather',
  'along', 'across', 'around', 'through', 'during', 'despite', 'since', 'until', 'ago', 'later', 'earlier',
  'already', 'still', 'ever', 'never', 'now', 'back', 'away', 'off', 'out', 'up', 'down', 'together',
  'alone', 'instead', 'respectively', 'apiece', 'more', 'less', 'fewer', 'before', 'after',
]);

export const isFunctionWord = (key: string): boolean => FUNCTION_WORDS.has(key);
