/**
 * Decides whether a sentence states something another outlet could corroborate.
 *
 * First rule out what is not a claim (promos, credits, questions, headings, fragments),
 * then name the strongest checkable signal: a quote, a number, an attribution,
 * a named entity, or a plain statement of reasonable length.
 */
import type { ClaimVerdict } from './types';
import { REPORTING_VERB, countWords, hasTerminalPunctuation, isCreditLine, isPromoText } from './boilerplate';

/** Fewer words than this cannot carry a checkable point. */
const MIN_WORDS = 4;
/** A statement with no specific signal needs at least this many words to be worth checking. */
const MIN_PLAIN_STATEMENT_WORDS = 6;
/** Lines without sentence punctuation up to this length read as headings. */
const MAX_HEADING_WORDS = 20;
/** Sentences shorter than this must show a verb to count as more than a fragment. */
const VERB_CHECK_BELOW_WORDS = 8;
/**
 * Below this share of letters and digits among its visible characters, a line is code, a table or
 * ASCII art, not prose: news sentences, quotes and all, stay above 0.7.
 */
const MIN_PROSE_SHARE = 0.6;

const NUMBER_WORD =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|quarter|twice|thrice|first|second|third|fourth|fifth|tenth|percent|per cent)\b/i;

/** Auxiliaries, modals and frequent irregular verbs: enough to tell a clause from a noun phrase. */
const COMMON_VERB =
  /\b(?:is|are|was|were|be|been|being|am|has|have|had|having|do|does|did|will|would|can|could|shall|should|may|might|must|won't|can't|didn't|doesn't|isn't|wasn't|aren't|weren't|hasn't|haven't|met|left|made|took|gave|went|came|won|lost|held|led|saw|got|put|set|ran|began|became|found|thought|knew|kept|brought|sent|spent|paid|built|fell|rose|hit|cut|struck|spoke|chose|drove|flew|grew|threw|sold|bought|fought|caught|meant|felt|heard|stood|sat|understood|broke|shook|forgot|sought|let|remains|seems|appears|wants|needs|plans|expects|faces|takes|makes|gives|goes|comes|gets|knows|thinks|believes|leads|holds)\b/i;

/** Verbs that report a question being put, beyond the general reporting verbs. */
const ASKING = /\b(?:wondered|shouted|questioned|demanded|queried|pressed|question)\b/i;

/** Frequent verbs whose base and "-s" forms are rarely nouns ("the talks continue", "she agrees"). */
const BASE_VERB =
  /\b(?:continue|remain|want|need|seem|agree|refuse|hope|try|tries|believe|know|think|mean|happen|include|oppose|support|accept|reject|deny|denies|become|begin|stay|live|die|win|lose|meet|leave|rise|fall|grow|stand|hold|lead|keep|tell|give|take|make|come|go|see|get|pay|sell|buy|bring|send|expect|consider|allow|require|involve|fear|vow|warn|urge|insist|claim|say)(?:s|es)?\b/i;

const DOUBLE_QUOTE = /["“”«»„]/;
/** A quoted span: double quotes, or single curly quotes opening at a word boundary. */
const QUOTED_SPAN = /“[^”]*(?:”|$)|"[^"]*(?:"|$)|«[^»]*(?:»|$)|(?<![\p{L}\p{N}])‘[^‘]*?’(?![\p{L}])/gu;

/** Tokens of the sentence with their starting offsets. */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

const no = (reason: string): ClaimVerdict => ({ claim: false, reason });
const yes = (reason: string): ClaimVerdict => ({ claim: true, reason });

/**
 * Judge whether `text` (one sentence) is a checkable claim, with a short reason. `listed`: it is an item
 * of a list of statements (lib/boilerplate listedStatements): lacking sentence punctuation, it is still no heading.
 */
export function judgeClaim(text: string, listed = false): ClaimVerdict {
  const t = text.trim();
  if (!/[\p{L}\p{N}]/u.test(t)) return no('too short');
  if (!isProse(t)) return no('not prose');
  if (isCreditLine(t)) return no('credit line');
  if (isPromoText(t)) return no('promo');

  const outside = withoutQuotes(t);
  if (isQuestion(t, outside)) return no('question');

  const words = countWords(t);
  if (words < MIN_WORDS) return no('too short');
  // "Here are the key points:" introduces what follows; "He said:" is a lead-in to a quote.
  if (t.endsWith(':')) return no(REPORTING_VERB.test(t) ? 'lead-in' : 'heading');
  if (!listed && !hasTerminalPunctuation(t) && words <= MAX_HEADING_WORDS) return no('heading');
  if (words < VERB_CHECK_BELOW_WORDS && !hasVerbLike(t)) return no('fragment');

  if (hasQuote(t)) return yes('quote');
  if (hasNumber(t)) return yes('number');
  if (REPORTING_VERB.test(t)) return yes('attribution');
  if (hasNamedEntity(t)) return yes('named entity');
  if (words >= MIN_PLAIN_STATEMENT_WORDS) return yes('statement');
  return no('too vague');
}

const SYMBOL = /[^\p{L}\p{N}\s]/gu;

/** Counts the symbols, not the letters: prose has few of them, so this is the quicker way round. */
function isProse(t: string): boolean {
  const symbols = t.match(SYMBOL)?.length ?? 0;
  return symbols === 0 || symbols <= (1 - MIN_PROSE_SHARE) * t.replace(/\s+/g, '').length;
}

/** The sentence with quoted spans blanked out, so we can judge the reporter's own words. */
function withoutQuotes(t: string): string {
  return t.replace(QUOTED_SPAN, ' ');
}

/**
 * A question, unless the question sits inside a quotation that the sentence reports
 * (`She asked: “Why now?”` or `“Why now?” he asked.` state that someone asked something).
 */
function isQuestion(t: string, outside: string): boolean {
  const core = t.replace(/[\s"'”’)\]}»›]+$/u, '');
  if (!core.endsWith('?')) return false;
  const questionIsQuoted = /[”"’»]/.test(t.slice(core.length));
  if (!questionIsQuoted) return true;
  const reportsAsking = REPORTING_VERB.test(outside) || ASKING.test(outside);
  return !reportsAsking || countWords(outside) < 2;
}

function hasQuote(t: string): boolean {
  if (DOUBLE_QUOTE.test(t)) return true;
  QUOTED_SPAN.lastIndex = 0;
  return QUOTED_SPAN.test(t);
}

function hasNumber(t: string): boolean {
  return /\p{N}/u.test(t) || NUMBER_WORD.test(t);
}

/**
 * A clause rather than a noun phrase: an auxiliary or common verb, a reporting verb,
 * a past tense ("-ed"), or a present-tense "-s" verb right after a name or pronoun ("Trump leaves").
 */
function hasVerbLike(t: string): boolean {
  if (COMMON_VERB.test(t) || BASE_VERB.test(t) || REPORTING_VERB.test(t)) return true;
  if (/\b\p{Ll}{2,}ed\b/u.test(t)) return true;
  // A subject pronoun followed by a lower-case word: "I want …", "they need …".
  if (/(?:^|[\s“"‘(])(?:I|we|you|they|he|she|it|We|You|They|He|She|It)\s+\p{Ll}{2,}/u.test(t)) return true;
  return /(?:\b\p{Lu}[\p{L}'’-]*|\b(?:he|she|it|who|that|which|they))\s+\p{Ll}{2,}[^s\s]s\b/u.test(t);
}

/**
 * A capitalised word that is not merely sentence-initial: "… met Putin", "NATO said",
 * "Donald Trump left". Words opening a quotation and the pronoun "I" do not count.
 */
function hasNamedEntity(t: string): boolean {
  const tokens = [...t.matchAll(TOKEN)];
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    const word = tok[0];
    if (!/^\p{Lu}/u.test(word) || /^I(?:['’].*)?$/u.test(word)) continue;
    const before = t.slice(0, tok.index).trimEnd();
    const opensClause = before === '' || /[.?!:;"“‘«(\[—–-]$/u.test(before);
    if (!opensClause) return true;
    // Sentence-initial: a name only if it is an acronym or followed by another capitalised word.
    const next = tokens[k + 1]?.[0];
    if (/^\p{Lu}{2,}$/u.test(word) || (next !== undefined && /^\p{Lu}/u.test(next) && next !== 'I')) return true;
  }
  return false;
}
