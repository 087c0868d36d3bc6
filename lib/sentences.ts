/**
 * Rule-based English sentence splitter for news article bodies.
 *
 * Why not Intl.Segmenter: it splits after "Mr." and "Aug.", splits `"Really?" he asked`
 * and cannot be told about initialisms; repairing it costs as much as scanning ourselves.
 *
 * The scan looks only at candidate terminators (. ? ! …), so it is linear in the text.
 * Offsets always index into the original string: `text.slice(start, end) === sentence.text`.
 */
import type { Sentence } from './types';

/** Titles that precede a name: a full stop after them never ends a sentence. */
const TITLES = new Set([
  'Mr', 'Mrs', 'Ms', 'Mx', 'Messrs', 'Dr', 'Prof', 'Sen', 'Sens', 'Rep', 'Reps', 'Gov', 'Gen', 'Lt',
  'Col', 'Capt', 'Cpt', 'Sgt', 'Cpl', 'Maj', 'Adm', 'Cmdr', 'Brig', 'Rev', 'Hon', 'Pres', 'Supt',
  'Insp', 'Det', 'Fr', 'Sra', 'Mme', 'Mlle', 'Atty', 'Amb', 'Mt', 'Ft', 'Pvt', 'Gens',
]);

/** Abbreviations that only occur mid-sentence (lower-case forms). */
const MID_SENTENCE = new Set(['e.g', 'i.e', 'cf', 'vs', 'v', 'viz', 'approx', 'incl', 'ca', 'esp', 'al']);

/** Month abbreviations: never end a sentence before a day number ("Aug. 15"). */
const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec']);

/** Abbreviations that may or may not end a sentence ("Apple Inc. said" vs "… Apple Inc. The …"). */
const AMBIGUOUS = new Set(['Jr', 'Sr', 'Inc', 'Ltd', 'Co', 'Corp', 'Bros', 'Plc', 'Llc', 'Dept', 'Univ', 'Assn', 'St', 'Ave', 'Blvd', 'Rd']);

/** Abbreviations that take a number after them ("No. 10", "Vol. 3", "p. 12"). */
const BEFORE_NUMBER = new Set(['No', 'Nos', 'no', 'Vol', 'vol', 'Fig', 'fig', 'p', 'pp', 'Art', 'art', 'Sec', 'sec', 'Ch', 'ch', 'Para', 'para', 'Op', 'Nr']);

/**
 * Words that typically open a sentence. After an ambiguous abbreviation ("U.S.", "Jr.", "p.m.")
 * we split only when one of these follows, so "the U.S. Senate" stays whole but
 * "in the U.S. He said" splits.
 */
const SENTENCE_STARTERS = new Set(
  (
    'a an the he she it they we i you this that these those there here his her its their our my your ' +
    'but and or so yet if when while after before as at in on of for from by with without to since ' +
    'however meanwhile still also then now later earlier today yesterday tomorrow last next ' +
    'some many most several few all both each every no not neither either one two three ' +
    'what why how who whom whose where which despite although though because instead ' +
    'officials authorities police according asked speaking'
  ).split(' '),
);

const TERMINATOR_RUN = /[.?!…]+/g;
/** Characters that close a sentence after its terminator: quotes and brackets. */
const CLOSERS = new Set(['"', '\'', '”', '’', ')', ']', '}', '»', '›']);
const TERMINATORS = new Set(['.', '?', '!', '…']);
const OPENERS = new Set(['"', '\'', '“', '‘', '(', '[', '{', '«', '‹', '¿', '¡']);

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);
const isUpper = (ch: string | undefined): boolean => ch !== undefined && /\p{Lu}/u.test(ch);
const isLower = (ch: string | undefined): boolean => ch !== undefined && /\p{Ll}/u.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && /\p{Nd}/u.test(ch);
const hasWordChar = (s: string): boolean => /[\p{L}\p{N}]/u.test(s);

/** Split an article body (paragraphs joined by "\n") into sentences with exact offsets. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paraStart = 0;
  while (paraStart <= text.length) {
    let paraEnd = text.indexOf('\n', paraStart);
    if (paraEnd === -1) paraEnd = text.length;
    splitParagraph(text, paraStart, paraEnd, out);
    paraStart = paraEnd + 1;
  }
  return out;
}

/** Append the sentences of text[from, to) — one paragraph — to `out`. */
function splitParagraph(text: string, from: number, to: number, out: Sentence[]): void {
  const para = text.slice(from, to);
  if (!hasWordChar(para)) return;

  const cuts = findBoundaries(para);
  const pieces: Array<[number, number]> = [];
  let start = 0;
  for (const cut of [...cuts, para.length]) {
    const [s, e] = trimRange(para, start, cut);
    start = cut;
    if (s >= e) continue;
    const prev = pieces[pieces.length - 1];
    // A piece with no letters or digits ("…", "”") belongs to its neighbour, never stands alone.
    if (!hasWordChar(para.slice(s, e)) && prev) prev[1] = e;
    else if (prev && !hasWordChar(para.slice(prev[0], prev[1]))) prev[1] = e;
    else pieces.push([s, e]);
  }
  for (const [s, e] of pieces) {
    out.push({ text: para.slice(s, e), start: from + s, end: from + e });
  }
}

/** Indexes in `para` right after each sentence-ending terminator run. */
function findBoundaries(para: string): number[] {
  const cuts: number[] = [];
  const quoteDepth = quoteDepthTracker(para);
  TERMINATOR_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TERMINATOR_RUN.exec(para)) !== null) {
    const at = m.index;
    const end = extendOverClosers(para, at + m[0].length);
    TERMINATOR_RUN.lastIndex = end;
    if (end >= para.length) break;
    if (endsSentence(para, at, end, quoteDepth(at))) cuts.push(end);
  }
  return cuts;
}

/** Closing quotes/brackets and stacked terminators (`?”.`) stay with the sentence they end. */
function extendOverClosers(para: string, i: number): number {
  let j = i;
  while (j < para.length && (CLOSERS.has(para[j]!) || TERMINATORS.has(para[j]!))) j++;
  return j;
}

/**
 * Decide whether the terminator run para[at, end) ends a sentence.
 * `inQuote` tells whether the run sits inside an unclosed quotation.
 */
function endsSentence(para: string, at: number, end: number, inQuote: boolean): boolean {
  const run = para.slice(at, end);
  const marks = run.replace(/[^.?!…]/g, '');
  const strong = /[?!]/.test(marks);
  const bareDot = run === '.';
  const ellipsis = marks.includes('…') || marks.includes('..');

  let next = end;
  while (next < para.length && isSpace(para[next])) next++;
  const nextCh = para[next];
  const spaced = next > end;

  if (!spaced) return endsWithoutSpace(para, at, end, next, strong, ellipsis);

  // "… and so on", `"Really?" he asked`, "U.S. officials": a lower-case word continues the sentence.
  if (isLower(nextCh)) return false;
  // "etc., and" / "Inc.; " / "…—": punctuation that cannot open a sentence.
  if (!isUpper(nextCh) && !isDigit(nextCh) && !OPENERS.has(nextCh!) && /[\p{P}\p{S}]/u.test(nextCh!)) return false;
  // An ellipsis inside a quotation marks an omission or pause, not the end of the utterance.
  if (ellipsis && !strong && inQuote) return false;
  if (!bareDot) return true;
  // "1. The economy" / "a. Costs": a list enumerator opening the paragraph is not a sentence.
  if (at <= 6 && /^\s*\(?(?:\p{N}{1,3}|\p{L})$/u.test(para.slice(0, at))) return false;

  const word = wordBefore(para, at);
  if (isDigit(nextCh)) return !(BEFORE_NUMBER.has(word) || MONTHS.has(word) || TITLES.has(word));
  return !isAbbreviation(word) || (isAmbiguousAbbreviation(word) && startsSentence(para, next));
}

/** "cancelled?Among" splits; "3.5", "U.S.Army", "Mr.Smith", "example.com" do not. */
function endsWithoutSpace(para: string, at: number, end: number, next: number, strong: boolean, ellipsis: boolean): boolean {
  const nextCh = para[next];
  if (!isUpper(nextCh)) return false;
  if (strong) return true;
  if (ellipsis) return false;
  const word = wordBefore(para, at);
  if (word.length < 2 || word.includes('.') || isAbbreviation(word)) return false;
  // The next token must look like a capitalised word, not an acronym or a domain part.
  const closed = end > at + 1; // `agreed.”The` has a closing quote: a clear boundary
  return closed || /^\p{Lu}\p{Ll}+/u.test(para.slice(next, next + 40));
}

/** The letters (and inner dots, as in "U.S" or "e.g") immediately before index `at`. */
function wordBefore(para: string, at: number): string {
  let i = at;
  while (i > 0 && /[\p{L}.]/u.test(para[i - 1]!)) i--;
  return para.slice(i, at).replace(/^\.+/, '');
}

function isAbbreviation(word: string): boolean {
  return (
    TITLES.has(word) ||
    MID_SENTENCE.has(word.toLowerCase()) ||
    MONTHS.has(word) ||
    AMBIGUOUS.has(word) ||
    isInitialism(word)
  );
}

/** Abbreviations after which a capitalised word may still start a new sentence. */
function isAmbiguousAbbreviation(word: string): boolean {
  if (MID_SENTENCE.has(word.toLowerCase())) return false;
  return AMBIGUOUS.has(word) || MONTHS.has(word) || isInitialism(word);
}

/** "J" (an initial), "U.S", "p.m", "D.C", "Ph.D". */
function isInitialism(word: string): boolean {
  return /^\p{Lu}$/u.test(word) || /^(\p{L}{1,2}\.)+\p{L}{1,2}$/u.test(word);
}

/** Whether the word at `i` is one that commonly opens a sentence (or a quotation opens there). */
function startsSentence(para: string, i: number): boolean {
  if (OPENERS.has(para[i]!)) return true;
  const m = /^[\p{L}']+/u.exec(para.slice(i, i + 30));
  return m !== null && SENTENCE_STARTERS.has(m[0].toLowerCase());
}

/**
 * Returns a function telling whether index `i` lies inside an open quotation; it must be
 * called with non-decreasing `i` (the scan goes left to right), which keeps it linear.
 * Curly quotes are unambiguous; a straight `"` opens after space/start/bracket/colon and
 * closes otherwise. Apostrophes are ignored: they are far more often elisions than quotes.
 */
function quoteDepthTracker(para: string): (i: number) => boolean {
  let pos = 0;
  let open = false;
  return (i: number) => {
    for (; pos < i && pos < para.length; pos++) {
      const ch = para[pos];
      if (ch === '“' || ch === '«') open = true;
      else if (ch === '”' || ch === '»') open = false;
      else if (ch === '"') {
        const prev = para[pos - 1];
        open = prev === undefined || isSpace(prev) || OPENERS.has(prev) || prev === ':';
      }
    }
    return open;
  };
}

/** Narrow [s, e) so it has no leading or trailing whitespace. */
function trimRange(para: string, s: number, e: number): [number, number] {
  while (s < e && isSpace(para[s])) s++;
  while (e > s && isSpace(para[e - 1])) e--;
  return [s, e];
}
