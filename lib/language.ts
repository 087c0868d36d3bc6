/**
 * Language identification by stop-word counting, using the `stopword` package's lists.
 *
 * Function words ("the", "de", "und", "что") are the most frequent words of any text and are
 * language-specific enough that counting them identifies the language of a few sentences. Words
 * that several of the candidate languages share ("de", "a", "in") count as 1/k for each of the k
 * languages listing them, so they neither decide nor skew the result.
 */
import { deu, eng, fra, ita, nld, pol, por, rus, spa, swe } from 'stopword';

export interface DetectedLanguage {
  /** ISO 639-1 code: "en", "fr", … */
  language: string;
  /** The winner's share of all stop-word hits, in (0, 1]. */
  confidence: number;
}

/** Candidate languages: ISO 639-1 code and stop-word list. */
const LISTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['en', eng],
  ['fr', fra],
  // The German list also holds the single letters a–z, which are not German words.
  ['de', deu.filter((word) => word.length > 1)],
  ['es', spa],
  ['it', ita],
  ['pt', por],
  ['nl', nld],
  ['ru', rus],
  ['sv', swe],
  ['pl', pol],
];

/** Only the start of a long text is read: ample for an answer, and bounded in time. */
const MAX_WORDS = 2000;
/** Below this many words, or this much stop-word evidence, the text is too short to tell. */
const MIN_WORDS = 5;
const MIN_HITS = 2;

/** English contraction endings ("it's", "don't", "we're"): not words of their own. */
const CONTRACTION_ENDINGS = new Set(['s', 't', 're', 'll', 've', 'd', 'm']);

/** A word, possibly with apostrophes inside ("l'assemblée", "dell'anno", "don't"). */
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

/** word → weight (1/k) per candidate language, built on first use. */
let table: Map<string, { langs: number[]; weight: number }> | undefined;

function getTable(): Map<string, { langs: number[]; weight: number }> {
  if (table) return table;
  const langsOf = new Map<string, number[]>();
  LISTS.forEach(([, words], index) => {
    for (const raw of words) {
      const word = raw.toLowerCase();
      if (!/^\p{L}+$/u.test(word)) continue; // entries like "d.h" can never match a token
      const langs = langsOf.get(word) ?? [];
      if (!langs.includes(index)) langs.push(index);
      langsOf.set(word, langs);
    }
  });
  table = new Map();
  for (const [word, langs] of langsOf) table.set(word, { langs, weight: 1 / langs.length });
  return table;
}

/**
 * The language of `text` among en, fr, de, es, it, pt, nl, ru, sv and pl, or null when the text
 * is too short (fewer than 5 words, or almost no stop words) or in none of them.
 */
export function detectLanguage(text: string): DetectedLanguage | null {
  const words = getTable();
  const scores = new Array<number>(LISTS.length).fill(0);
  let count = 0;
  const add = (token: string): void => {
    const entry = words.get(token);
    if (entry) for (const lang of entry.langs) scores[lang]! += entry.weight;
  };
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match && count < MAX_WORDS; match = WORD.exec(text)) {
    count++;
    const token = match[0].toLowerCase();
    if (!token.includes("'") && !token.includes('’')) {
      add(token);
      continue;
    }
    // Elided articles and prepositions come before the apostrophe (French, Italian: "l'", "d'",
    // "qu'", "dell'"); English contraction endings after it are dropped.
    const parts = token.split(/['’]/);
    const last = parts.length - 1;
    parts.forEach((part, i) => {
      if (i < last || !CONTRACTION_ENDINGS.has(part)) add(part);
    });
  }
  if (count < MIN_WORDS) return null;
  let total = 0;
  let best = 0;
  scores.forEach((score, i) => {
    total += score;
    if (score > scores[best]!) best = i;
  });
  if (total < MIN_HITS) return null;
  return { language: LISTS[best]![0], confidence: scores[best]! / total };
}
