/**
 * Word-level text processing shared by the index and the matcher: tokenising,
 * stop words (the `stopword` package's English list), irregular verb forms to their base
 * (`wink-lexicon`'s list) and stemming (`stemmer`, Porter).
 */
import { eng as englishStopWords } from 'stopword';
import { stemmer } from 'stemmer';
import irregularVerbs from 'wink-lexicon/src/irregular-verbs.js';

const STOP_WORDS = new Set<string>([
  ...englishStopWords,
  // Contraction fragments and function words the list lacks; they carry no point.
  "'s", 's', 't', 'don', 'didn', 'isn', 'wasn', 'won', 'just', 'us', 'yet', 'whether', 'also', 'even',
  'upon', 'per', 'cent', 'mr', 'mrs', 'ms', 'dr', 'sir',
  // The list has "said" but not its other forms; and "according (to)" is a frame, which the stemmer
  // would otherwise make one term with "accord", an agreement.
  'says', 'saying', 'according',
]);

/** Spelled-out numbers, so "three hours" and "3 hours" share a term. */
const NUMBER_WORDS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8',
  nine: '9', ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16',
  seventeen: '17', eighteen: '18', nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50', sixty: '60',
  seventy: '70', eighty: '80', ninety: '90', hundred: '100', thousand: '1000', million: '1000000', billion: '1000000000',
  first: '1st', second: '2nd', third: '3rd', half: '0.5', dozen: '12', decade: 'decad',
};

/**
 * Forms the irregular-verb list maps that news text mostly uses as other words: nouns and adjectives
 * ("crew" is not the past of "crow"; "ground", "wound", "left", "bound", "saw", "lay") and modal verbs.
 */
const NOT_VERB_FORMS = new Set(['crew', 'drug', 'ground', 'wound', 'bound', 'lay', 'saw', 'left', 'might', 'could', 'would', 'dove', 'rent', 'shore', 'stove']);

/** The base of an irregular verb form ("took", "taken" → "take"; "met" → "meet"), which the stemmer cannot find. */
function irregularBase(word: string): string | undefined {
  return Object.hasOwn(irregularVerbs, word) && !NOT_VERB_FORMS.has(word) ? irregularVerbs[word] : undefined;
}

/** Words, numbers (with decimals and thousands separators) and acronyms with dots, in order. */
const WORD = /\p{Lu}(?:\.\p{Lu})+\.?|\d+(?:[.,]\d+)*%?|[\p{L}\p{M}]+(?:['’][\p{L}]+)*/gu;

/** Acronyms whose lower-case form collides with a common word ("US" vs "us"). */
const ACRONYMS: Record<string, string> = { 'us': 'usa', 'u.s': 'usa', 'u.s.': 'usa', 'uk': 'uk', 'u.k': 'uk', 'u.k.': 'uk', 'un': 'un', 'u.n.': 'un', 'u.n': 'un' };

export interface Token {
  /** The word as written. */
  raw: string;
  /** Lower-cased, apostrophes normalised, possessive dropped. */
  word: string;
  /** Offset of the word in the input. */
  start: number;
}

/** Splits text into word tokens with offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    let word = raw.toLowerCase().replace(/’/g, "'");
    if (raw === raw.toUpperCase() && Object.hasOwn(ACRONYMS, word)) word = ACRONYMS[word]!;
    else word = word.replace(/'s$/, '').replace(/\.$/, '');
    tokens.push({ raw, word, start: m.index ?? 0 });
  }
  return tokens;
}

/** Words that turn a clause negative (lower case, straight apostrophes). */
export const NEGATION_WORD = /^(?:no|not|never|none|nobody|nothing|neither|nor|without|failed|fail|fails|refused|declined|n't|didn't|don't|doesn't|won't|wasn't|weren't|haven't|hasn't|hadn't|isn't|aren't|couldn't|wouldn't|can't|cannot)$/;

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Terms of words already seen: news text repeats its words, and stemming is the costly part. */
const termCache = new Map<string, string | null>();
const TERM_CACHE_LIMIT = 50_000;

/** The index/match term for one lower-case word: numbers normalised, then stemmed; null for stop words. */
export function termOf(word: string): string | null {
  let term = termCache.get(word);
  if (term === undefined) {
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    termCache.set(word, (term = computeTerm(word)));
  }
  return term;
}

function computeTerm(word: string): string | null {
  if (STOP_WORDS.has(word)) return null;
  // Own properties only: a word such as "constructor" must not find Object.prototype's.
  if (Object.hasOwn(NUMBER_WORDS, word)) return NUMBER_WORDS[word]!;
  if (/^\d/.test(word)) return word.replace(/,(?=\d{3}\b)/g, '');
  if (word.length < 2) return null;
  return stemmer((irregularBase(word) ?? word).replace(/'/g, ''));
}

/** Content terms of a text, in order (duplicates kept); `tokens` when the text is tokenised already. */
export function contentTerms(text: string, tokens: readonly Token[] = tokenize(text)): string[] {
  const terms: string[] = [];
  for (const token of tokens) {
    const term = termOf(token.word);
    if (term) terms.push(term);
  }
  return terms;
}

/** Whitespace, quote and case normalisation used to recognise the same text. */
export function normalizeForIdentity(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A 32-bit FNV-1a hash of a string. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The hash of a text's normalised form: the same sentence, whatever its spacing and quote style. */
export function identityKey(text: string): number {
  return fnv1a(normalizeForIdentity(text));
}
