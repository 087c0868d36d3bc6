/**
 * Language identification by stop-word counting, using the `stopword` package's lists.
 *
 * Function words ("the", "de", "und", "что") are the most frequent words of any text and are
 * language-specific enough that counting them identifies the language of a few sentences. Words
 * that several of the candidate languages share ("de", "a", "in") count as 1/k for each of the k
 * languages listing them, so they neither decide nor skew the result.
 */
import { deu, eng, fra, ita, nld, pol, por, rus, spa, swe } from 'stopword';
import { UNDETERMINED } from './format';

export interface DetectedLanguage {
  /** ISO 639-1 code ("en", "fr", …), or "und" when plainly not English but not named. */
  language: string;
  /** The winner's share of all stop-word hits (of the letters, when told by the script), in (0, 1]. */
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
 * Writing systems that tell a language (or at least that the text is not English) by themselves, in the
 * order they are tried: Japanese mixes kana with Chinese characters, so kana decide first.
 */
const SCRIPTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Thai}/u, 'th'],
];
/** A letter of neither the Latin nor the Cyrillic script. */
const OTHER_SCRIPT_LETTER = /[^\P{L}\p{Script=Latin}\p{Script=Cyrillic}]/u;
/** How many letters the script check reads. */
const SCRIPT_SAMPLE = 2000;
/** English prose is 30–50 % stop words; a long text with under this share of stop words of any listed language is in another. */
const MIN_STOP_WORD_SHARE = 0.1;
/** From this many words a text is long enough to judge by its share of stop words. */
const SHARE_MIN_WORDS = 20;

/**
 * The language of a text written mostly in a non-Latin, non-Cyrillic script (Cyrillic is told apart by
 * stop words: Russian is listed), or null for Latin and Cyrillic texts.
 */
function scriptLanguage(text: string): DetectedLanguage | null {
  // Most texts have no such letter at all: one regular-expression test settles them.
  const sample = text.slice(0, 4 * SCRIPT_SAMPLE);
  if (!OTHER_SCRIPT_LETTER.test(sample)) return null;
  let letters = 0;
  let otherScript = 0;
  const counts = new Array<number>(SCRIPTS.length).fill(0);
  for (const char of sample) {
    if (letters >= SCRIPT_SAMPLE) break;
    if (!/\p{L}/u.test(char)) continue;
    letters++;
    if (!OTHER_SCRIPT_LETTER.test(char)) continue;
    otherScript++;
    const index = SCRIPTS.findIndex(([script]) => script.test(char));
    if (index >= 0) counts[index]!++;
  }
  if (letters === 0 || otherScript / letters <= 0.5) return null;
  // Kana make it Japanese even among more Chinese characters; otherwise the most frequent script.
  const chosen = counts[0]! > 0 ? 0 : counts.indexOf(Math.max(...counts));
  return { language: counts[chosen]! > 0 ? SCRIPTS[chosen]![1] : UNDETERMINED, confidence: otherScript / letters };
}

/**
 * The language of `text`: by its script when that tells (Chinese, Japanese, Korean, Arabic, Hebrew, Greek,
 * Hindi, Thai), else by stop words among en, fr, de, es, it, pt, nl, ru, sv and pl; `und` (undetermined)
 * for a long text in another script or with almost no stop words of these (Turkish, Finnish…); null when
 * the text is too short to tell (fewer than 5 words, or almost no stop words).
 */
export function detectLanguage(text: string): DetectedLanguage | null {
  const byScript = scriptLanguage(text);
  if (byScript) return byScript;
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
  if (count >= SHARE_MIN_WORDS && total / count < MIN_STOP_WORD_SHARE) return { language: UNDETERMINED, confidence: 1 - total / count };
  if (total < MIN_HITS) return null;
  return { language: LISTS[best]![0], confidence: scores[best]! / total };
}
