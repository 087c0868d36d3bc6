/**
 * Amounts in a sentence: numbers, counts, durations, sums, percentages and dates, each read as a value
 * (or, when vague, a range) with its unit, qualifier ("nearly", "more than") and what it counts. The
 * matcher asks whether two sentences state an amount compatibly (agreeingAmounts: evidence of the same
 * fact in other words); the comparison pairs them to report the ones that disagree (lib/compare.ts).
 *
 * Rule-based, general English: no names, outlets or phrases of any one story.
 */
import { stemmer } from 'stemmer';
import type { ConflictKind } from './types';
import { isCapitalised, isFunctionWord, keyOf, sentOf, type Sent, type Token } from './tokens';

/** Direction a qualifier puts on a value; 'none' covers bare, approximate and exact values. */
type Direction = 'below' | 'above' | 'none';

export interface Quantity {
  kind: ConflictKind;
  /** Pairing group: 'time', 'percent', 'currency:$', 'year', 'weekday', 'noun', 'bare', … */
  group: string;
  /** Seconds per written time unit (3600 for "hours"); 1 otherwise. */
  scale: number;
  /** Stated as a plan or expectation ("expected to last several hours"): compared only with the like. */
  planned: boolean;
  /** For counts: stems of the counted noun(s); two counts pair only when these intersect. */
  nouns: string[];
  /** Numeric value in the group's base unit (seconds for time); null when vague ("several"). */
  value: number | null;
  direction: Direction;
  /** The phrase as written, qualifier included. */
  text: string;
  /** After "the" or a possessive ("the two leaders", "their three aides"): who is meant more than how many. */
  definite?: boolean;
  /** For a vague amount ("several hours"): the values it is commonly used for, in the base unit. */
  range?: [number, number];
}

/** A flat token stream where hyphenated words are split ("three-hour" → three, hour) but remember it. */
interface Part extends Token {
  /** Joined to the previous part by a hyphen. */
  hyph: boolean;
}

function splitParts(tokens: Token[]): Part[] {
  const out: Part[] = [];
  for (const t of tokens) {
    const pieces = /[\-‐‑–]/.test(t.text) && /\p{L}/u.test(t.text) ? t.text.split(/(?<=.)[\-‐‑–](?=.)/u) : [t.text];
    let offset = t.start;
    pieces.forEach((p, i) => {
      out.push({ text: p, start: offset, end: offset + p.length, key: keyOf(p), hyph: i > 0 });
      offset += p.length + 1;
    });
  }
  return out;
}

const ONES: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = {
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, m: 1e6, mn: 1e6, bn: 1e9, k: 1e3, tn: 1e12,
};
/** Seconds per time unit. */
const TIME_UNITS: Record<string, number> = {
  second: 1, seconds: 1, secs: 1, minute: 60, minutes: 60, min: 60, mins: 60, hour: 3600, hours: 3600,
  hr: 3600, hrs: 3600, day: 86400, days: 86400, night: 86400, nights: 86400, week: 604800, weeks: 604800,
  fortnight: 1209600, month: 2629800, months: 2629800, year: 31557600, years: 31557600, yr: 31557600,
  yrs: 31557600, decade: 315576000, decades: 315576000, century: 3155760000, centuries: 3155760000,
};
const CURRENCY_SIGNS = new Set(['$', '£', '€', '¥', '₽', '₴', '₹']);
const CURRENCY_WORDS: Record<string, string> = {
  dollar: '$', dollars: '$', pound: '£', pounds: '£', euro: '€', euros: '€', yen: '¥', yuan: '¥',
  rouble: '₽', roubles: '₽', ruble: '₽', rubles: '₽', hryvnia: '₴', hryvnias: '₴', rupee: '₹', rupees: '₹',
};
/**
 * Vague amounts (value unknown): reported as a conflict only against a precise amount of the same unit,
 * and read as the values they are commonly used for when deciding whether two amounts can agree.
 */
const VAGUE: Array<[string[], [number, number]]> = [
  [['several'], [3, 9]], [['a', 'very', 'few'], [2, 5]], [['very', 'few'], [1, 5]], [['a', 'few'], [2, 5]],
  [['a', 'handful'], [2, 6]], [['dozens'], [24, 99]],
  [['scores'], [40, 199]], [['hundreds'], [200, 999]], [['thousands'], [2000, 9999]], [['millions'], [2e6, 999e6]],
];
/** Words a number phrase can start with (besides digits). */
const NUMBER_STARTS = new Set([...Object.keys(ONES), ...Object.keys(TENS), 'a', 'an', 'half', ...VAGUE.map(([words]) => words[0]!)]);
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** Qualifiers that make an amount approximate without a direction: "around three hours". */
const APPROXIMATE_QUALIFIERS = ['around', 'about', 'roughly', 'approximately', 'an estimated', 'some'];

/** Qualifiers, longest first so "just under" wins over "under". Keys are space-joined comparison keys. */
const QUALIFIERS: Array<[string[], Direction]> = (
  [
    ['just under', 'below'], ['just below', 'below'], ['just shy of', 'below'], ['a little under', 'below'],
    ['a little less than', 'below'], ['slightly less than', 'below'], ['slightly under', 'below'],
    ['less than', 'below'], ['fewer than', 'below'], ['no more than', 'below'], ['up to', 'below'],
    ['as many as', 'below'], ['as much as', 'below'], ['as long as', 'below'], ['not quite', 'below'], ['close to', 'below'],
    ['shy of', 'below'], ['nearly', 'below'], ['almost', 'below'], ['under', 'below'], ['below', 'below'],
    ['barely', 'below'], ['just over', 'above'], ['just above', 'above'], ['a little over', 'above'],
    ['a little more than', 'above'], ['slightly more than', 'above'], ['slightly over', 'above'],
    ['well over', 'above'], ['more than', 'above'], ['at least', 'above'], ['upwards of', 'above'],
    ['in excess of', 'above'], ['greater than', 'above'], ['no fewer than', 'above'], ['no less than', 'above'],
    ['over', 'above'], ['above', 'above'], ['exactly', 'none'], ['precisely', 'none'], ['a full', 'none'],
    ['fully', 'none'], ...APPROXIMATE_QUALIFIERS.map((q): [string, Direction] => [q, 'none']),
  ] as Array<[string, Direction]>
)
  .map(([q, d]): [string[], Direction] => [q.split(' '), d])
  .sort((x, y) => y[0].length - x[0].length);

const numericValue = (key: string): number | null =>
  /^\d+(\.\d+)?$/.test(key) ? Number(key) : null;

interface NumberSpan {
  value: number | null;
  /** For a vague amount ("several"): the values it is commonly used for. */
  range?: [number, number];
  /** Index of the first part after the number. */
  end: number;
  /** Written in digits (bare digit numbers may pair; bare words like "one" are usually pronouns). */
  digits: boolean;
}

/** "and a half" / "and a quarter" after a number. */
function fractionTail(p: Part[], i: number): [number, number] {
  if (p[i]?.key === 'and' && (p[i + 1]?.key === 'a' || p[i + 1]?.key === 'one')) {
    if (p[i + 2]?.key === 'half') return [0.5, i + 3];
    if (p[i + 2]?.key === 'quarter') return [0.25, i + 3];
  }
  return [0, i];
}

/** Parses a number written in words ("two hundred and five", "twenty-five"), if one starts at i. */
function parseNumberWords(p: Part[], i: number): { value: number; end: number } | null {
  let total = 0;
  let current = 0;
  let j = i;
  let any = false;
  for (;;) {
    const k = p[j]?.key;
    if (k === undefined) break;
    if (k in ONES) current += ONES[k]!;
    else if (k in TENS) current += TENS[k]!;
    else if (k === 'hundred' && any) current = (current || 1) * 100;
    else if ((k === 'thousand' || k === 'million' || k === 'billion' || k === 'trillion') && any) {
      total += (current || 1) * SCALES[k]!;
      current = 0;
    } else if (k === 'and' && any && (p[j + 1]?.key ?? '') in ONES) {
      j++;
      continue;
    } else break;
    any = true;
    j++;
  }
  return any ? { value: total + current, end: j } : null;
}

/** A number starting at part i: digits, words, "a/an" + unit, "half a(n)", or a vague amount. */
function parseNumber(p: Part[], i: number): NumberSpan | null {
  const t = p[i];
  if (!t) return null;
  const k = t.key;
  if (!/^\d/.test(k) && !NUMBER_STARTS.has(k)) return null; // most words: no number starts here
  for (const [words, range] of VAGUE) {
    if (words.every((w, n) => p[i + n]?.key === w)) {
      const end = i + words.length;
      return { value: null, range, end: p[end]?.key === 'of' ? end + 1 : end, digits: false };
    }
  }
  if (k === 'a' && p[i + 1]?.key === 'couple') return { value: 2, end: p[i + 2]?.key === 'of' ? i + 3 : i + 2, digits: false };
  // "half an hour", "half a million".
  if (k === 'half' && (p[i + 1]?.key === 'a' || p[i + 1]?.key === 'an')) {
    const scale = SCALES[p[i + 2]?.key ?? ''];
    if (scale) return { value: 0.5 * scale, end: i + 3, digits: false };
    return { value: 0.5, end: i + 2, digits: false };
  }
  // "a dozen", "a hundred", "an hour", "a decade", "a half".
  if (k === 'a' || k === 'an') {
    // Rates are not amounts: "twice a year", "$5 a day".
    if (['once', 'twice', 'times', 'per'].includes(p[i - 1]?.key ?? '') || numericValue(p[i - 2]?.key ?? '') !== null) return null;
    const next = p[i + 1]?.key ?? '';
    if (next === 'dozen') return { value: 12, end: i + 2, digits: false };
    if (next === 'half') return { value: 0.5, end: i + 2, digits: false };
    // "a quarter of an hour".
    const quarter = quartersOf(p, i + 1);
    if (quarter) return { value: 0.25, end: quarter, digits: false };
    if (next in SCALES && next.length > 2) return { value: SCALES[next]!, end: i + 2, digits: false };
    // "a second" is usually the ordinal ("a second meeting"), so it is not one second.
    if (next in TIME_UNITS && next !== 'second' && !next.endsWith('s')) return { value: 1, end: i + 1, digits: false };
    return null;
  }
  let value: number | null = null;
  let end = i;
  let digits = false;
  const num = numericValue(k);
  const suffixed = /^(\d+(?:\.\d+)?)(k|m|mn|bn|tn)$/.exec(k);
  if (num !== null) {
    value = num;
    end = i + 1;
    digits = true;
  } else if (suffixed) {
    value = Number(suffixed[1]) * SCALES[suffixed[2]!]!;
    end = i + 1;
    digits = true;
  } else {
    const words = parseNumberWords(p, i);
    if (!words) return null;
    value = words.value;
    end = words.end;
  }
  // "5 million", "two dozen".
  const scaleKey = p[end]?.key ?? '';
  if (scaleKey === 'dozen') {
    value *= 12;
    end++;
  } else if (scaleKey in SCALES && scaleKey.length > 2 && !suffixed) {
    value *= SCALES[scaleKey]!;
    end++;
  }
  const [frac, after] = fractionTail(p, end);
  // "three quarters of an hour".
  const quarters = quartersOf(p, after);
  if (quarters) return { value: (value + frac) * 0.25, end: quarters, digits };
  return { value: value + frac, end: after, digits };
}

/** After "quarter(s) of a(n)" at part i, the index of what follows ("hour"); 0 when not there. */
function quartersOf(p: Part[], i: number): number {
  const q = p[i]?.key;
  return (q === 'quarter' || q === 'quarters') && p[i + 1]?.key === 'of' && (p[i + 2]?.key === 'a' || p[i + 2]?.key === 'an') ? i + 3 : 0;
}

/** The qualifier right before part i, as [first part index, direction]. */
function qualifierBefore(p: Part[], i: number): [number, Direction] {
  for (const [words, direction] of QUALIFIERS) {
    const from = i - words.length;
    if (from < 0) continue;
    if (words.every((w, n) => p[from + n]!.key === w && !p[from + n]!.hyph)) return [from, direction];
  }
  return [i, 'none'];
}

/** Words before a count that make it definite ("the two leaders"): see Quantity.definite. */
const DETERMINERS = new Set(['the', 'these', 'those', 'their', 'its', 'his', 'her', 'our', 'your', 'my', 'both']);

/** "and forty minutes" / "20 minutes" after a duration: a number of a smaller time unit. */
function smallerUnitAfter(p: Part[], i: number, scale: number): { seconds: number; end: number } | null {
  const at = p[i]?.key === 'and' || p[i]?.key === ',' ? i + 1 : i;
  const n = parseNumber(p, at);
  const unit = n && p[n.end]?.key;
  if (!n || n.value === null || !unit || !(unit in TIME_UNITS) || TIME_UNITS[unit]! >= scale) return null;
  return { seconds: n.value * TIME_UNITS[unit]!, end: n.end + 1 };
}

/** Up to three content words after part j (skipping a partitive "of the"), as the counted noun. */
function countedNouns(p: Part[], j: number): { stems: string[]; end: number } {
  let k = j;
  if (p[k]?.key === 'of') {
    k++;
    if (['the', 'his', 'her', 'their', 'its', 'our', 'those', 'these'].includes(p[k]?.key ?? '')) k++;
  }
  // A quotation can end between the amount and its noun: "just a very few” issues".
  while (p[k] && /^[”’"]$/.test(p[k]!.text)) k++;
  const stems: string[] = [];
  let end = j;
  while (stems.length < 3) {
    const t = p[k];
    if (!t || !/^\p{L}[\p{L}']*$/u.test(t.text) || isFunctionWord(t.key) || t.key in TIME_UNITS) break;
    stems.push(stemmer(t.key.replace(/'s$/, '')));
    end = ++k;
    // A plural ends the noun phrase: "three senior officials said" → senior, officials.
    if (t.key.length > 3 && t.key.endsWith('s') && !t.key.endsWith('ss')) break;
  }
  return { stems, end };
}

const phrase = (text: string, p: Part[], from: number, to: number): string =>
  to > from ? text.slice(p[from]!.start, p[to - 1]!.end) : '';

/** Extracts the quantities and dates of a sentence. */
export function extractQuantities({ text, tokens }: Sent): Quantity[] {
  const p = splitParts(tokens);
  const out: Quantity[] = [];
  let i = 0;
  while (i < p.length) {
    const format = formatCompoundEnd(p, i);
    if (format > i) {
      i = format;
      continue;
    }
    const got = dateAt(text, p, i) ?? quantityAt(text, p, i);
    if (got) {
      out.push(got.q);
      i = got.end;
    } else i++;
  }
  return out;
}

/**
 * "one-on-one", "three-on-three", "24-by-7": a format, not an amount. Returns the index after such a
 * hyphenated compound starting at i, or i.
 */
function formatCompoundEnd(p: Part[], i: number): number {
  if (p[i]?.hyph) return i;
  let end = i + 1;
  while (p[end]?.hyph) end++;
  const inner = p.slice(i + 1, end - 1);
  return end - i >= 3 && inner.some((t) => ['on', 'by', 'to', 'for', 'against', 'v', 'vs', 'versus'].includes(t.key)) ? end : i;
}

/** Weekdays, month (+ day), clock times, years and decades ("the 1990s"). */
function dateAt(text: string, p: Part[], i: number): { q: Quantity; end: number } | null {
  const t = p[i]!;
  const mk = (group: string, value: number, from: number, end: number): { q: Quantity; end: number } => ({
    q: { kind: 'date', group, scale: 1, planned: false, nouns: [], value, direction: 'none', text: phrase(text, p, from, end) },
    end,
  });
  const wd = WEEKDAYS.indexOf(t.key);
  if (wd >= 0 && isCapitalised(t)) return mk('weekday', wd, i, i + 1);
  // "15 August", "15th of August".
  const day = dayNumber(t);
  if (day !== null) {
    const m = monthOf(p, p[i + 1]?.key === 'of' ? i + 2 : i + 1);
    if (m) return mk('monthday', m.value * 100 + day, i, m.end);
  }
  const month = monthOf(p, i);
  if (month) {
    const day = dayNumber(p[month.end]);
    if (day !== null) return mk('monthday', month.value * 100 + day, i, month.end + 1);
    // "May" and "March" alone are too often a verb.
    if (t.key !== 'may' && t.key !== 'march' && t.key.length > 3) return mk('month', month.value, i, month.end);
    return null;
  }
  // Clock times: "9 a.m.", "10am", "14:30".
  const clock = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/.exec(t.key);
  if (clock) {
    const next = p[i + 1]?.key ?? '';
    const suffix = clock[3] ?? (/^(am|pm)$/.test(next) ? next : null);
    if (suffix || clock[2]) {
      const hour = Number(clock[1]);
      const h = suffix ? (hour % 12) + (suffix === 'pm' ? 12 : 0) : hour;
      return mk('clock', h * 60 + Number(clock[2] ?? 0), i, suffix && !clock[3] ? i + 2 : i + 1);
    }
  }
  if (/^(1[89]|20)\d0s$/.test(t.key)) return mk('decade', Number(t.key.slice(0, 4)), i, i + 1);
  if (/^(1[89]|20)\d\d$/.test(t.key) && !CURRENCY_SIGNS.has(p[i - 1]?.text ?? '')) {
    const next = p[i + 1];
    // "2000 troops" is a count; "in 2016", "the 2016 election" are years.
    const pluralNoun = next && /^\p{Ll}+s$/u.test(next.text) && !isFunctionWord(next.key) && !next.hyph;
    if (!pluralNoun && !(next && next.text === '%') && !(next && next.key in TIME_UNITS)) return mk('year', Number(t.key), i, i + 1);
  }
  return null;
}

function monthOf(p: Part[], i: number): { value: number; end: number } | null {
  const t = p[i];
  if (!t || !isCapitalised(t)) return null;
  const full = MONTHS.indexOf(t.key);
  if (full >= 0) return { value: full + 1, end: i + 1 };
  const abbr = MONTH_ABBR[t.key.replace(/\.$/, '')];
  if (abbr && (p[i + 1]?.text === '.' || /\.$/.test(t.text)) && dayNumber(p[i + 2] ?? p[i + 1]) !== null) {
    return { value: abbr, end: p[i + 1]?.text === '.' ? i + 2 : i + 1 };
  }
  return null;
}

function dayNumber(t: Part | undefined): number | null {
  const m = t ? /^(\d{1,2})(st|nd|rd|th)?$/.exec(t.key) : null;
  if (!m) return null;
  const d = Number(m[1]);
  return d >= 1 && d <= 31 ? d : null;
}

/** A number with its qualifier and unit, if one starts at part i. */
function quantityAt(text: string, p: Part[], i: number): { q: Quantity; end: number } | null {
  // A number hyphenated to a word before it names a thing: "COVID-19", "F-16", "Su-57".
  if (p[i]!.hyph && numericValue(p[i - 1]?.key ?? '') === null) return null;
  const n = parseNumber(p, i);
  if (!n) return null;
  // Currency before the number: "$5 million", "about £20".
  const sign = CURRENCY_SIGNS.has(p[i - 1]?.text ?? '') ? p[i - 1]!.text : null;
  const first = sign ? i - 1 : i;
  let [from, direction] = qualifierBefore(p, first);
  const end = n.end;
  const k = p[end]?.key ?? '';
  const make = (kind: ConflictKind, group: string, value: number | null, to: number, nouns: string[] = [], scale = 1) => {
    // Trailing "or so" / "or more".
    if (p[to]?.key === 'or' && p[to + 1]?.key === 'so') to += 2;
    else if (p[to]?.key === 'or' && p[to + 1]?.key === 'more') {
      direction = 'above';
      to += 2;
    }
    const planned = isPlanned(p, from);
    const q: Quantity = { kind, group, scale, planned, nouns, value, direction, text: phrase(text, p, from, to) };
    if (value === null && n.range) q.range = [n.range[0] * scale, n.range[1] * scale];
    return { q, end: to };
  };
  if (sign && n.value !== null) return make('number', `currency:${sign}`, n.value, end);
  if (k === '%' || k === 'percent' || (k === 'per' && p[end + 1]?.key === 'cent')) {
    return make('number', 'percent', n.value, k === 'per' ? end + 2 : end + 1);
  }
  // A ratio is a share: "one in four" is 25 per cent, as another outlet may put it.
  const ofWhole = k === 'in' ? end + 1 : k === 'out' && p[end + 1]?.key === 'of' ? end + 2 : -1;
  const whole = ofWhole > 0 && n.value !== null ? parseNumber(p, ofWhole) : null;
  if (whole?.value && whole.value > n.value! && whole.value <= 1000 && Number.isInteger(whole.value)) {
    return make('number', 'percent', (100 * n.value!) / whole.value, whole.end);
  }
  if (k === 'percentage' && /^points?$/.test(p[end + 1]?.key ?? '')) return make('number', 'points', n.value, end + 2);
  if (k in CURRENCY_WORDS && n.value !== null) return make('number', `currency:${CURRENCY_WORDS[k]}`, n.value, end + 1);
  // Durations, also as hyphenated compounds ("three-hour"). Singular "second" is the ordinal
  // unless hyphenated ("a 30-second pause").
  if (k in TIME_UNITS && (k !== 'second' || p[end]!.hyph)) {
    // Ages: "72-year-old", "72 years old".
    if ((k === 'year' || k === 'years') && p[end + 1]?.key === 'old') return make('number', 'age', n.value, end + 2);
    const seconds = n.value === null ? null : n.value * TIME_UNITS[k]!;
    let to = end + 1;
    // "an hour and a half".
    const [frac, after] = fractionTail(p, to);
    let value = seconds === null ? null : seconds + frac * TIME_UNITS[k]!;
    if (frac) to = after;
    // "two hours and forty minutes", "1 hour 20 minutes": one duration in a larger and a smaller unit.
    const rest = value === null || frac ? null : smallerUnitAfter(p, to, TIME_UNITS[k]!);
    if (rest) [value, to] = [value! + rest.seconds, rest.end];
    // "three-hour meeting": keep the noun the compound qualifies, so the phrase reads naturally.
    if (p[end]!.hyph && p[to] && /^\p{Ll}+$/u.test(p[to]!.text) && !isFunctionWord(p[to]!.key)) to++;
    return make('duration', 'time', value, to, [], TIME_UNITS[k]!);
  }
  const nouns = countedNouns(p, end);
  if (nouns.stems.length) {
    const count = make('count', 'noun', n.value, nouns.end, nouns.stems);
    count.q.definite = DETERMINERS.has(p[from - 1]?.key ?? '');
    return count;
  }
  // A bare number: only digits ("26"); a bare "one" is usually a pronoun.
  if (n.digits && n.value !== null) return make('number', 'bare', n.value, end);
  return null;
}

/** Words that make an amount a plan or expectation rather than a report of what happened. */
const PLAN_CUES = new Set([
  'expected', 'projected', 'planned', 'scheduled', 'slated', 'due', 'prospect', 'anticipated', 'intended',
  'supposed', 'forecast', 'predicted', 'plan', 'plans', 'would', 'could', 'might', 'will', 'hoped', 'aim', 'aimed',
]);

/**
 * A plan cue within the few words before part i, in the same clause. "As planned" and "than expected" say
 * what happened, measured against the plan: "went ahead as planned and lasted two hours" is a report.
 */
function isPlanned(p: Part[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 6; k--) {
    const t = p[k]!;
    if (/^[.;,:!?]$/.test(t.text)) return false;
    if (PLAN_CUES.has(t.key) && !/^(?:as|than)$/.test(p[k - 1]?.key ?? '')) return true;
  }
  return false;
}

/**
 * Two quantities may describe the same thing: same group, both planned or both reported, for counts a
 * shared noun stem, for durations units of like size (minutes and hours pair; hours and years do not).
 */
export function samePairingUnit(a: Quantity, b: Quantity): boolean {
  if (a.group !== b.group || a.planned !== b.planned) return false;
  if (a.group === 'noun') return a.nouns.some((n) => b.nouns.includes(n));
  if (a.group === 'time') return Math.max(a.scale, b.scale) / Math.min(a.scale, b.scale) <= 60;
  return true;
}

export const sameValue = (a: Quantity, b: Quantity): boolean =>
  a.value !== null && b.value !== null && Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(a.value));

/**
 * How many amounts of one sentence the other states compatibly: the same kind of measure (durations,
 * counts of one noun, sums in one currency, percentages) whose readings can overlap, each read as the
 * range its qualifier allows ("nearly three hours" and "more than two and a half hours" can both be
 * true; "two hours" and "more than two and a half hours" cannot). Evidence that two differently worded
 * sentences report the same fact. Dates are left out: they date the story, not a fact in it.
 */
export function agreeingAmounts(a: readonly Quantity[], b: readonly Quantity[]): number {
  const used = new Set<number>();
  let agreeing = 0;
  for (const x of a) {
    const [lo, hi] = rangeOf(x);
    const j = b.findIndex((y, k) => {
      if (used.has(k) || !samePairingUnit(x, y)) return false;
      const [ylo, yhi] = rangeOf(y);
      return lo <= yhi && ylo <= hi;
    });
    if (j >= 0) {
      used.add(j);
      agreeing++;
    }
  }
  return agreeing;
}

const APPROXIMATE = new RegExp(`^(?:${APPROXIMATE_QUALIFIERS.join('|')})\\s`, 'i');

/**
 * The values an amount allows: "nearly 3" ≈ [2.4, 3], "more than 3" ≈ [3, 3.75], "about 3" ≈ [2.7, 3.3],
 * "3" ≈ [2.85, 3.15]; a vague amount, those it is commonly used for ("several" ≈ [3, 9]).
 */
function rangeOf(q: Quantity): [number, number] {
  if (q.value === null) return q.range!;
  const v = q.value;
  if (q.direction === 'below') return [0.8 * v, v];
  if (q.direction === 'above') return [v, 1.25 * v];
  return APPROXIMATE.test(q.text) ? [0.9 * v, 1.1 * v] : [0.95 * v, 1.05 * v];
}

/** A word no amount can do without: a digit, a number word, a vague amount or a unit ("an hour"). */
let amountCue: RegExp | undefined;

/** The amounts a sentence states (quantities with a value, dates left out), for agreeingAmounts. */
export function amountsOf(text: string): Quantity[] {
  // Most sentences state none: a cheap test first, as the matcher asks this of every candidate.
  amountCue ??= new RegExp(
    // Every amount has a digit or one of these words: a number word, a unit, or a vague amount's head ("few").
    `\\d|\\b(?:${[...Object.keys(ONES), ...Object.keys(TENS), 'half', ...Object.keys(TIME_UNITS), ...Object.keys(SCALES), ...VAGUE.map(([words]) => words.at(-1)!), 'dozen', 'couple', 'decade']
      .filter((w) => w.length > 2)
      .join('|')})\\b`,
    'i',
  );
  if (!amountCue.test(text)) return [];
  // "The two leaders", "their two countries": a definite count names the parties, it states no fact.
  return extractQuantities(sentOf(text)).filter((q) => q.kind !== 'date' && (q.range || (q.value !== null && q.value > 0)) && !q.definite);
}
