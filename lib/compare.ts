/**
 * How two sentences that report the same point differ: a word-level diff for display, and the
 * conflicting details (numbers, dates, durations, counts, name spellings, titles, quote wordings).
 *
 * Everything here is rule-based and general English: no names, outlets or phrases of any one story.
 * Each extractor turns a sentence into comparable items (a quantity with value, unit and qualifier;
 * a name with its role words; a quoted span), then pairs items across the two sentences and reports
 * only pairs that disagree. Pairing is deliberately strict: two details are compared only when they
 * are about the same unit / person / quote, because the matcher's "same point" does not mean every
 * number in the two sentences refers to the same thing.
 */
import { diff } from 'fast-myers-diff';
import { stemmer } from 'stemmer';
import { NEGATION_WORD, termOf } from './text';
import type { Conflict, ConflictKind, DiffPart } from './types';
import { extractQuantities, MONTHS, samePairingUnit, sameValue, WEEKDAYS, type Quantity } from './amounts';
import { isCapitalised, isFunctionWord, isWord, sentOf, type ComparisonCache, type Sent, type Token } from './tokens';
import { once } from './memo';

// ───────────────────────────── word diff ─────────────────────────────

/** Appends a part, merging with the previous one of the same side; empty text is dropped. */
function pushPart(parts: DiffPart[], side: DiffPart['side'], text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && last.side === side) last.text += text;
  else parts.push({ text, side });
}

/** Within each run of changes, puts all 'here' text before all 'there' text (order per side is kept). */
function groupChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let here = '';
  let there = '';
  const flush = (): void => {
    pushPart(out, 'here', here);
    pushPart(out, 'there', there);
    here = there = '';
  };
  for (const p of parts) {
    if (p.side === 'same') {
      flush();
      pushPart(out, 'same', p.text);
    } else if (p.side === 'here') here += p.text;
    else there += p.text;
  }
  flush();
  return out;
}

/**
 * Word-level diff of the reader's sentence (`here`) against another outlet's (`there`).
 *
 * Guarantees: the 'same' and 'here' parts concatenated give `here` exactly, and the 'same' and
 * 'there' parts concatenated give `there` exactly. Words are aligned ignoring case, curly vs straight
 * quotes, in-word dots and hyphens; a word aligned that way but written differently (e.g. "The" vs
 * "the") is still emitted as a here/there pair, so both sentences stay verbatim.
 */
export function wordDiff(hereSentence: string | Sent, thereSentence: string | Sent, cache?: ComparisonCache): DiffPart[] {
  // Aligned on our tokens' keys, each side then written from its own text, so both stay verbatim.
  const { text: here, tokens: a } = sentOf(hereSentence, cache);
  const { text: there, tokens: b } = sentOf(thereSentence, cache);
  const parts: DiffPart[] = [];
  let ia = 0;
  let ib = 0;
  let endA = 0; // end offset of the last emitted here/there token
  let endB = 0;
  const unaligned = (toA: number, toB: number) => {
    for (; ia < toA; ia++) {
      pushPart(parts, 'here', here.slice(endA, a[ia]!.end));
      endA = a[ia]!.end;
    }
    for (; ib < toB; ib++) {
      pushPart(parts, 'there', there.slice(endB, b[ib]!.end));
      endB = b[ib]!.end;
    }
  };
  for (const [n, aStart, bStart] of commonRuns(a.map((t) => t.key), b.map((t) => t.key))) {
    unaligned(aStart, bStart);
    for (let k = 0; k < n; k++, ia++, ib++) {
      const ta = a[ia]!;
      const tb = b[ib]!;
      emitAligned(parts, here.slice(endA, ta.start), there.slice(endB, tb.start));
      emitAligned(parts, ta.text, tb.text);
      endA = ta.end;
      endB = tb.end;
    }
  }
  unaligned(a.length, b.length);
  emitAligned(parts, here.slice(endA), there.slice(endB));
  return groupChanges(parts);
}

/**
 * The longest common subsequence of two word lists as runs [length, start in a, start in b], in
 * order: the stretches between the changes of a Myers diff (fast-myers-diff).
 */
function commonRuns(a: readonly string[], b: readonly string[]): [number, number, number][] {
  const runs: [number, number, number][] = [];
  let i = 0;
  let j = 0;
  for (const [removedFrom, removedTo, , addedTo] of diff(a as string[], b as string[])) {
    if (removedFrom > i) runs.push([removedFrom - i, i, j]);
    i = removedTo;
    j = addedTo;
  }
  if (i < a.length) runs.push([a.length - i, i, j]);
  return runs;
}

function emitAligned(parts: DiffPart[], x: string, y: string): void {
  if (x === y) pushPart(parts, 'same', x);
  else {
    pushPart(parts, 'here', x);
    pushPart(parts, 'there', y);
  }
}

// ───────────────────────────── quantities ─────────────────────────────

const quantitiesOf = once(extractQuantities);

/**
 * Pairs quantities of the two sentences and keeps the disagreeing pairs. Agreeing pairs are removed
 * first, then pairs with the same value but a different qualifier, then the rest in reading order,
 * so "3 hours … 2 days" vs "2 days … 4 hours" compares 3 with 4 hours, not 3 hours with 2 days.
 */
function quantityConflicts(here: Sent, there: Sent): Conflict[] {
  const a = quantitiesOf(here);
  const b = quantitiesOf(there);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const found: Array<{ c: Conflict; rank: number }> = [];
  const pass = (accept: (x: Quantity, y: Quantity) => boolean, report: (x: Quantity, y: Quantity) => boolean): void => {
    a.forEach((x, i) => {
      if (usedA.has(i)) return;
      const j = b.findIndex((y, jj) => !usedB.has(jj) && samePairingUnit(x, y) && accept(x, y));
      if (j < 0) return;
      usedA.add(i);
      usedB.add(j);
      const y = b[j]!;
      if (report(x, y)) found.push({ c: { kind: x.kind, here: x.text, there: y.text }, rank: sameValue(x, y) ? 1 : 0 });
    });
  };
  const vague = (q: Quantity): boolean => q.value === null;
  pass((x, y) => sameValue(x, y) && x.direction === y.direction, () => false);
  pass((x, y) => sameValue(x, y), () => true);
  pass((x, y) => !(vague(x) && vague(y)) || x.text.toLowerCase() === y.text.toLowerCase(), (x, y) => !(vague(x) && vague(y)));
  return found.sort((x, y) => x.rank - y.rank).map((f) => f.c);
}

// ───────────────────────────── names ─────────────────────────────

/** Suffixes that turn a proper noun into its adjective or plural: "Russia/Russian", "Israel/Israeli". */
const DERIVED_SUFFIXES = ['s', 'es', 'n', 'an', 'ian', 'i', 'ese', 'ish', 'ans', 'ns', 'is', 'ites', 'ite'];

/** Optimal-string-alignment edit distance (adjacent transpositions count once). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]!.push(d);
    }
  }
  return rows[a.length]![b.length]!;
}

const stripMarks = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '');

/** Lower-case name form without possessive or diacritics: "Zelenskyy’s" → "zelenskyy". */
const nameKey = (t: Token): string => stripMarks(t.key.replace(/'s$/, '').replace(/'$/, ''));

/** Two different spellings of one name: a small edit relative to length, and not a derived form. */
function isSpellingVariant(a: string, b: string): boolean {
  if (a === b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 2 || short.length < 4) return false;
  if (long.startsWith(short) && DERIVED_SUFFIXES.includes(long.slice(short.length))) return false;
  const d = editDistance(a, b);
  return (d === 1 && short.length >= 4) || (d === 2 && short.length >= 7);
}

interface NameToken {
  index: number;
  key: string;
  /** First word of the sentence or of a quote: capitalised for grammar, maybe not a name. */
  initial: boolean;
}

/** Capitalised words that are not function words, weekdays or months: candidate name words. */
const nameTokens = once(({ tokens }: Sent): NameToken[] => {
  const out: NameToken[] = [];
  tokens.forEach((t, i) => {
    if (!isCapitalised(t) || !/^\p{L}/u.test(t.text)) return;
    const key = nameKey(t);
    if (isFunctionWord(key) || WEEKDAYS.includes(key) || MONTHS.includes(key) || key.length < 3) return;
    const prev = tokens[i - 1];
    const initial = !prev || /^[.!?:;"“”‘'(—–-]$/.test(prev.text);
    out.push({ index: i, key, initial });
  });
  return out;
});

/** The name around a variant word, extended over neighbouring capitalised words the other sentence shares. */
function nameAround(text: string, tokens: Token[], i: number, otherKeys: Set<string>): string {
  let from = i;
  let to = i;
  const shared = (t: Token | undefined): boolean =>
    t !== undefined && isCapitalised(t) && otherKeys.has(nameKey(t)) && !ROLE_NOUNS.has(t.key) && !isFunctionWord(t.key);
  while (shared(tokens[from - 1])) from--;
  while (shared(tokens[to + 1])) to++;
  return text.slice(tokens[from]!.start, tokens[to]!.end);
}

/** Capitalised words next to a name (two before, one after): its given name, surname or title. */
function nameContext(tokens: Token[], i: number): Set<string> {
  const out = new Set<string>();
  for (const k of [i - 2, i - 1, i + 1]) {
    const t = tokens[k];
    if (t && isCapitalised(t) && !isFunctionWord(nameKey(t))) out.add(nameKey(t));
  }
  return out;
}

/**
 * Spelling variants of one name ("Yury"/"Yuri", "Zelensky"/"Zelenskyy"). Both must stand next to a
 * shared capitalised word (the other half of the name or the title), so two different places that
 * happen to be spelled alike ("Iran"/"Iraq") are not taken for one name.
 */
function nameConflicts(sa: Sent, sb: Sent): Conflict[] {
  const { text: here, tokens: ta } = sa;
  const { text: there, tokens: tb } = sb;
  const na = nameTokens(sa);
  const nb = nameTokens(sb);
  const keysA = new Set(na.map((n) => n.key));
  const keysB = new Set(nb.map((n) => n.key));
  const out: Conflict[] = [];
  for (const x of na) {
    if (keysB.has(x.key)) continue; // written the same way in the other sentence too
    for (const y of nb) {
      if (keysA.has(y.key) || (x.initial && y.initial) || !isSpellingVariant(x.key, y.key)) continue;
      if (isRoleNoun(ta[x.index]) || isRoleNoun(tb[y.index])) continue; // "Minister" vs "Ministry"
      const context = nameContext(tb, y.index);
      if (![...nameContext(ta, x.index)].some((k) => context.has(k))) continue;
      out.push({ kind: 'name', here: nameAround(here, ta, x.index, keysB), there: nameAround(there, tb, y.index, keysA) });
    }
  }
  return out;
}

// ───────────────────────────── titles ─────────────────────────────

/** Head nouns of roles. A person's role phrase must contain one to be compared at all. */
const ROLE_NOUNS = new Set([
  'adviser', 'advisor', 'aide', 'envoy', 'minister', 'secretary', 'spokesperson', 'spokesman', 'spokeswoman',
  'president', 'vice', 'chancellor', 'premier', 'ambassador', 'director', 'chief', 'general', 'governor',
  'senator', 'representative', 'congressman', 'congresswoman', 'mayor', 'chairman', 'chairwoman', 'chair',
  'chairperson', 'ceo', 'commander', 'diplomat', 'negotiator', 'assistant', 'deputy', 'counsel', 'counsellor',
  'counselor', 'attorney', 'prosecutor', 'judge', 'justice', 'king', 'queen', 'prince', 'princess', 'emperor',
  'pope', 'lawmaker', 'mp', 'speaker', 'correspondent', 'editor', 'analyst', 'professor', 'lawyer', 'economist',
  'officer', 'admiral', 'colonel', 'captain', 'lieutenant', 'sergeant', 'major', 'marshal', 'coach', 'founder',
  'commissioner', 'inspector', 'superintendent', 'strategist', 'consultant', 'leader', 'official', 'head',
  'member', 'candidate', 'nominee', 'dictator', 'tsar', 'czar', 'emir', 'sheikh', 'sultan', 'monarch',
  'executive', 'manager', 'ally', 'figure',
]);
/** Spelling and gender variants of one role: "spokesman" and "spokesperson" are no conflict. */
const ROLE_SYNONYMS: Record<string, string> = {
  advisor: 'adviser', spokesman: 'spokesperson', spokeswoman: 'spokesperson', chairman: 'chair',
  chairwoman: 'chair', chairperson: 'chair', counsellor: 'counselor', congressman: 'lawmaker',
  congresswoman: 'lawmaker', czar: 'tsar',
};
/** Descriptions rather than titles: "Kremlin leader" vs "Russian President" is no conflict. */
const GENERIC_ROLES = new Set([
  'leader', 'official', 'head', 'member', 'executive', 'manager', 'representative', 'diplomat', 'negotiator',
  'ally', 'figure', 'candidate',
]);
/** Words that end a role phrase when walking away from a name. */
const ROLE_BOUNDARY = new Set([
  'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'or', 'but', 'with', 'alongside', 'by',
  'including', 'as', 'said', 'says', 'told', 'who', 'whom', 'that', 'which', 'while', 'when', 'between',
  'among', 'from', 'after', 'before', 'in', 'at', 'than', 'was', 'is', 'were', 'are', 'be', 'been', 'has',
  'had', 'have', 'met', 'joined', 'accompanied', 'called', 'named', 'like', 'both', 'also', 'then', 'thanked',
  'praised', 'urged', 'asked', 'according', 'via', 'where', 'whose', 'not', 'will', 'would',
]);
/** A minister's or secretary's portfolio: "Foreign Minister" is not "Defence Minister". */
const PORTFOLIOS = new Set([
  'foreign', 'defence', 'interior', 'home', 'finance', 'treasury', 'economy', 'trade', 'commerce', 'health',
  'education', 'justice', 'energy', 'agriculture', 'transport', 'environment', 'labour', 'culture', 'housing',
  'security', 'intelligence', 'immigration', 'industry', 'development', 'tourism', 'science', 'technology',
  'infrastructure',
]);
/** Other spellings and forms of a portfolio. */
const PORTFOLIO_FORMS: Record<string, string> = { defense: 'defence', labor: 'labour', transportation: 'transport', economic: 'economy' };
const portfolioOf = (key: string): string | null => PORTFOLIO_FORMS[key] ?? (PORTFOLIOS.has(key) ? key : null);
const ROLE_PREPOSITIONS = new Set(['to', 'for', 'of', 'on']);
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'sir', 'dame', 'lord', 'lady', 'madam', 'monsieur', 'herr']);

const roleName = (t: Token): string | null => {
  const k = ROLE_NOUNS.has(t.key) ? t.key : ROLE_NOUNS.has(t.key.replace(/s$/, '')) ? t.key.replace(/s$/, '') : null;
  return k === null ? null : ROLE_SYNONYMS[k] ?? k;
};
const isRoleNoun = (t: Token | undefined): boolean => t !== undefined && roleName(t) !== null;
const isPossessive = (t: Token): boolean => /['’]s$/.test(t.text) || /s['’]$/.test(t.text);

interface Role {
  /** Role head nouns, normalised: {"adviser"}, {"secretary", "adviser"}. */
  nouns: Set<string>;
  /** Content stems of the phrase after the head noun: "envoy to the Middle East" → {middl, east}. */
  complement: Set<string>;
  /** Portfolio words before a head noun: "Foreign Minister" → {foreign}. */
  portfolio: Set<string>;
  /** Has a role noun that is a title, not a description. */
  specific: boolean;
  /** Token range of the role phrase, for display. */
  from: number;
  to: number;
}

/**
 * Role words right before a name: "national security adviser Yuri Ushakov", "Special Envoy to the
 * Middle East Steve Witkoff", "envoy for peace missions, Steve Witkoff", "Secretary of State and
 * national security adviser Marco Rubio". A preposition or "and" is crossed only right after a role
 * phrase, so "vowed to consult President X" and "Lavrov and aide Y" stop where they should.
 */
function roleBefore(tokens: Token[], nameStart: number): Role | null {
  let i = nameStart - 1;
  if (HONORIFICS.has(tokens[i]?.key ?? '')) return null; // "Mr Trump": an honorific, and no title, is attached
  if (tokens[i]?.text === ',') i--; // appositive order: "his special envoy, Steve Witkoff"
  const window: number[] = [];
  while (i >= 0 && window.length < 10) {
    const t = tokens[i]!;
    if (!isWord(t) || isPossessive(t) || ROLE_BOUNDARY.has(t.key)) break;
    if (t.key === 'and' || ROLE_PREPOSITIONS.has(t.key)) {
      const left = tokens[i - 1];
      const attaches = t.key === 'and' ? isRoleNoun(left) || isComplementEnd(tokens, i - 1) : isRoleNoun(left);
      if (!attaches) {
        // "to consult President X": the word after an infinitive "to" is a verb, not a modifier.
        if (t.key === 'to' && window.length && !isCapitalised(tokens[window[0]!])) window.shift();
        break;
      }
    }
    window.unshift(i--);
  }
  return roleFrom(tokens, window);
}

/** "Secretary of State" ends at "State": a capitalised word in a role's "of/to/for" phrase. */
function isComplementEnd(tokens: Token[], i: number): boolean {
  for (let k = i; k >= 0 && k > i - 4; k--) {
    const t = tokens[k]!;
    if (ROLE_PREPOSITIONS.has(t.key)) return isRoleNoun(tokens[k - 1]);
    if (!isCapitalised(t) && t.key !== 'the') return false;
  }
  return false;
}

/** Role words in an appositive after a name ("Yuri Ushakov, a senior aide,"). */
function roleAfter(tokens: Token[], nameEnd: number): Role | null {
  let i = nameEnd + 1;
  if (tokens[i]?.text !== ',') return null;
  i++;
  while (tokens[i] && (['the', 'a', 'an', 'his', 'her', 'their', 'its'].includes(tokens[i]!.key) || isPossessive(tokens[i]!))) i++;
  const window: number[] = [];
  while (i < tokens.length && window.length < 10) {
    const t = tokens[i]!;
    if (!isWord(t) || ROLE_BOUNDARY.has(t.key) || t.key === 'and') break;
    window.push(i++);
  }
  return roleFrom(tokens, window);
}

/** Keeps a window only if it holds a role noun; a trailing given name ("President Volodymyr") is dropped. */
function roleFrom(tokens: Token[], window: number[]): Role | null {
  // Words before a function word that precedes the first role noun are not part of the title:
  // "call up President", "the Kremlin's".
  const firstRole = window.findIndex((i) => isRoleNoun(tokens[i]));
  for (let n = firstRole - 1; n >= 0; n--) {
    if (isFunctionWord(tokens[window[n]!]!.key)) {
      window = window.slice(n + 1);
      break;
    }
  }
  const nouns = new Set<string>();
  const complement = new Set<string>();
  const portfolio = new Set<string>();
  let lastRole = -1;
  window.forEach((i, n) => {
    const role = roleName(tokens[i]!);
    if (role) {
      nouns.add(role);
      lastRole = n;
    } else if (portfolioOf(tokens[i]!.key) && isRoleNoun(tokens[window[n + 1] ?? -1])) {
      portfolio.add(portfolioOf(tokens[i]!.key)!);
    }
  });
  if (lastRole < 0) return null;
  let keep = lastRole + 1;
  if (ROLE_PREPOSITIONS.has(tokens[window[lastRole + 1] ?? -1]?.key ?? '')) {
    keep = window.length;
    for (const i of window.slice(lastRole + 2)) if (!isFunctionWord(tokens[i]!.key)) complement.add(stemmer(tokens[i]!.key));
  }
  const kept = window.slice(0, keep);
  const specific = [...nouns].some((n) => !GENERIC_ROLES.has(n));
  return { nouns, complement, portfolio, specific, from: kept[0]!, to: kept[kept.length - 1]! };
}

const isSubset = (a: Set<string>, b: Set<string>): boolean => [...a].every((x) => b.has(x));

/** Two roles contradict when their titles differ, or the same title is of another portfolio or "of/for" something else. */
function rolesDiffer(a: Role, b: Role): boolean {
  if (!a.specific || !b.specific) return false;
  if (!isSubset(a.nouns, b.nouns) && !isSubset(b.nouns, a.nouns)) return true;
  const disjoint = (x: Set<string>, y: Set<string>) => x.size > 0 && y.size > 0 && !isSubset(x, y) && !isSubset(y, x);
  return disjoint(a.portfolio, b.portfolio) || disjoint(a.complement, b.complement);
}

/** One person in a sentence: surname token index, first token of the full name, role. */
interface Person {
  surname: number;
  start: number;
  role: Role | null;
}

/**
 * Titles of the same person that differ: the surname (same or a spelling variant) is the last word of
 * a capitalised run in both sentences and both carry a role phrase; "Foreign Minister" vs "Russian
 * Foreign Minister" is no conflict (modifiers are not compared, and one title set may contain the other).
 */
function titleConflicts(sa: Sent, sb: Sent): Conflict[] {
  const { text: here, tokens: ta } = sa;
  const { text: there, tokens: tb } = sb;
  const out: Conflict[] = [];
  for (const x of nameTokens(sa)) {
    if (isCapitalised(ta[x.index + 1]) || isRoleNoun(ta[x.index])) continue;
    for (const y of nameTokens(sb)) {
      if (isCapitalised(tb[y.index + 1]) || (x.key !== y.key && !isSpellingVariant(x.key, y.key))) continue;
      const [pa, pb] = people(ta, tb, x.index, y.index);
      if (!pa.role || !pb.role || !rolesDiffer(pa.role, pb.role)) continue;
      out.push({ kind: 'title', here: personText(here, ta, pa), there: personText(there, tb, pb) });
    }
  }
  return out;
}

/** Extends both names left over given names they share (or spell as variants), then finds the roles. */
function people(ta: Token[], tb: Token[], sa: number, sb: number): [Person, Person] {
  let k = 1;
  for (;;) {
    const x = ta[sa - k];
    const y = tb[sb - k];
    if (!x || !y || !isCapitalised(x) || !isCapitalised(y) || isRoleNoun(x) || isRoleNoun(y)) break;
    if (nameKey(x) !== nameKey(y) && !isSpellingVariant(nameKey(x), nameKey(y))) break;
    k++;
  }
  const person = (t: Token[], s: number, start: number): Person => ({ surname: s, start, role: roleBefore(t, start) ?? roleAfter(t, s) });
  return [person(ta, sa, sa - k + 1), person(tb, sb, sb - k + 1)];
}

function personText(text: string, tokens: Token[], p: Person): string {
  const from = Math.min(p.start, p.role!.from);
  const to = Math.max(p.surname, p.role!.to);
  return text.slice(tokens[from]!.start, tokens[to]!.end);
}

// ───────────────────────────── quotes ─────────────────────────────

interface Span {
  start: number;
  end: number;
}

/**
 * Quoted spans. A sentence cut out of a longer quotation may have only an opening mark (the quote runs
 * to the end) or only a closing one (it runs from the start), so unbalanced marks are kept that way.
 */
function quotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  let open: { at: number; single: boolean } | null = null;
  for (const m of text.matchAll(/[“”"]|(?<![\p{L}\p{N}])‘|’(?![\p{L}\p{N}])/gu)) {
    const at = m.index ?? 0;
    const ch = m[0];
    const single = ch === '‘' || ch === '’';
    // A straight quote opens when it follows a space or opening punctuation and precedes a word.
    const opens = ch === '“' || ch === '‘' || (ch === '"' && /[\s(\[—–:-]/.test(text[at - 1] ?? ' ') && /\S/.test(text[at + 1] ?? ''));
    if (open) {
      // Only the matching kind closes: a possessive "leaders’" inside a “…” quote does not.
      if (!opens && single === open.single) {
        spans.push({ start: open.at, end: at });
        open = null;
      }
    } else if (opens) {
      open = { at: at + 1, single };
    } else if (!single && spans.length === 0) {
      spans.push({ start: 0, end: at }); // a closing mark with no opening one: the quote began earlier
    }
  }
  if (open) spans.push({ start: open.at, end: text.length });
  return spans.filter((s) => /[\p{L}\p{N}]/u.test(text.slice(s.start, s.end)));
}

/**
 * Whether quotedSpans can find a quote in the text at all: it needs a double mark or an opening single one
 * (a lone closing ’ is an apostrophe). A cheap test that spares tokenising sentences without quotations.
 */
export const mayQuote = (text: string): boolean => /[“”"‘]/.test(text);

/** Ellipses mark words the writer left out, so each side of one is compared on its own. */
function splitAtEllipses(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    let start = span.start;
    for (const m of text.slice(span.start, span.end).matchAll(/…|\.\s?\.\s?\./g)) {
      const at = span.start + (m.index ?? 0);
      out.push({ start, end: at });
      start = at + m[0].length;
    }
    out.push({ start, end: span.end });
  }
  return out.filter((s) => /[\p{L}\p{N}]/u.test(text.slice(s.start, s.end)));
}

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/^won't$/, 'will not'], [/^can't$/, 'can not'], [/^let's$/, 'let us'], [/n't$/, ' not'], [/'ve$/, ' have'],
  [/'re$/, ' are'], [/'ll$/, ' will'], [/'m$/, ' am'], [/'d$/, ' would'],
  [/^(it|that|there|here|what|who|he|she|where|how)'s$/, '$1 is'], [/'s$/, ''], [/s'$/, 's'],
];

/** Small words whose presence alone does not make two quotes read differently. */
const FILLER = new Set(['a', 'an', 'the', 'and', 'so', 'oh', 'uh', 'um', 'well', 'that']);

/**
 * Word keys of a span, contractions expanded and possessives dropped, so "we've" reads as "we have"
 * and "Russia's" as "Russia"; filler words are left out of the comparison.
 */
function quoteWords(tokens: Token[], span: Span): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (t.start < span.start || t.end > span.end || !isWord(t)) continue;
    let key = t.key;
    if (key.includes("'")) for (const [re, rep] of CONTRACTIONS) key = key.replace(re, rep);
    for (const k of key.split(' ')) if (k && !FILLER.has(k)) out.push({ ...t, key: k });
  }
  return out;
}

interface Alignment {
  /** Words in common (longest common subsequence). */
  common: number;
  sharedContent: number;
  /**
   * The common words do not form one unbroken run: words differ inside the shared passage, not just
   * at its ends. (One quote being a longer or shorter cut of the other is no conflict.)
   */
  internalChange: boolean;
  /** Word ranges of the aligned passage in each. */
  a: [number, number];
  b: [number, number];
  /** Where the wordings part: from after the first common run to before the last (empty for a bare insertion). */
  changedA: [number, number];
  changedB: [number, number];
}

/** A word that says something: neither a function word nor a number. */
const isContentKey = (key: string): boolean => !isFunctionWord(key) && !/^\d/.test(key);

/** Length of the longest run of consecutive words the two sequences share. */
function longestCommonRun(a: string[], b: string[]): number {
  let best = 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        row[j] = prev[j - 1]! + 1;
        if (row[j]! > best) best = row[j]!;
      }
    }
    prev = row;
  }
  return best;
}

function align(a: Token[], b: Token[]): Alignment | null {
  const ka = a.map((t) => t.key);
  const kb = b.map((t) => t.key);
  let common = 0;
  let anchored = 0; // common words outside stray one-word function-word matches ("not" … "not")
  const content = new Set<string>();
  let first: [number, number] | null = null;
  let firstEnd: [number, number] = [0, 0];
  let lastStart: [number, number] = [0, 0];
  let last: [number, number] = [0, 0];
  for (const [n, ia, ib] of commonRuns(ka, kb)) {
    if (!first) {
      first = [ia, ib];
      firstEnd = [ia + n - 1, ib + n - 1];
    }
    lastStart = [ia, ib];
    common += n;
    const words = ka.slice(ia, ia + n);
    if (n > 1 || !isFunctionWord(words[0]!)) anchored += n;
    for (const w of words) if (isContentKey(w)) content.add(w);
    last = [ia + n - 1, ib + n - 1];
  }
  if (!first) return null;
  const internalChange = anchored > longestCommonRun(ka, kb);
  return {
    common,
    sharedContent: content.size,
    internalChange,
    a: [first[0], last[0]],
    b: [first[1], last[1]],
    changedA: [firstEnd[0] + 1, lastStart[0] - 1],
    changedB: [firstEnd[1] + 1, lastStart[1] - 1],
  };
}

const keysOf = once((words: Token[]): Set<string> => new Set(words.map((t) => t.key)));

/**
 * Whether `a` can have `least` words in common with `b` at all (its words found anywhere in `b`): a bound on
 * the alignment's common words that skips aligning most pairs of quotations that share too little.
 */
function mayShare(a: Token[], b: Token[], least: number): boolean {
  if (a.length < least) return false;
  const keys = keysOf(b);
  let found = 0;
  for (const t of a) if (keys.has(t.key) && ++found >= least) return true;
  return false;
}

/** Two quoted spans render one quotation: enough shared words, relative to the shorter one. */
function sameQuotation(al: Alignment, lenA: number, lenB: number): boolean {
  return al.common >= 3 && al.sharedContent >= 1 && al.common >= 0.5 * Math.min(lenA, lenB);
}

/** An unquoted passage reproduces a quote nearly word for word (e.g. a quote cut by sentence splitting). */
function sameWordsUnquoted(al: Alignment, quoteLen: number, regionLen: number): boolean {
  return al.common >= 5 && al.sharedContent >= 1 && al.common >= 0.7 * quoteLen && al.common >= 0.7 * regionLen;
}

const regionText = (text: string, words: Token[], [from, to]: [number, number]): string =>
  text.slice(words[from]!.start, words[to]!.end);

const quotesOf = once(({ text, tokens }: Sent): Token[][] =>
  splitAtEllipses(text, quotedSpans(text)).map((s) => quoteWords(tokens, s)).filter((w) => w.length),
);
/** All of a sentence's words, as quoteWords reads them. */
const allWords = once(({ text, tokens }: Sent): Token[] => quoteWords(tokens, { start: 0, end: text.length }));

/**
 * Quotations worded differently. Each quote of one sentence is compared with the other's quotes; one
 * it shares enough words with is the same quotation, and a conflict when words differ inside the
 * shared passage. A quote with no counterpart is compared with the other sentence's plain words.
 */
function quoteConflicts(sa: Sent, sb: Sent): Conflict[] {
  const here = sa.text;
  const there = sb.text;
  const qa = quotesOf(sa);
  const qb = quotesOf(sb);
  const out: Conflict[] = [];
  const matchedB = new Set<number>();
  for (const wa of qa) {
    let best: { al: Alignment; j: number } | null = null;
    let agrees = false;
    qb.forEach((wb, j) => {
      if (!mayShare(wa, wb, Math.max(3, 0.5 * Math.min(wa.length, wb.length)))) return;
      const al = align(wa, wb);
      if (!al || !sameQuotation(al, wa.length, wb.length)) return;
      matchedB.add(j);
      if (!al.internalChange) agrees = true;
      else if (!best || al.common > best.al.common) best = { al, j };
    });
    const found = best as { al: Alignment; j: number } | null;
    if (agrees) continue;
    if (found) {
      const wb = qb[found.j]!;
      const [ra, rb] = focusOnChange(found.al, widenToDivergentEnds(found.al, wa.length, wb.length), { text: here, words: wa }, { text: there, words: wb });
      out.push({ kind: 'quote', here: regionText(here, wa, ra), there: regionText(there, wb, rb) });
    } else {
      const c = quoteAgainstText(here, wa, sb, false);
      if (c) out.push(c);
    }
  }
  qb.forEach((wb, j) => {
    if (matchedB.has(j)) return;
    const c = quoteAgainstText(there, wb, sa, true);
    if (c) out.push(c);
  });
  return out;
}

/**
 * The aligned passage, widened by up to three words at an end where both quotes go on differently
 * ("whatever the price" vs "whatever the cost"), so a changed last word is shown.
 */
function widenToDivergentEnds(al: Alignment, lenA: number, lenB: number): [[number, number], [number, number]] {
  const a: [number, number] = [...al.a];
  const b: [number, number] = [...al.b];
  if (a[0] > 0 && b[0] > 0) {
    a[0] = Math.max(0, a[0] - 3);
    b[0] = Math.max(0, b[0] - 3);
  }
  if (a[1] < lenA - 1 && b[1] < lenB - 1) {
    a[1] = Math.min(lenA - 1, a[1] + 3);
    b[1] = Math.min(lenB - 1, b[1] + 3);
  }
  return [a, b];
}

/** Words kept on each side of where two wordings of a quote part, when the rest is left out. */
const QUOTE_CONTEXT = 3;

/**
 * The part of a quotation's aligned region around where the wordings part: a few words either side,
 * starting after a comma or other clause mark among them, and running on to the region's end when
 * only a word or two is left.
 */
function aroundChange(text: string, words: Token[], [from, to]: [number, number], [first, last]: [number, number]): [number, number] {
  let start = Math.max(first, from - QUOTE_CONTEXT);
  for (let k = from - 1; k > start; k--) {
    if (/[,;:–—]/.test(text.slice(words[k - 1]!.end, words[k]!.start))) {
      start = k;
      break;
    }
  }
  let end = Math.min(last, to + QUOTE_CONTEXT);
  if (last - end <= 2) end = last;
  if (start - first <= 2) start = first;
  return [start, end];
}

/**
 * A long quotation that differs in one place is shown around that place ("…there are just a very
 * few that are left" / "…there are very few that are left"), so the reader sees the difference
 * without comparing two long quotes word by word; a cut of fewer than four words is not worth it.
 */
function focusOnChange(al: Alignment, [ra, rb]: [[number, number], [number, number]], a: { text: string; words: Token[] }, b: { text: string; words: Token[] }): [[number, number], [number, number]] {
  const fa = aroundChange(a.text, a.words, al.changedA, ra);
  const fb = aroundChange(b.text, b.words, al.changedB, rb);
  const saved = Math.min(ra[1] - ra[0] - (fa[1] - fa[0]), rb[1] - rb[0] - (fb[1] - fb[0]));
  return saved >= 4 ? [fa, fb] : [ra, rb];
}

/** A quote compared with all words of the other sentence. */
function quoteAgainstText(quoteText: string, quote: Token[], otherSent: Sent, swap: boolean): Conflict | null {
  const otherText = otherSent.text;
  const other = allWords(otherSent);
  if (!mayShare(quote, other, Math.max(5, 0.7 * quote.length))) return null;
  const al = align(quote, other);
  if (!al || !al.internalChange || !sameWordsUnquoted(al, quote.length, al.b[1] - al.b[0] + 1)) return null;
  const q = regionText(quoteText, quote, al.a);
  const o = regionText(otherText, other, al.b);
  return swap ? { kind: 'quote', here: o, there: q } : { kind: 'quote', here: q, there: o };
}

// ───────────────────────────── certainty ─────────────────────────────

/** Adverbs that present a statement as unconfirmed. */
const HEDGE_ADVERBS = new Set(['reportedly', 'apparently', 'allegedly', 'seemingly', 'purportedly', 'supposedly', 'possibly', 'probably']);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been']);
/** "was believed to": hearsay. Not "was expected to", which states a plan (see lib/amounts.ts), not a doubt. */
const HEARSAY = new Set(['believed', 'thought', 'understood', 'said', 'reported', 'rumoured', 'rumored']);
/** Connectives that end a hedged statement (any punctuation ends it too). */
const SCOPE_END = new Set(['but', 'although', 'though', 'while', 'whereas']);

/**
 * The hedges of a sentence: "it appeared that …", "… was believed to …", "reportedly …", "may have …".
 * Each gives the token range of the hedge and of the statement it governs (to the end of the clause).
 */
const hedges = once(({ tokens }: Sent): { from: number; scope: [number, number] }[] => {
  const out: { from: number; scope: [number, number] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const k = tokens[i]!.key;
    const next = tokens[i + 1]?.key;
    let from = -1;
    let body = -1;
    if (HEDGE_ADVERBS.has(k)) [from, body] = [i, i + 1];
    else if (/^(?:appear|seem)(?:s|ed)?$/.test(k) && (next === 'to' || next === 'that')) [from, body] = [tokens[i - 1]?.key === 'it' ? i - 1 : i, i + 2];
    else if (BE.has(k) && next !== undefined && HEARSAY.has(next) && tokens[i + 2]?.key === 'to') [from, body] = [i, i + 3];
    else if ((k === 'may' || k === 'might') && next === 'have') [from, body] = [i, i + 2];
    if (from < 0) continue;
    let end = body;
    while (end < tokens.length && !SCOPE_END.has(tokens[end]!.key) && isWord(tokens[end]) && end - body < 14) end++;
    if (end > body) out.push({ from, scope: [body, end] });
  }
  return out;
});

/** A loose word stem for spotting the same statement: "cancelled" ~ "canceled" ~ "cancellation". */
const stemKey = (key: string): string => key.slice(0, 5);

/**
 * One outlet hedges what the other states as fact ("it appeared that lunch was cancelled" vs "lunch …
 * were both cancelled"): the hedged statement's content words recur, unhedged, in the other sentence.
 */
function certaintyConflicts(sa: Sent, sb: Sent): Conflict[] {
  const one = (hedged: Sent, plain: Sent): Conflict | null => {
    const plainHedged = new Set<number>();
    for (const h of hedges(plain)) for (let i = h.scope[0]; i < h.scope[1]; i++) plainHedged.add(i);
    for (const h of hedges(hedged)) {
      const content = new Set<string>();
      for (let i = h.scope[0]; i < h.scope[1]; i++) {
        const key = hedged.tokens[i]!.key;
        if (key.length >= 3 && !isFunctionWord(key) && !/^\d/.test(key)) content.add(stemKey(key));
      }
      if (content.size < 2) continue;
      const found = new Map<string, number>();
      plain.tokens.forEach((t, i) => {
        const stem = stemKey(t.key);
        if (content.has(stem) && !found.has(stem) && isWord(t)) found.set(stem, i);
      });
      if (found.size < 2 || found.size < content.size / 2) continue;
      const at = [...found.values()];
      if (at.some((i) => plainHedged.has(i))) continue;
      let first = Math.min(...at);
      const last = Math.max(...at);
      if (last - first > 8) first = last - 2;
      return {
        kind: 'certainty',
        here: hedged.text.slice(hedged.tokens[h.from]!.start, hedged.tokens[h.scope[1] - 1]!.end),
        there: plain.text.slice(plain.tokens[first]!.start, plain.tokens[last]!.end),
      };
    }
    return null;
  };
  return bothWays(sa, sb, one);
}

/** A one-sided finding (the first sentence hedges, denies …) looked for in each sentence, as here/there. */
function bothWays(sa: Sent, sb: Sent, one: (x: Sent, y: Sent) => Conflict | null): Conflict[] {
  const out: Conflict[] = [];
  const a = one(sa, sb);
  if (a) out.push(a);
  const b = one(sb, sa);
  if (b) out.push({ kind: b.kind, here: b.there, there: b.here });
  return out;
}

/** Verbs that deny what follows them, beside the negation words ("avoided taking questions"). */
const DENYING_VERB = /^(?:refuse|decline|avoid|avoided|avoiding|skipped|cancelled|canceled|denied|deny|rejected|lacked|ruled)$/;
const denies = (key: string): boolean => NEGATION_WORD.test(key) || DENYING_VERB.test(key);
/** Where a denial's reach ends: punctuation, or a word that opens another clause (a hedge's scope ends too). */
const CLAUSE_PUNCTUATION = /^[,;:.!?()"“”–—-]$/;
const CLAUSE_WORDS = new Set([...SCOPE_END, 'and', 'or', 'as', 'after', 'before', 'because', 'since', 'which', 'who', 'so']);
/** Words of a clause that only supposes ("could take place"): it states nothing to contradict. */
const SUPPOSING = /^(?:could|would|might|may|should|can|will|if|whether|unless)$/;

/**
 * Closed-class and reporting words: never what a denial denies ("officials have not said" denies no fact).
 * Not the stop-word list, which also drops verbs such as "take" that a denial does deny.
 */
const CLOSED = /^(?:a|an|the|to|of|in|on|at|by|for|from|with|into|onto|over|about|that|this|these|those|it|its|he|she|they|we|you|i|him|her|them|us|his|their|our|my|your|be|is|are|was|were|been|being|have|has|had|do|does|did|will|would|could|should|may|might|must|can|shall|me|any|some|one|all|both|each|few|several|ever|yet|even|also|just|very|more|much|many|such|same|other|own|there|here|then|than|too|only|well|now|still|what|which|who|whom|whose|when|where|why|how|say|says|said|saying|tell|tells|told|add|adds|added|report|reports|reported|according)$/;

/** A word's stem for finding it again ("took" ~ "taking"), or null for a closed-class word. */
const denialTerm = (tokens: Token[], i: number): string | null => {
  const t = tokens[i]!;
  // Names aside (a capital inside the sentence): what is denied is an act, not who.
  if (!isWord(t) || (i > 0 && isCapitalised(t)) || denies(t.key) || CLOSED.test(t.key) || /^\d/.test(t.key)) return null;
  return termOf(t.key) ?? stemmer(t.key);
};

/** Clause index of every token (a new clause at each boundary token). */
const clausesOf = once(({ tokens }: Sent): number[] => {
  let c = 0;
  return tokens.map((t) => (CLAUSE_PUNCTUATION.test(t.key) || CLAUSE_WORDS.has(t.key) ? ++c : c));
});

/** Per token: its denial term (see denialTerm), or null. */
const denialTerms = once(({ tokens }: Sent): (string | null)[] => tokens.map((_, i) => denialTerm(tokens, i)));

/** The clauses of a sentence that deny, or only suppose, something: they state nothing to contradict. */
const unstatedClauses = once((sent: Sent): Set<number> => {
  const clauses = clausesOf(sent);
  return new Set(sent.tokens.flatMap((t, k) => (denies(t.key) || SUPPOSING.test(t.key) ? [clauses[k]!] : [])));
});

/**
 * One outlet denies what the other states ("without taking questions" / "both leaders took several
 * questions"): the denied word and most of the words that go with it (names aside) recur, close
 * together, in a clause of the other sentence that denies nothing.
 */
function negationConflicts(sa: Sent, sb: Sent): Conflict[] {
  const one = (denying: Sent, plain: Sent): Conflict | null => {
    const ca = clausesOf(denying);
    const cb = clausesOf(plain);
    const deniedInPlain = unstatedClauses(plain);
    const termsA = denialTerms(denying);
    const termsB = denialTerms(plain);
    for (let i = 0; i < denying.tokens.length; i++) {
      if (!denies(denying.tokens[i]!.key)) continue;
      // "not only X but Y" affirms X.
      if (denying.tokens[i]!.key === 'not' && denying.tokens[i + 1]?.key === 'only') continue;
      const content = new Map<string, number>();
      for (let j = i + 1; j < denying.tokens.length && ca[j] === ca[i] && j - i <= 8; j++) {
        const term = termsA[j];
        if (term && !content.has(term)) content.set(term, j);
      }
      const head = content.keys().next().value;
      if (head === undefined || content.size < 2) continue;
      const found = new Map<string, number>();
      plain.tokens.forEach((_, k) => {
        if (deniedInPlain.has(cb[k]!)) return;
        const term = termsB[k];
        if (term && content.has(term) && !found.has(term)) found.set(term, k);
      });
      if (!found.has(head) || found.size < 2 || found.size < (2 * content.size) / 3) continue;
      // In the same order: "leader announced … meeting" is not denied by "meetings with the … leader".
      const order = [...found.keys()].sort((x, y) => content.get(x)! - content.get(y)!);
      if (order.some((term, k) => k > 0 && found.get(term)! < found.get(order[k - 1]!)!)) continue;
      const at = [...found.values()];
      const first = Math.min(...at);
      const last = Math.max(...at);
      if (last - first > 6 || cb[first] !== cb[last]) continue;
      const end = Math.max(...[...found.keys()].map((term) => content.get(term)!));
      return {
        kind: 'negation',
        here: denying.text.slice(denying.tokens[i]!.start, denying.tokens[end]!.end),
        there: plain.text.slice(plain.tokens[first]!.start, plain.tokens[last]!.end),
      };
    }
    return null;
  };
  return bothWays(sa, sb, one);
}

// ───────────────────────────── public API ─────────────────────────────

/** Checkable facts first, then attribution and wording, spelling last. */
const KIND_ORDER: ConflictKind[] = ['date', 'count', 'duration', 'number', 'negation', 'quote', 'certainty', 'title', 'name'];

/** A normal form for de-duplication: case, punctuation and spacing do not make a different conflict. */
const loose = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Conflicting details between two sentences already known to report the same point, most important
 * first. Differences of punctuation, case, hyphenation or abbreviation dots are never conflicts.
 */
export function findConflicts(here: string | Sent, there: string | Sent, cache?: ComparisonCache): Conflict[] {
  const a = sentOf(here, cache);
  const b = sentOf(there, cache);
  const all = [
    ...quantityConflicts(a, b),
    ...quoteConflicts(a, b),
    ...titleConflicts(a, b),
    ...nameConflicts(a, b),
    ...certaintyConflicts(a, b),
    ...negationConflicts(a, b),
  ];
  const seen = new Set<string>();
  const unique = all.filter((c) => {
    if (loose(c.here) === loose(c.there)) return false;
    const id = `${c.kind}|${loose(c.here)}|${loose(c.there)}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  // Array.prototype.sort is stable: within a kind the extractor's order (value differences first) stays.
  return unique.sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind));
}

/**
 * Whether the two sentences quote one statement in different words ("we had an extremely productive meeting" /
 * "we had a very productive meeting"): a quotation of one found in the other, quoted or not, with a word or two
 * changed inside a passage that otherwise keeps its words, two of them content words ("I'm going to start making
 * calls" / "I'm not going to be happy" share only "going"). Stricter than a quote conflict (two quotes that share
 * half their words), since the matcher takes it as the same point whatever else the sentences say.
 */
export function rewordsQuotation(here: string | Sent, there: string | Sent, cache?: ComparisonCache): boolean {
  const a = sentOf(here, cache);
  const b = sentOf(there, cache);
  return quotesReworded(a, b) || quotesReworded(b, a);
}

/** Most of a passage's words are common ones: at least this share of its length, on each side. */
const KEPT_WORDS = 0.7;

function quotesReworded(a: Sent, b: Sent): boolean {
  const other = allWords(b);
  return quotesOf(a).some((quote) => {
    if (!mayShare(quote, other, 3) || !mayShare(quote.filter((t) => isContentKey(t.key)), other, 2)) return false;
    const al = align(quote, other);
    if (!al || !al.internalChange || al.common < 3 || al.sharedContent < 2) return false;
    const dense = ([from, to]: [number, number]) => al.common >= KEPT_WORDS * (to - from + 1);
    return dense(al.a) && dense(al.b);
  });
}

export function compareSentences(here: string | Sent, there: string | Sent, cache: ComparisonCache = new Map()): { diff: DiffPart[]; conflicts: Conflict[] } {
  return { diff: wordDiff(here, there, cache), conflicts: findConflicts(here, there, cache) };
}
