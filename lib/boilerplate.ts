/**
 * Recognises paragraphs of an extracted article that are not part of the story:
 * promos and calls to action ("READ MORE: …", "Email us at …"), related-link lists and the headlines under them,
 * credit, copyright, syndication, editor's-note and correction lines ("(With inputs from AP)"), the reporters'
 * closing datelines ("X reported from Anchorage"), cookie notices, short section headings and the author's bio
 * closing a page.
 *
 * Rules look only at the shape and the opening words of a line, never at its topic,
 * so they apply to any English news page.
 */

/** A reporting verb, in lower case as it appears mid-sentence ("he said", "told reporters"). */
export const REPORTING_VERB =
  /\b(?:said|says|say|saying|told|tells|telling|added|adds|adding|reported|reporting|claimed|claims|claiming|stated|announced|announces|confirmed|confirms|denied|denies|insisted|insists|warned|warns|argued|argues|wrote|writes|noted|acknowledged|acknowledges|admitted|admits|asked|asks|urged|urges|described|describes|revealed|reveals|explained|explains|declared|declares|quoted|quoting|quotes|stressed|stresses|emphasi[sz]ed|remarked|replied|replies|responded|responds|tweeted|posted|alleged|alleges|predicted|vowed|pledged|promised|conceded|suggested|signall?ed|asserted|recalled|commented|testified|disclosed)\b|\b[Aa]ccording to\b/;

/** "READ MORE: …", "Also Read:Trump says …", "WATCH | …", "Related - …". */
const PROMO_PREFIX =
  /^(?:read more|also read|read also|must read|see also|also see|read next|related|recommended|watch|watch video|also watch|listen|don['’]t miss|more on this(?: story)?|trending|explore more)\s*(?:[:|]|\s[–—-]\s)/i;

/**
 * Lines that open with a call to action ("Sign up for …", "Click here …", "Email us at …"), a reader appeal,
 * the placeholder of an embedded post the reader's privacy settings block, or a paywall prompt.
 */
const PROMO_OPENING = new RegExp(
  `^(?:${[
    // Calls to action and site furniture.
    String.raw`sign up\b|subscribe\b|follow us\b|click here\b|tap here\b|share this\b|share on\b|download (?:the|our)\b`,
    String.raw`advertisement\b|story continues\b|continue reading\b|you (?:may|might) also like\b|read more\b|also read\b`,
    String.raw`read also\b|see also\b|don['’]t miss\b|get (?:the latest|our|breaking)\b|join (?:us|our)\b`,
    String.raw`listen to (?:this|the) (?:article|story)\b|listen to the (?:full )?(?:episode|podcast|interview)\b`,
    String.raw`(?:read|watch|see) (?:the|our) full (?:story|article|report|transcript|interview|statement|text|coverage)\b`,
    String.raw`skip (?:ad|advert)|skip past\b|scroll (?:down|to continue)\b|all times (?:are|in)\b`,
    // Reader appeals.
    String.raw`(?:email|e-mail|write to|contact|tell) us\b|send us (?:your|a|an)\b`,
    String.raw`share your (?:experiences?|stories|story|views|thoughts|photos|tips?)\b|thanks? (?:you )?for reading\b`,
    String.raw`we rely on (?:readers|your support)\b|support (?:our|independent) journalism\b|(?:make a )?donat(?:e|ion) (?:now|today)\b`,
    // Consent placeholders of embedded posts, cookie notices.
    String.raw`we use cookies\b|this content is not available\b|update your (?:settings|preferences|privacy|cookie)`,
    String.raw`allow [a-z ]{1,20} content\?|this article contains content provided by\b|we ask for your permission\b`,
    String.raw`(?:please )?(?:enable|turn on) (?:javascript|cookies)\b|to view this content\b`,
    // Paywalls and accounts.
    String.raw`create (?:a|an) (?:free )?account\b|you(?:['’]ve| have) (?:reached|read) (?:your|the) (?:limit|maximum)\b`,
    String.raw`this (?:article|story|content) is (?:only )?(?:for|available to|exclusive to) (?:subscribers|members)\b`,
  ].join('|')})`,
  'i',
);

/**
 * "Follow Jane Doe on X", "Follow the latest updates as …": case matters in the first, or "Follow the
 * guidance on masks" would be a promo.
 */
const FOLLOW_PROMPT =
  /^(?:Follow (?:us|me|him|her|them|\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2}) on\b|[Ff]ollow (?:(?:the|our|all the) )?(?:(?:latest|live|breaking) )+(?:updates?|coverage|news|developments|blog)\b)/u;

/** Headers that introduce a list of links to other stories; matched against the whole line. */
const LIST_HEADER =
  /^(?:you (?:may|might) also like|more from(?: [\p{L}\p{N}&'’-]+){1,4}|more (?:stories|news|on this story|on this topic|videos)|related(?: (?:stories|articles|news|content|coverage|links|topics|reading|videos))?|most (?:read|popular|viewed|shared|watched)|recommended(?: (?:for you|stories|articles|reading|videos))?|trending(?: now| stories| news)?|top stories|latest (?:news|stories|videos)|editor['’]?s['’]? picks|in other news|what to read next|read next|popular now|across the web|from around the web|promoted (?:stories|content)|sponsored(?: content| stories)?|also on [\p{L} ]{1,30})\s*:?$/iu;

/** "(With inputs from AP)", "(Reporting by …; Editing by …)", "Additional reporting by …". */
const CREDIT_PATTERNS = [
  /^\(\s*(?:with )?(?:inputs?|reporting|additional reporting|writing|editing|edited|written|compiled|photos?|images?|source|agencies)\b[^)]*\)\.?$/i,
  /^(?:additional )?(?:reporting|writing|editing|edited|written|compiled|produced) by\b/i,
  /^(?:with )?inputs? from\b/i,
  /^this (?:article|story|report) (?:(?:was|has been) (?:first |originally )?(?:published|updated|edited|generated|produced)|(?:first|originally) (?:published|appeared)|appeared (?:first )?(?:on|in))\b/i,
  /^originally (?:published|appeared)\b/i,
  /^(?:photo|photograph|picture|image|illustration|graphic|video|source|credit)s?\s*:/i,
  // Captions as copied from a page: "Image caption, …", "Image source, Getty Images", "Media caption, …".
  /^(?:image|media|video) (?:caption|source)\s*,/i,
  // A caption ending in its photo credit: "… in Anchorage. Photograph: Andrew Harnik/Getty Images", "… (AP Photo/Jane Doe)".
  /(?:^|[.!?]\s+)(?:photograph|photo|picture|image)s?\s*:\s*[^.!?]{1,80}$/i,
  /\(\s*(?:[\p{L}]+\s+)?photo\s*\/[^)]{1,60}\)\.?$/iu,
  // When the page was published or updated: "Updated at 15.42 BST", "First published on Fri 15 Aug 2025 18.00 EDT".
  /^(?:first |last )?(?:published|updated|modified|posted)(?: on| at)?\s(?=[^!?]{1,60}$)(?!.*\.$).*(?:\d{1,2}[.:]\d{2}|\b\d{4}\b|\b\d+\s?(?:h|hours?|min|minutes?|days?)\s+ago\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)/i,
  /^this (?:article|story) is more than \d+ \w+ old$/i,
  /^(?:©|\(c\)\s|copyright\s+(?:©|\(c\)|\d{4}\b))/i,
  /^editor['’]?s['’]? note\s*:/i,
  /^this (?:is an? )?(?:developing|breaking)(?: news)? (?:story|report)\b/i,
  // "Heba Habib contributed to this report.", "The Associated Press contributed reporting from Cairo."
  /\bcontributed (?:reporting|research|to this (?:report|article|story))(?: (?:from|in) \p{Lu}[^.!?]*)?\.?$/iu,
  // The reporters' datelines closing a story: "Anton Troianovski reported from Anchorage, and David E. Sanger from
  // Washington." Names and places only: "Reuters reported from Moscow that …" is news.
  /^(?:\p{Lu}[\p{L}.'’-]*\s){1,4}(?:and (?:\p{Lu}[\p{L}.'’-]*\s){1,4})?reported from (?:\p{Lu}[\p{L}.'’-]*[\s,]*)+(?:,? and (?:\p{Lu}[\p{L}.'’-]*\s){1,4}(?:reported )?from (?:\p{Lu}[\p{L}.'’-]*[\s,]*)+)*\.?$/u,
];

/**
 * A correction notice about the article itself ("This article was amended on 16 August to correct …",
 * "Correction: An earlier version of this story …"): it can run longer than a credit line.
 */
const CORRECTION_NOTICE =
  /^(?:(?:correction|clarification)s?(?:\s+appended)?(?:\s*\([^)]{0,30}\)|,[^:]{0,25})?\s*:|an earlier version of this (?:article|story|report|piece)\b|this (?:article|story|report|piece) (?:was|has been) (?:amended|corrected|revised)\b)/i;

/**
 * The opening of an author's bio: a name, then "is/was a … reporter" within a few words ("Jane Doe is a
 * White House correspondent for …"). Only the last story paragraph is read so: mid-story, the same
 * shape is news about a journalist.
 */
const AUTHOR_BIO =
  /^(?:\p{Lu}[\p{L}.'’-]*\s){1,3}(?:is|was|has been)\s(?:a|an|the)\s(?:[\p{L}'’-]+\s){0,6}?(?:correspondent|reporter|editor|writer|journalist|columnist|contributor|producer|bureau chief|anchor|commentator)s?\b/u;

const CLOSING_CHARS = /["'”’)\]}»›\s]+$/u;

/** Number of words (runs of letters or digits). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’\-.,]*/gu)?.length ?? 0;
}

/** Whether the text ends like a sentence: . ? ! or … (possibly followed by quotes/brackets). */
export function hasTerminalPunctuation(text: string): boolean {
  return /[.?!…]$/.test(text.replace(CLOSING_CHARS, ''));
}

/** Credit or agency line: not story text, not a claim. */
export function isCreditLine(text: string): boolean {
  const t = text.trim();
  if (CORRECTION_NOTICE.test(t) && countWords(t) <= 80) return true;
  if (countWords(t) > 25) return false;
  if (CREDIT_PATTERNS.some((re) => re.test(t))) return true;
  // A short line wholly in brackets without a sentence in it: "(AP)", "(Reuters)".
  return /^\([^()]*\)$/.test(t) && countWords(t) <= 6 && !hasTerminalPunctuation(t.slice(1, -1));
}

/** A header that introduces a list of related links ("You may also like", "Most read"). */
export function isListHeader(text: string): boolean {
  const t = text.trim();
  return LIST_HEADER.test(t) && countWords(t) <= 8 && !hasTerminalPunctuation(t);
}

/** Promo, navigation or call-to-action text (also list headers). Credit lines are separate. */
export function isPromoText(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (PROMO_PREFIX.test(t)) return true;
  if (isListHeader(t)) return true;
  return (PROMO_OPENING.test(t) || FOLLOW_PROMPT.test(t)) && countWords(t) <= 30;
}

/** A line shaped like a headline: no sentence punctuation (or a short question), not too long. */
function isHeadlineLike(text: string): boolean {
  const words = countWords(text);
  if (words === 0 || words > 25 || /[,;]$/.test(text)) return false;
  if (!hasTerminalPunctuation(text)) return true;
  return /[?!]$/.test(text.replace(CLOSING_CHARS, '')) && words <= 15;
}

/**
 * A short standalone heading: "A warm welcome underscoring ties", "Here are the key points:".
 * A colon line that carries a reporting verb ("He said:") introduces a quote and is story text.
 */
function isHeadingShaped(text: string): boolean {
  const words = countWords(text);
  if (words === 0 || !/^[\p{Lu}\p{N}"“‘']/u.test(text)) return false;
  if (text.endsWith(':')) return words <= 15 && !REPORTING_VERB.test(text);
  return words <= 12 && !hasTerminalPunctuation(text) && !/[,;–—-]$/.test(text);
}

/** A paragraph that reads as story text: ends like a sentence, or is too long to be a heading. */
function isNormalParagraph(text: string): boolean {
  return !isHeadingShaped(text) && (hasTerminalPunctuation(text) || countWords(text) > 25);
}

/** "Key points:", "Here's what we know so far:", "Five takeaways from the summit:": a header whose list states the story's points. */
const SUMMARY_HEADER =
  /^(?:here(?:['’]s| is| are) )?(?:the |some )?(?:(?:key|main) (?:points|facts|details)|(?:[\p{L}\d-]+ )?takeaways|what we know|at a glance|in brief)\b[^:]{0,60}:$/iu;

/**
 * For each paragraph, whether it is an item of a list of statements: a run of two or more lines without
 * sentence punctuation right after a lead-in with a reporting verb ("President Obama also said:") or a
 * summary header ("Key points:"). They are shaped like headlines but state the story's points ("He is
 * confident the Iran nuclear deal will be passed by Congress"). One such line followed by a paragraph is
 * a section heading ("Here are key takeaways:", "A warm welcome underscoring ties", then the section).
 */
export function listedStatements(paragraphs: readonly string[]): boolean[] {
  const listed = paragraphs.map(() => false);
  let run: number[] | null = null;
  const close = () => {
    if (run && run.length >= 2) for (const i of run) listed[i] = true;
    run = null;
  };
  paragraphs.forEach((paragraph, i) => {
    const t = paragraph.trim();
    if (t === '') return;
    if (t.endsWith(':') && (REPORTING_VERB.test(t) || SUMMARY_HEADER.test(t))) {
      close();
      run = [];
    } else if (run && isHeadlineLike(t) && !isPromoText(t) && !isCreditLine(t)) run.push(i);
    else close();
  });
  close();
  return listed;
}

/**
 * For each paragraph, whether it is not part of the story (promo, related links, credit,
 * heading, empty) and should be dropped from indexing and claim counting. `listed`: the paragraphs'
 * listedStatements, when the caller has them already.
 */
export function boilerplateParagraphs(paragraphs: string[], listed: readonly boolean[] = listedStatements(paragraphs)): boolean[] {
  const lines = paragraphs.map((p) => p.trim());
  const flags = lines.map((t) => t === '');
  let inLinkList = false;

  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!;
    if (t === '' || listed[i]) continue; // blank lines neither end nor start a link list
    if (isListHeader(t)) {
      flags[i] = true;
      inLinkList = true;
    } else if (isPromoText(t) || isCreditLine(t)) {
      flags[i] = true;
    } else if (inLinkList && isHeadlineLike(t)) {
      flags[i] = true;
    } else {
      inLinkList = false;
      flags[i] = isHeadingShaped(t) && headsNormalParagraph(lines, i);
    }
  }
  flagTrailingHeadlines(lines, flags, listed);
  flagAuthorBio(lines, flags);
  return flags;
}

/** The author's bio as the last story paragraph (the boilerplate after it is flagged already). */
function flagAuthorBio(lines: string[], flags: boolean[]): void {
  const last = flags.lastIndexOf(false);
  if (last >= 0 && AUTHOR_BIO.test(lines[last]!)) flags[last] = true;
}

/** Whether a normal paragraph follows line `i`, possibly after further headings or boilerplate. */
function headsNormalParagraph(lines: string[], i: number): boolean {
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j]!;
    if (t === '' || isPromoText(t) || isCreditLine(t)) continue;
    if (isNormalParagraph(t)) return true;
    if (!isHeadingShaped(t)) return false;
  }
  return false;
}

/**
 * Two or more headline-like lines closing the page are a link list whose header was lost
 * in extraction; story paragraphs end with sentence punctuation.
 */
function flagTrailingHeadlines(lines: string[], flags: boolean[], listed: readonly boolean[]): void {
  const run: number[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const t = lines[i]!;
    if (flags[i]) continue;
    if (listed[i] || !isHeadlineLike(t) || hasTerminalPunctuation(t)) break;
    run.push(i);
  }
  if (run.length >= 2) for (const i of run) flags[i] = true;
}
